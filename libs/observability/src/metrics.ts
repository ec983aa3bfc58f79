import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Open and overdue deadlines of one municipality and kind, as the projections see them now. */
export interface DeadlineCount {
  municipality: string;
  kind: string;
  open: number;
  overdue: number;
}

/** Supplies the deadline gauges at scrape time; the projections wiring provides it. */
export type DeadlineCountSource = () => Promise<DeadlineCount[]> | DeadlineCount[];

/** A follower's distance from the store head, measured at scrape time. */
export interface LagReading {
  events: number;
  seconds: number;
}

export type AppendOutcome = 'appended' | 'replayed';
export type ConflictKind = 'version' | 'event_id' | 'rule';

// Seconds; command latency is dominated by one fsync (~1-10 ms), reads by the stream size.
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Every Prometheus series Fristvakt exposes, in one registry per process (not prom-client's global
 * one, so several apps in one test process do not collide). Framework-free, so the Kafka apps use
 * the same names. Gauges whose source may not exist in a process (follower lag, deadlines) are
 * only registered once a source is attached: an absent series is honest, a constant 0 is not.
 */
export class FristvaktMetrics {
  readonly registry = new Registry();
  private readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly appends: Counter<'outcome'>;
  private readonly appendedEvents: Counter;
  private readonly conflicts: Counter<'kind' | 'rule'>;
  private readonly dlq: Counter<'topic' | 'reason'>;
  private readonly lagSources = new Map<string, () => Promise<LagReading>>();
  private lagGauges: { events: Gauge<'component'>; seconds: Gauge<'component'> } | null = null;
  private deadlineSource: DeadlineCountSource | null = null;

  constructor(options: { defaultMetrics?: boolean; prefix?: string } = {}) {
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: options.prefix });
    const registers = [this.registry];
    this.httpRequests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.appends = new Counter({
      name: 'fristvakt_appends_total',
      help: 'Recorded batches: appended (new events written) or replayed (an exact resend, nothing written)',
      labelNames: ['outcome'],
      registers,
    });
    this.appendedEvents = new Counter({ name: 'fristvakt_appended_events_total', help: 'Events written to the log', registers });
    this.conflicts = new Counter({
      name: 'fristvakt_append_conflicts_total',
      help: 'Refused batches: version conflict, event id conflict, or case rule violation (by rule code)',
      labelNames: ['kind', 'rule'],
      registers,
    });
    this.dlq = new Counter({
      name: 'fristvakt_dlq_messages_total',
      help: 'Messages sent to a dead-letter topic, by the topic they were consumed from and reason (the Kafka intake: the HTTP status the body would have got)',
      labelNames: ['topic', 'reason'],
      registers,
    });
  }

  /** `route` must be the route pattern (`/v1/cases/:caseId`), never the URL: ids would explode the series. */
  observeHttp(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  recordedBatch(outcome: AppendOutcome, events: number): void {
    this.appends.inc({ outcome });
    if (outcome === 'appended') this.appendedEvents.inc(events);
  }

  /** `rule` is the case rule code for `kind: 'rule'`, empty otherwise. */
  conflict(kind: ConflictKind, rule = ''): void {
    this.conflicts.inc({ kind, rule });
  }

  /** For the Kafka intake: one message parked in a dead-letter topic; `topic` is the one it was consumed from, not the DLQ. */
  deadLettered(topic: string, reason: string): void {
    this.dlq.inc({ topic, reason });
  }

  /**
   * Exposes `fristvakt_lag_events` / `fristvakt_lag_seconds{component}` for a follower of the log
   * (projections, Kafka relay). Returns a function that removes it again.
   */
  addLagSource(component: string, read: () => Promise<LagReading>): () => void {
    this.lagSources.set(component, read);
    this.ensureLagGauges();
    return () => {
      this.lagSources.delete(component);
      this.lagGauges?.events.remove({ component });
      this.lagGauges?.seconds.remove({ component });
    };
  }

  /** Exposes `fristvakt_deadlines_open` / `fristvakt_deadlines_overdue{municipality,kind}`, read at scrape time. */
  setDeadlineSource(source: DeadlineCountSource): void {
    const first = this.deadlineSource === null;
    this.deadlineSource = source;
    if (!first) return;
    // Each gauge asks on its own: a cache shared by the pair would need a notion of "one scrape"
    // that prom-client does not give, and a stale answer is worse than a second count.
    const read = async () => (this.deadlineSource ? await this.deadlineSource() : []);
    const gauge = (name: string, help: string, pick: (count: DeadlineCount) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['municipality', 'kind'],
        registers: [this.registry],
        async collect() {
          this.reset();
          for (const count of await read()) this.set({ municipality: count.municipality, kind: count.kind }, pick(count));
        },
      });
    gauge('fristvakt_deadlines_open', 'Open statutory deadlines (review, investigation) by municipality', (c) => c.open);
    gauge('fristvakt_deadlines_overdue', 'Open statutory deadlines already past, by municipality', (c) => c.overdue);
  }

  contentType(): string {
    return this.registry.contentType;
  }

  async render(): Promise<string> {
    return this.registry.metrics();
  }

  private ensureLagGauges(): void {
    if (this.lagGauges) return;
    const sources = this.lagSources;
    const readAll = async () => {
      const readings = new Map<string, LagReading>();
      await Promise.all(
        [...sources].map(async ([component, read]) => {
          try {
            readings.set(component, await read());
          } catch {
            // A follower that cannot say how far behind it is shows no value rather than a wrong one.
          }
        }),
      );
      return readings;
    };
    const gauge = (name: string, help: string, pick: (r: LagReading) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['component'],
        registers: [this.registry],
        async collect() {
          this.reset();
          for (const [component, reading] of await readAll()) this.set({ component }, pick(reading));
        },
      });
    this.lagGauges = {
      events: gauge('fristvakt_lag_events', 'Events in the log not yet applied by a follower (projections, Kafka relay)', (r) => r.events),
      seconds: gauge('fristvakt_lag_seconds', 'Age of the oldest event a follower has not applied yet; 0 when caught up', (r) => r.seconds),
    };
  }
}

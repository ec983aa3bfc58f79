import type { FristvaktMetrics, LagReading } from './metrics';

/** One component's answer: `ready` plus whatever helps an operator (positions, lag, errors). */
export interface ComponentHealth {
  ready: boolean;
  [detail: string]: unknown;
}

export interface HealthComponent {
  /** unique within the process: "store", "projections", "kafka-relay", … */
  name: string;
  check(): Promise<ComponentHealth> | ComponentHealth;
}

export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  /** set once shutdown has begun: the instance must leave the load balancer whatever its components say */
  shuttingDown?: true;
  components: Array<{ name: string } & ComponentHealth>;
}

/** What a log follower tells about itself; {@link ProjectionRunner.lag} has exactly this shape. */
export interface FollowerLagSource {
  lag(): Promise<{ position: number; headPosition: number; behind: number }>;
}

export interface HealthRegistryOptions {
  /**
   * Dates the oldest unapplied event, for lag in seconds, and counts the unapplied events: positions
   * need not be gapless (on EventStoreDB they are byte offsets), so head − position is no count.
   */
  store?: {
    readAll(afterPosition: number, limit: number): Promise<Array<{ recordedAt: string }>>;
    countAfter?(afterPosition: number, limit: number): Promise<number>;
  };
  /** followers' lag is exported there as gauges */
  metrics?: FristvaktMetrics;
  /** a follower further behind than this many events is not ready */
  maxLagEvents?: number;
  /** a check that takes longer counts as not ready */
  checkTimeoutMs?: number;
  now?: () => number;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 2_000;
/**
 * Lag is counted up to this many events (or the readiness threshold, if higher): enough for the
 * gauges, and a bound on the scan a store with sparse positions has to do for every check.
 */
export const LAG_COUNT_LIMIT = 10_000;

/**
 * Readiness is the conjunction of every registered component. Components come and go with the
 * features a process runs: the store always, the projections runner, the Kafka relay and intake
 * when they are wired. Framework-free, so every app (HTTP, Kafka) uses the same one.
 */
export class HealthRegistry {
  private readonly components = new Map<string, HealthComponent>();
  private shuttingDown = false;
  private readonly maxLagEvents: number;
  private readonly checkTimeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: HealthRegistryOptions = {}) {
    this.maxLagEvents = options.maxLagEvents ?? 0;
    this.checkTimeoutMs = options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
  }

  /** Adds a component to readiness; returns a function that removes it. A name is registered once. */
  register(component: HealthComponent): () => void {
    if (this.components.has(component.name)) throw new Error(`health component "${component.name}" is already registered`);
    this.components.set(component.name, component);
    return () => {
      if (this.components.get(component.name) === component) this.components.delete(component.name);
    };
  }

  /**
   * A follower of the event log (projections runner, Kafka relay): ready while at most
   * `maxLagEvents` behind the store head; its lag in events and seconds is also exported as metrics.
   */
  registerFollower(name: string, source: FollowerLagSource): () => void {
    const readLag = async (): Promise<LagReading & { position: number; headPosition: number }> => {
      const { position, headPosition, behind } = await source.lag();
      if (behind <= 0) return { position, headPosition, events: 0, seconds: 0 };
      return { position, headPosition, events: await this.eventsAfter(position, behind), seconds: await this.ageOfEventAfter(position) };
    };
    const unregister = this.register({
      name,
      check: async () => {
        const lag = await readLag();
        return {
          ready: lag.events <= this.maxLagEvents,
          position: lag.position,
          headPosition: lag.headPosition,
          lagEvents: lag.events,
          lagSeconds: lag.seconds,
          maxLagEvents: this.maxLagEvents,
        };
      },
    });
    const removeMetrics = this.options.metrics?.addLagSource(name, readLag);
    return () => {
      unregister();
      removeMetrics?.();
    };
  }

  /** From now on readiness is false: the load balancer drains the instance before it stops. */
  beginShutdown(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  async check(): Promise<ReadinessReport> {
    const components = await Promise.all([...this.components.values()].map((c) => this.checkOne(c)));
    const ready = !this.shuttingDown && components.every((c) => c.ready);
    return { status: ready ? 'ok' : 'unavailable', ...(this.shuttingDown ? { shuttingDown: true as const } : {}), components };
  }

  private async checkOne(component: HealthComponent): Promise<{ name: string } & ComponentHealth> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ComponentHealth>((resolve) => {
      timer = setTimeout(() => resolve({ ready: false, error: `no answer within ${this.checkTimeoutMs} ms` }), this.checkTimeoutMs);
    });
    try {
      const health = await Promise.race([Promise.resolve().then(() => component.check()), timeout]);
      return { name: component.name, ...health };
    } catch (error) {
      // The message, not the stack: readiness answers are served to anyone who can reach the port.
      return { name: component.name, ready: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** `behind` is a position difference; only a store that counts turns it into events. */
  private async eventsAfter(position: number, behind: number): Promise<number> {
    const store = this.options.store;
    if (!store?.countAfter) return behind;
    return store.countAfter(position, Math.max(this.maxLagEvents + 1, LAG_COUNT_LIMIT));
  }

  /** Seconds since the first event the follower has not applied was recorded. */
  private async ageOfEventAfter(position: number): Promise<number> {
    const store = this.options.store;
    if (!store) return 0;
    const [next] = await store.readAll(position, 1);
    if (!next) return 0;
    return Math.max(0, (this.now() - Date.parse(next.recordedAt)) / 1000);
  }
}

/**
 * Details an unauthenticated probe may see: readiness, lag, errors. Not positions, checkpoints or
 * event counts, which measure every municipality's log (issue 14); a component's new detail stays
 * hidden until it is added here.
 */
const PUBLIC_DETAILS: ReadonlySet<string> = new Set([
  'name',
  'ready',
  'error',
  'lagEvents',
  'lagSeconds',
  'maxLagEvents',
  'lag',
  'running',
  'connected',
  'joined',
  'lastError',
  'lastErrorAt',
  'consecutiveFailures',
  'lastHandledAt',
  'lastPublishedAt',
  'startedFrom',
  'rebuildReason',
]);

/** The readiness answer for `/health`, which orchestrator probes call without a token. */
export function publicReadiness(report: ReadinessReport): ReadinessReport {
  return {
    ...report,
    components: report.components.map(
      (component) =>
        Object.fromEntries(Object.entries(component).filter(([key]) => PUBLIC_DETAILS.has(key))) as ReadinessReport['components'][number],
    ),
  };
}

/** The store is ready when it answers a read. */
export function storeHealth(store: { headPosition(): Promise<number> }): HealthComponent {
  return {
    name: 'store',
    check: async () => ({ ready: true, headPosition: await store.headPosition() }),
  };
}

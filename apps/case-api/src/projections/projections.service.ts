import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DEFAULT_DEADLINE_RULES, osloDateOf } from '@fristvakt/domain';
import type { EventStore } from '@fristvakt/event-store';
import type { DeadlineCount, FristvaktMetrics, HealthRegistry } from '@fristvakt/observability';
import { deadlines, FileSnapshotStore, PositionTimeoutError, ProjectionRunner, type ProjectionModel } from '@fristvakt/projections';
import type { AppConfig } from '../config/app-config';
import type { ShutdownHooks } from '../ops/shutdown-hooks';
import { APP_CONFIG, CLOCK, EVENT_STORE, HEALTH_REGISTRY, METRICS, SHUTDOWN_HOOKS, type Clock } from '../tokens';
import { ProjectionsUnavailable } from './projections-unavailable';
import { projectionSnapshotPath } from './snapshot-path';

const START_RETRY_MS = 5_000;

/**
 * Owns the read model behind the leader queries. The runner starts in the background once the app
 * is initialised (snapshot, catch-up, then follow), so a long rebuild after a PROJECTION_VERSION
 * change never keeps the process from answering liveness probes; readiness stays false and the
 * leader queries wait (bounded) until the first catch-up is done. Stopping saves the snapshot
 * while the store is still open (a shutdown hook runs before the store closes).
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Projections');
  readonly runner: ProjectionRunner;
  private caughtUp = false;
  private stopping = false;
  private lastStartError: string | null = null;
  private starting: Promise<void> | null = null;
  private readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HEALTH_REGISTRY) private readonly health: HealthRegistry,
    @Inject(METRICS) private readonly metrics: FristvaktMetrics,
    @Inject(SHUTDOWN_HOOKS) private readonly shutdownHooks: ShutdownHooks,
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.runner = new ProjectionRunner({
      store,
      deadlineRules: DEFAULT_DEADLINE_RULES,
      // A memory store starts empty every time: a snapshot of it would describe another log.
      snapshots: config.store === 'memory' ? undefined : new FileSnapshotStore(projectionSnapshotPath(config.dataDir, config.snapshotDir)),
      onError: (error) => this.logger.error(`following the event log: ${messageOf(error)}`),
    });
  }

  onApplicationBootstrap(): void {
    this.health.registerFollower('projections', this.runner);
    // The follower check alone cannot tell "still loading the snapshot" from "caught up with a short log".
    this.health.register({
      name: 'projections-start',
      check: () => {
        const { startedFrom, rebuildReason } = this.runner.status;
        return { ready: this.caughtUp, startedFrom, rebuildReason, ...(this.lastStartError ? { error: this.lastStartError } : {}) };
      },
    });
    this.metrics.setDeadlineSource(() => this.deadlineCounts());
    this.shutdownHooks.register('projections', () => this.stop());
    this.starting = this.startWithRetries();
  }

  /** Caught up after the start: figures from the model are as fresh as the follower keeps them. */
  get isCaughtUp(): boolean {
    return this.caughtUp;
  }

  /** Resolves when the first catch-up after start is done (tests and tools wait on it). */
  whenCaughtUp(): Promise<void> {
    return this.ready;
  }

  /**
   * The live model once it reflects at least `minPosition` (read-your-writes after a POST, whose
   * answer carries `position`). Waits at most FRISTVAKT_MIN_POSITION_WAIT_MS in all, then throws
   * a 503 problem with Retry-After.
   */
  async modelAt(minPosition: number | undefined): Promise<{ model: ProjectionModel; position: number }> {
    const waitMs = this.config.minPositionWaitMs;
    const deadline = Date.now() + waitMs;
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    if (!this.caughtUp) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), waitMs)));
      const outcome = await Promise.race([this.ready.then(() => 'ready' as const), timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        throw new ProjectionsUnavailable(
          'The figures are being rebuilt from the event log after a start; try again shortly.',
          retryAfterSeconds,
          {
            position: this.runner.position,
          },
        );
      }
    }
    if (minPosition !== undefined && this.runner.position < minPosition) {
      try {
        await this.runner.waitForPosition(minPosition, Math.max(0, deadline - Date.now()));
      } catch (error) {
        if (!(error instanceof PositionTimeoutError)) throw error;
        throw new ProjectionsUnavailable(
          `The figures reflect the event log up to position ${error.reached}, not yet ${minPosition}; try again shortly.`,
          retryAfterSeconds,
          { wantedPosition: minPosition, position: error.reached },
        );
      }
    }
    return { model: this.runner.model, position: this.runner.position };
  }

  private async startWithRetries(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.runner.start();
        const { startedFrom, rebuildReason, position } = this.runner.status;
        this.logger.log(`caught up at position ${position} (from ${startedFrom}${rebuildReason ? `: ${rebuildReason}` : ''})`);
        this.caughtUp = true;
        this.lastStartError = null;
        this.markReady();
        return;
      } catch (error) {
        this.lastStartError = messageOf(error);
        this.logger.error(`starting failed, retrying in ${START_RETRY_MS} ms: ${this.lastStartError}`);
        await new Promise((resolve) => setTimeout(resolve, START_RETRY_MS).unref());
      }
    }
  }

  private async stop(): Promise<void> {
    this.stopping = true;
    // A start still catching up finishes first: stopping in between would race its follow().
    await this.starting;
    if (this.caughtUp) await this.runner.stop();
  }

  /** Open and overdue deadlines per municipality and kind today, for the Prometheus gauges. */
  private deadlineCounts(): DeadlineCount[] {
    if (!this.caughtUp) return [];
    const board = deadlines(this.runner.model, {
      asOf: osloDateOf(this.clock().toISOString()),
      method: 'legal',
      rules: DEFAULT_DEADLINE_RULES,
    });
    const counts = new Map<string, DeadlineCount>();
    for (const item of board.items) {
      const key = `${item.municipality}/${item.kind}`;
      let count = counts.get(key);
      if (count === undefined) counts.set(key, (count = { municipality: item.municipality, kind: item.kind, open: 0, overdue: 0 }));
      count.open++;
      if (item.status === 'overdue') count.overdue++;
    }
    return [...counts.values()];
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

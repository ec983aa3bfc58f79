/** What the relay reports to health checks and metrics. */
export interface RelayStatus {
  running: boolean;
  /** the last send or connect reached the broker */
  connected: boolean;
  lastError: string | null;
  lastErrorAt: string | null;
  /** failures since the last success; the backoff grows with it */
  consecutiveFailures: number;
  /** global position up to which the broker acknowledged every event */
  position: number;
  /** position saved in the checkpoint (≤ position): where a restart resumes */
  checkpoint: number;
  /** head of the event log when last read */
  headPosition: number;
  /** events in the log not yet acknowledged by the broker */
  lag: number;
  publishedEvents: number;
  lastPublishedAt: string | null;
}

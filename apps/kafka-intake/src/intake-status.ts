/** What the intake reports to health checks and logs. */
export interface IntakeStatus {
  running: boolean;
  /** joined its consumer group */
  joined: boolean;
  lastError: string | null;
  lastErrorAt: string | null;
  /** transient failures in a row on the current message (store or DLQ unavailable) */
  consecutiveFailures: number;
  appended: number;
  /** messages whose events were all recorded before (a redelivery or a resend): nothing appended */
  replayed: number;
  deadLettered: number;
  lastHandledAt: string | null;
}

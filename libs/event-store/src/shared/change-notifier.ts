/**
 * Wakes followers when the store changes. A sequence number (instead of a bare event) lets a follower
 * record "what I have seen" before it reads, so an append that lands between its read and its wait is
 * never missed.
 */
export class ChangeNotifier {
  private seq = 0;
  private closed = false;
  private readonly waiters = new Set<() => void>();

  get sequence(): number {
    return this.seq;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  notify(): void {
    this.seq += 1;
    this.wakeAll();
  }

  close(): void {
    this.closed = true;
    this.wakeAll();
  }

  /**
   * Resolves (never rejects) once the sequence moved past `seen`, the notifier closes, the signal aborts
   * or `timeoutMs` elapses. Every listener and timer is removed on resolve, so nothing dangles.
   */
  waitForChange(seen: number, signal?: AbortSignal, timeoutMs?: number): Promise<void> {
    if (this.seq !== seen || this.closed || signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const wake = (): void => {
        this.waiters.delete(wake);
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', wake);
        resolve();
      };
      this.waiters.add(wake);
      signal?.addEventListener('abort', wake, { once: true });
      if (timeoutMs !== undefined) timer = setTimeout(wake, timeoutMs);
    });
  }

  private wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }
}

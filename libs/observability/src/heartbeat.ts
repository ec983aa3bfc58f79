import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const DEFAULT_HEARTBEAT_INTERVAL_MS = 10_000;

export interface HeartbeatOptions {
  /** the file the container HEALTHCHECK reads (FRISTVAKT_HEARTBEAT_FILE) */
  file: string;
  /** whether the worker is doing its job; while false the file is left to go stale */
  alive: () => boolean;
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * For workers without an HTTP server: refreshes a file while `alive()` holds, so a check of its
 * age fails when the worker loop has ended or the event loop is blocked. The first beat is written
 * at once. Returns a function that stops it; the file is left behind and goes stale by itself.
 */
export function startHeartbeat(options: HeartbeatOptions): () => void {
  const { file, alive, intervalMs = DEFAULT_HEARTBEAT_INTERVAL_MS, onError } = options;
  let reported = false;
  const beat = () => {
    if (!alive()) return;
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${new Date().toISOString()}\n`);
      reported = false;
    } catch (error) {
      // Once per failure run: a read-only mount would otherwise log every interval.
      if (!reported) onError?.(error);
      reported = true;
    }
  };
  beat();
  const timer = setInterval(beat, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

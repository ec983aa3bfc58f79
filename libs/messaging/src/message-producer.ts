import type { OutgoingMessage } from './message';

export interface MessageProducer {
  /** Connects eagerly; `send` also connects on demand, so a failed connect may simply be retried by sending. */
  connect(): Promise<void>;
  /**
   * Resolves only after the broker acknowledged every message with acks = all (every in-sync replica
   * has it). Messages with the same key keep their order. A rejection means some may still have been
   * written: resending is at least once, never at most once.
   */
  send(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  disconnect(): Promise<void>;
}

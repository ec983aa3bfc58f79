import type { IncomingMessage } from './message';

export interface HandlerContext {
  /** aborts when the consumer stops: a handler waiting or retrying should give up and throw */
  signal: AbortSignal;
  /** keeps the group membership alive during a long handler (e.g. while retrying a store error) */
  heartbeat(): Promise<void>;
}

/**
 * Handles one message. Resolving means "done, commit it"; throwing means "not done": the offset is
 * not committed and the message is delivered again (to this member or, after a rebalance, another).
 */
export type MessageHandler = (message: IncomingMessage, context: HandlerContext) => Promise<void>;

export type CommitPolicy =
  /** commit each message's offset right after its handler resolved: at most one message is redone after a crash */
  | 'message'
  /** commit once per fetched batch and partition, after every handler of it resolved: fewer round trips */
  | 'batch';

export interface ConsumerOptions {
  groupId: string;
  topics: readonly string[];
  /** where a group without a committed offset starts */
  fromBeginning?: boolean;
  commit?: CommitPolicy;
  /** partitions handled at the same time; messages of one partition are always handled one by one */
  partitionsConcurrently?: number;
  groupTimeouts?: GroupTimeouts;
  /**
   * Longest a fetch waits for new messages (default 250 ms). A broker answers as soon as it has any,
   * but some (the test mock) always wait this long, and it bounds how quickly stop() can leave.
   */
  maxWaitMs?: number;
}

export interface GroupTimeouts {
  /** a member silent this long is dropped from the group (client default 30 s) */
  sessionTimeoutMs?: number;
  /** how long a rebalance waits for members to rejoin (client default 60 s) */
  rebalanceTimeoutMs?: number;
}

export interface MessageConsumer {
  /**
   * Joins the group and starts handling; resolves once the member first joined. Offsets are committed
   * explicitly, never automatically, and only after the handler resolved.
   */
  start(handler: MessageHandler): Promise<void>;
  /** Aborts running handlers, leaves the group and disconnects. */
  stop(): Promise<void>;
}

/** Client-neutral message shapes: what the apps see instead of any Kafka client's types. */

export type HeaderValue = string | Buffer;

/** Kafka headers may repeat a name; a repeated one arrives as an array, in order. */
export type MessageHeaders = Record<string, HeaderValue | HeaderValue[] | undefined>;

export interface OutgoingMessage {
  /** the partitioning key: messages with the same key land on one partition, in send order */
  key: string | Buffer | null;
  /** null: a tombstone */
  value: Buffer | null;
  headers?: MessageHeaders;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  /** decimal string: offsets are int64 */
  offset: string;
  key: Buffer | null;
  /** null for a tombstone */
  value: Buffer | null;
  headers: MessageHeaders;
  /** broker or producer timestamp, epoch milliseconds as a decimal string */
  timestamp: string;
}

import { randomUUID } from 'node:crypto';
import { Metadata, status, type ServerWritableStream } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { LogRecord, TransactionLog } from './transaction-log';
import { readEventResponse, streamIdentifier, streamNameOf } from './wire';

type ReadCall = ServerWritableStream<ReadReq, ReadResp>;
const Options = ReadReq.Options;

/** Server default search window when the filter asks for `count` instead of `max`. */
const DEFAULT_SEARCH_WINDOW = 32;

export interface ActiveSubscription {
  drop(code: status, details: string): void;
}

/** What the emulator tracks about subscriptions, for its test hooks. */
export interface SubscriptionRegistry {
  active: Set<ActiveSubscription>;
  /** the start position of every `$all` subscription request, in arrival order */
  starts: Array<bigint | 'start' | 'end'>;
}

/** `Streams.Read`: stream and `$all` reads (forwards/backwards, count, filters) and `$all` subscriptions. */
export function handleRead(log: TransactionLog, call: ReadCall, subscriptions: SubscriptionRegistry): void {
  const options = call.request.getOptions();
  if (!options) return fail(call, status.INVALID_ARGUMENT, 'read without options');
  const structuredIds = options.getUuidOption()?.getContentCase() === Options.UUIDOption.ContentCase.STRUCTURED;
  const forwards = options.getReadDirection() === Options.ReadDirection.FORWARDS;
  const subscription = options.getCountOptionCase() === Options.CountOptionCase.SUBSCRIPTION;
  const count = subscription ? Number.POSITIVE_INFINITY : Number(options.getCount());
  const send = (record: LogRecord) => call.write(readEventResponse(record, structuredIds));

  if (options.hasStream()) {
    if (subscription) return fail(call, status.UNIMPLEMENTED, 'the emulator implements subscriptions to $all only');
    return readStream(log, call, options.getStream()!, forwards, count, send);
  }
  const all = options.getAll();
  if (!all) return fail(call, status.INVALID_ARGUMENT, 'read of neither a stream nor $all');
  const filter = toFilter(options);
  let start: bigint | 'start' | 'end';
  switch (all.getAllOptionCase()) {
    case Options.AllOptions.AllOptionCase.START:
      start = 'start';
      break;
    case Options.AllOptions.AllOptionCase.END:
      start = 'end';
      break;
    default: {
      const position = all.getPosition()!;
      const commit = BigInt(position.getCommitPosition());
      if (commit !== BigInt(position.getPreparePosition()) || !log.isValidPosition(commit)) {
        return fail(call, status.INVALID_ARGUMENT, `invalid position ${commit}/${position.getPreparePosition()}`, 'invalid-position');
      }
      start = commit;
    }
  }
  if (subscription) return subscribeToAll(log, call, start, filter, subscriptions);

  const records = forwards
    ? start === 'end'
      ? []
      : start === 'start'
        ? log.all
        : log.after(start - 1n) // forward reads from a position include it
    : [...log.all].reverse().filter((record) => start === 'end' || (start !== 'start' && record.position < start)); // backward reads exclude it
  let sent = 0;
  for (const record of records) {
    if (sent >= count) break;
    if (!filter.allows(record)) continue;
    send(record);
    sent += 1;
  }
  call.end();
}

function readStream(
  log: TransactionLog,
  call: ReadCall,
  stream: InstanceType<typeof Options.StreamOptions>,
  forwards: boolean,
  count: number,
  send: (record: LogRecord) => void,
): void {
  const name = streamNameOf(stream.getStreamIdentifier());
  const records = log.stream(name);
  if (!records || records.length === 0) {
    call.write(new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name))));
    call.end();
    return;
  }
  const last = BigInt(records.length - 1);
  const from =
    stream.getRevisionOptionCase() === Options.StreamOptions.RevisionOptionCase.REVISION
      ? BigInt(stream.getRevision())
      : stream.getRevisionOptionCase() === Options.StreamOptions.RevisionOptionCase.END
        ? last
        : forwards
          ? 0n
          : last;
  const selected = forwards
    ? records.filter((record) => record.revision >= from)
    : [...records].reverse().filter((record) => record.revision <= from);
  selected.slice(0, count).forEach(send);
  call.end();
}

interface Filter {
  /** whether the server filters at all (only then does it send checkpoints) */
  active: boolean;
  checkpointInterval: number;
  allows(record: LogRecord): boolean;
}

function toFilter(options: InstanceType<typeof ReadReq.Options>): Filter {
  if (options.getFilterOptionCase() !== Options.FilterOptionCase.FILTER)
    return { active: false, checkpointInterval: 0, allows: () => true };
  const filter = options.getFilter()!;
  const onStream = filter.getFilterCase() === Options.FilterOptions.FilterCase.STREAM_IDENTIFIER;
  const expression = onStream ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const window = filter.getWindowCase() === Options.FilterOptions.WindowCase.MAX ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
  return {
    active: true,
    checkpointInterval: Math.max(1, filter.getCheckpointintervalmultiplier()) * window,
    allows: (record) => {
      const subject = onStream ? record.streamName : record.type;
      return prefixes.length > 0 ? prefixes.some((prefix) => subject.startsWith(prefix)) : regex ? regex.test(subject) : true;
    },
  };
}

/**
 * A catch-up subscription: confirmation, the stored events after the (exclusive) start, a checkpoint
 * at the last considered event when it catches up, caught-up, then live events. A filtered subscription
 * also checkpoints every `multiplier × window` considered events, so progress shows through filtered gaps.
 */
function subscribeToAll(
  log: TransactionLog,
  call: ReadCall,
  start: bigint | 'start' | 'end',
  filter: Filter,
  registry: SubscriptionRegistry,
): void {
  registry.starts.push(start);
  const subscriptions = registry.active;
  let considered = 0;
  let lastConsidered: bigint | undefined;
  const checkpoint = (position: bigint) =>
    call.write(
      new ReadResp().setCheckpoint(
        new ReadResp.Checkpoint().setCommitPosition(position.toString()).setPreparePosition(position.toString()),
      ),
    );
  const consider = (record: LogRecord) => {
    if (filter.allows(record)) call.write(readEventResponse(record, false));
    lastConsidered = record.position;
    considered += 1;
    if (filter.active && considered % filter.checkpointInterval === 0) checkpoint(record.position);
  };

  call.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
  const from = start === 'start' ? -1n : start === 'end' ? log.endPosition : start;
  // Everything below runs synchronously, so no append can slip between catch-up and going live.
  for (const record of log.after(from)) consider(record);
  if (filter.active && lastConsidered !== undefined && considered % filter.checkpointInterval !== 0) checkpoint(lastConsidered);
  call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
  const unsubscribe = log.subscribe((records) => records.forEach(consider));

  const active: ActiveSubscription = {
    drop: (code, details) => {
      end();
      fail(call, code, details);
    },
  };
  const end = () => {
    unsubscribe();
    subscriptions.delete(active);
  };
  subscriptions.add(active);
  call.on('cancelled', end);
  call.on('close', end);
}

function fail(call: ReadCall, code: status, details: string, exception?: string): void {
  const metadata = new Metadata();
  if (exception) metadata.set('exception', exception);
  call.emit('error', { code, details, metadata });
}

import {
  Server,
  ServerCredentials,
  status,
  type ServerDuplexStream,
  type ServerReadableStream,
  type ServerWritableStream,
  type sendUnaryData,
} from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import type { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { handleAppend, handleBatchAppend } from './append-handlers';
import { handleRead, type SubscriptionRegistry } from './read-handler';
import { TransactionLog } from './transaction-log';

/**
 * An EventStoreDB gRPC emulator for tests, built on the service definitions `@eventstore/db-client`
 * ships, so the real client talks to it unchanged over HTTP/2. It implements what the Fristvakt adapter
 * uses — ServerFeatures, Append, BatchAppend, Read (streams, `$all`, filters, subscriptions) — and
 * nothing else (no auth, persistence, projections, deletes, persistent subscriptions, gossip).
 */
export interface EmulatorOptions {
  /** Real servers since 21.10 advertise BatchAppend and the client then uses it; false forces Streams.Append. */
  advertiseBatchAppend?: boolean;
  /** Write a `$stats` system event after every n-th append (0: never). */
  systemEventEvery?: number;
  clock?: () => Date;
}

export interface EventStoreDbEmulator {
  readonly connectionString: string;
  readonly port: number;
  readonly log: TransactionLog;
  /** Number of live `$all` subscriptions. */
  readonly subscriptionCount: number;
  /** Start position of every `$all` subscription request so far (exclusive starts). */
  readonly subscriptionStarts: ReadonlyArray<bigint | 'start' | 'end'>;
  /** Test hook: ends every live subscription with the given status (UNAVAILABLE, as a restarting node does). */
  dropSubscriptions(code?: status, details?: string): number;
  close(): Promise<void>;
}

export const EMULATED_SERVER_VERSION = '23.10.0-emulator';

export async function startEventStoreDbEmulator(options: EmulatorOptions = {}): Promise<EventStoreDbEmulator> {
  const { advertiseBatchAppend = true, systemEventEvery = 3, clock } = options;
  const log = new TransactionLog(clock, systemEventEvery);
  const subscriptions: SubscriptionRegistry = { active: new Set(), starts: [] };
  const server = new Server();

  server.addService(StreamsService, {
    read: (call: ServerWritableStream<ReadReq, ReadResp>) => handleRead(log, call, subscriptions),
    append: (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>) => handleAppend(log, call, callback),
    batchAppend: advertiseBatchAppend
      ? (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => handleBatchAppend(log, call)
      : (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>) =>
          call.emit('error', { code: status.UNIMPLEMENTED, details: 'not advertised' }),
    delete: (_call: unknown, callback: sendUnaryData<never>) => callback({ code: status.UNIMPLEMENTED, details: 'not emulated' }),
    tombstone: (_call: unknown, callback: sendUnaryData<never>) => callback({ code: status.UNIMPLEMENTED, details: 'not emulated' }),
  });
  server.addService(ServerFeaturesService, {
    getSupportedMethods: (_call: unknown, callback: sendUnaryData<SupportedMethods>) => {
      const methods = ['read', 'append', ...(advertiseBatchAppend ? ['batchappend'] : [])].map((name) =>
        new SupportedMethod().setServiceName('event_store.client.streams.streams').setMethodName(name),
      );
      callback(null, new SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(EMULATED_SERVER_VERSION));
    },
  });

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );

  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    log,
    get subscriptionCount() {
      return subscriptions.active.size;
    },
    get subscriptionStarts() {
      return subscriptions.starts;
    },
    dropSubscriptions(code = status.UNAVAILABLE, details = 'subscription dropped by the emulator') {
      const dropped = [...subscriptions.active];
      for (const subscription of dropped) subscription.drop(code, details);
      return dropped.length;
    },
    async close() {
      for (const subscription of [...subscriptions.active]) subscription.drop(status.UNAVAILABLE, 'server shutting down');
      server.forceShutdown();
    },
  };
}

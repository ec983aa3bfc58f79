import { caseStreamId, toNewEvent } from '@fristvakt/case-recording';
import type { CaseEvent } from '@fristvakt/domain';
import { measureStarted, received } from '@fristvakt/domain/testing';
import { InMemoryEventStore } from '@fristvakt/event-store';
import type { MessageProducer, OutgoingMessage } from '@fristvakt/messaging';
import { MemoryCheckpointStore } from './checkpoint-store';
import { CheckpointBeyondLogError, OutboxRelay } from './outbox-relay';

/** A broker that can be switched off; records what it acknowledged. */
class FakeProducer implements MessageProducer {
  down = false;
  readonly acked: OutgoingMessage[] = [];
  async connect(): Promise<void> {}
  async disconnect(): Promise<void> {}
  async send(_topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.down) throw new Error('broker unavailable');
    this.acked.push(...messages);
  }
}

const notification = (n: number, municipality: string): CaseEvent => received(`n-${n}`, '2024-01-15', { eventId: `r-${n}`, municipality });
const measure = (n: number, i: number): CaseEvent => measureStarted(`m${i}`, '4.1', '2024-02-01', { eventId: `m-${n}-${i}`, basis: null });

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error('condition not reached');
}

describe('OutboxRelay', () => {
  let store: InMemoryEventStore;
  let producer: FakeProducer;
  let checkpoints: MemoryCheckpointStore;
  let relay: OutboxRelay;
  beforeEach(() => {
    store = new InMemoryEventStore();
    producer = new FakeProducer();
    checkpoints = new MemoryCheckpointStore();
    relay = new OutboxRelay({ store, producer, checkpoints, batchSize: 2, checkpointEveryMs: 0, backoff: { initialMs: 1, maxMs: 5 } });
  });
  afterEach(() => relay.stop());

  it('publishes in log order, checkpoints only acknowledged positions, and retries without skipping', async () => {
    await store.append(caseStreamId('c-1'), [notification(1, '0301'), measure(1, 1)].map(toNewEvent), {
      expectedVersion: 0,
      recordedBy: 't',
    });
    producer.down = true;
    await relay.start();
    await until(() => relay.status().consecutiveFailures >= 2);
    expect(relay.status()).toMatchObject({ connected: false, position: 0, checkpoint: 0, lastError: 'Error: broker unavailable' });
    expect(await checkpoints.load()).toBe(0);

    producer.down = false;
    await store.append(caseStreamId('c-1'), [measure(1, 2)].map(toNewEvent), { expectedVersion: 2, recordedBy: 't' });
    await until(() => relay.status().position === 3);
    expect(producer.acked.map((m) => m.headers?.ce_id)).toEqual(['r-1', 'm-1-1', 'm-1-2']);
    await until(() => relay.status().checkpoint === 3);
    expect(await checkpoints.load()).toBe(3);
    expect(relay.status()).toMatchObject({ connected: true, consecutiveFailures: 0, lag: 0, publishedEvents: 3 });
  });

  it('after a restart from a checkpoint, finds the municipality of an older case in its stream', async () => {
    await store.append(caseStreamId('c-2'), [notification(2, '4601')].map(toNewEvent), { expectedVersion: 0, recordedBy: 't' });
    await checkpoints.save(1);
    await store.append(caseStreamId('c-2'), [measure(2, 1)].map(toNewEvent), { expectedVersion: 1, recordedBy: 't' });
    await relay.start();
    await until(() => relay.status().position === 2);
    expect(producer.acked.map((m) => [m.headers?.ce_id, m.headers?.ce_source])).toEqual([['m-2-1', '/fristvakt/municipalities/4601']]);
  });

  it('leaves other streams out of the topic but moves past them', async () => {
    await store.append('audit-1', [{ eventId: 'x', type: 'Other', data: {}, metadata: {} }], { expectedVersion: 0, recordedBy: 't' });
    await store.append(caseStreamId('c-3'), [notification(3, '5001')].map(toNewEvent), { expectedVersion: 0, recordedBy: 't' });
    await relay.start();
    await until(() => relay.status().position === 2);
    expect(producer.acked.map((m) => m.headers?.ce_id)).toEqual(['r-3']);
  });

  it('refuses to start from a checkpoint beyond the log', async () => {
    await checkpoints.save(5);
    await expect(relay.start()).rejects.toBeInstanceOf(CheckpointBeyondLogError);
  });
});

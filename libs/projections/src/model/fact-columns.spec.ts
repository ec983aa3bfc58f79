import { closed, opened, received, RecordedLog } from '@fristvakt/domain/testing';
import type { RecordedCaseEvent } from '@fristvakt/domain';
import type { StoredEvent } from '@fristvakt/event-store';
import { encodeCases, encodeHeader } from '../runner/model-codec';
import { applyAll, FactFiler } from './apply';
import { createFactDecoder, FilingOp } from './fact-columns';
import { createModel, FactKind, type ProjectionModel } from './model';

/** The stored event a case event was read from (case-recording's mapping, backwards). */
function stored(e: RecordedCaseEvent, metadata: StoredEvent['metadata'] = { occurredAt: e.occurredAt }): StoredEvent {
  return {
    streamId: `case-${e.caseId}`,
    eventId: e.eventId,
    type: e.type,
    data: e.data as unknown as StoredEvent['data'],
    metadata,
    version: e.version,
    position: e.position,
    recordedAt: e.recordedAt,
    recordedBy: e.recordedBy,
  };
}

const shape = (m: ProjectionModel) => ({ header: encodeHeader(m, 0), cases: [...encodeCases(m)] });

function history(): RecordedLog {
  const h = new RecordedLog();
  h.add('c1', received('n1', '2024-01-31'));
  h.add('c1', opened('u1', 'n1', '2024-02-01'));
  h.add('c1', closed('u1', '2024-06-01'));
  h.add('c2', received('n1', '2024-02-01', { municipality: '3203' }));
  return h;
}

describe('fact columns (decoding without the model)', () => {
  it('sends each name once per read, in the batch that first needs it, and a case id once per batch', () => {
    // given a read of two batches
    const events = history().events.map((e) => stored(e));
    const decode = createFactDecoder();
    // when both are decoded in order
    const first = decode(events.slice(0, 2)).value;
    const second = decode(events.slice(2)).value;
    // then the second batch names only what is new (municipality 3203), and each case id once
    expect(first.names).toEqual(['n1', '3201', 'u1']);
    expect(first.texts).toEqual(['e1', 'c1', 'e2']);
    expect(second.names).toEqual(['3203']);
    expect(second.firstName).toBe(3);
    expect(second.texts).toEqual(['e3', 'c1', 'e4', 'c2']);
    expect([...second.caseIds]).toEqual([1, 3]);
    expect([...second.streams]).toEqual([0, 1]);
    expect([...second.ops]).toEqual([FactKind.Closed, FactKind.Received]);
  });

  it('files a catch-up that the store split into two reads, each numbering its names afresh', () => {
    // given the history's first two events decoded by one read and the rest by another
    const h = history();
    const log = h.events.map((e) => stored(e));
    const first = createFactDecoder()(log.slice(0, 2)).value;
    const rest = createFactDecoder()(log.slice(2)).value;
    expect(rest.firstName).toBe(0);
    // when one filer files both
    const model = createModel();
    const filer = new FactFiler(model);
    filer.file(first);
    filer.file(rest);
    // then it builds the model apply builds
    expect(shape(model)).toEqual(shape(applyAll(createModel(), h.events)));
  });

  it('moves between threads: the transferred columns file the same model', () => {
    // given the history decoded as one read, moved as a worker's message moves it
    const h = history();
    const { value, transfer } = createFactDecoder()(h.events.map((e) => stored(e)));
    const moved = structuredClone(value, { transfer: [...(transfer ?? [])] });
    // when the moved columns are filed
    const model = createModel();
    new FactFiler(model).file(moved);
    // then the buffer left the sender and the model is the one apply builds
    expect(value.ops.byteLength).toBe(0);
    expect(shape(model)).toEqual(shape(applyAll(createModel(), h.events)));
  });

  it('skips, counts and passes an event of another stream or without occurredAt', () => {
    // given a history with an event of another stream and one without occurredAt
    const h = history();
    const log = h.events.map((e) => stored(e));
    log[1] = { ...log[1], streamId: 'audit-1' };
    log[2] = stored(h.events[2], { schemaVersion: 1 });
    // when it is decoded and filed
    const columns = createFactDecoder()(log).value;
    const model = createModel();
    new FactFiler(model).file(columns);
    // then both are skipped and counted, and the checkpoint is past them
    expect([...columns.ops]).toEqual([FactKind.Received, FilingOp.Skip, FilingOp.Skip, FactKind.Received]);
    expect(model.skipped).toBe(2);
    expect(model.checkpoint).toBe(4);
    expect(model.factCount).toBe(2);
  });

  it('files nothing of an event it cannot read, not even its case (the reducer before the split left the case behind)', () => {
    // given a case whose first event names its notification by a number, and a readable second event
    const h = new RecordedLog();
    const bad = h.add('c1', received('n1', '2024-01-31'));
    (bad.data as { notificationId: unknown }).notificationId = 42;
    h.add('c2', received('n2', '2024-02-01'));
    h.add('c1', received('n3', '2024-02-02'));
    // when the log is applied
    const model = applyAll(createModel(), h.events);
    // then the first is only counted; c1 comes into the model with its readable event, after c2
    expect(model.skipped).toBe(1);
    expect(model.checkpoint).toBe(3);
    expect([...model.cases.keys()]).toEqual(['c2', 'c1']);
    expect(model.cases.get('c1')?.items.map((item) => item.id)).toEqual(['n3']);
  });
});

import { CaseRuleViolation, type CaseEvent } from '@fristvakt/domain';
import * as build from '@fristvakt/domain/testing';
import {
  EventIdConflictError,
  InMemoryEventStore,
  VersionConflictError,
  type AppendOptions,
  type AppendResult,
  type NewEvent,
} from '@fristvakt/event-store';
import { CaseCache } from './case-cache';
import { toNewEvent } from './case-event-codec';
import { CaseNotFound, CaseReader } from './case-reader';
import { CaseRecorder, type RecordCommand } from './case-recorder';
import { ALL_MUNICIPALITIES, MunicipalityNotHeld, type RecordingPrincipal } from './recording-principal';

const NOW = new Date('2024-06-15T12:00:00Z');
const clock = () => NOW;
const by = 'intake-1';

let seq = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

const received = (notificationId = 'n1', municipality = '3201'): CaseEvent =>
  build.received(notificationId, '2024-03-01T10:15:00+01:00', { eventId: uuid(), municipality });
const opened = (investigationId: string, notificationId: string): CaseEvent =>
  build.opened(investigationId, notificationId, '2024-03-04', { eventId: uuid() });

/** A recorder and a reader sharing one cache, as the pipeline and the queries do. */
class Recording {
  private readonly recorder: CaseRecorder;
  private readonly reader: CaseReader;
  constructor(store: InMemoryEventStore) {
    const cases = new CaseCache(store);
    this.recorder = new CaseRecorder(cases, store, clock);
    this.reader = new CaseReader(cases);
  }
  /** `recordedBy` alone stands for a principal holding every municipality. */
  record({ recordedBy, principal, ...command }: Omit<RecordCommand, 'principal'> & { recordedBy: string; principal?: RecordingPrincipal }) {
    return this.recorder.record({ ...command, principal: principal ?? { subject: recordedBy, municipalities: ALL_MUNICIPALITIES } });
  }
  load(caseId: string) {
    return this.reader.load(caseId);
  }
}

/** Lets a rival writer append to the stream between our read and our append, a given number of times. */
class RacingStore extends InMemoryEventStore {
  rivals: Array<{ streamId: string; events: NewEvent[] }> = [];
  appendCalls = 0;
  override async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.appendCalls++;
    const rival = this.rivals.shift();
    if (rival)
      await super.append(rival.streamId, rival.events, { expectedVersion: await this.streamVersion(rival.streamId), recordedBy: 'rival' });
    return super.append(streamId, events, options);
  }
}

describe('CaseRecorder', () => {
  let store: InMemoryEventStore;
  let recorder: Recording;
  beforeEach(() => {
    store = new InMemoryEventStore({ clock });
    recorder = new Recording(store);
  });

  it('records a new case and loads it back with server metadata', async () => {
    const events = [received(), opened('u1', 'n1')];
    const result = await recorder.record({ caseId: 'c1', events, recordedBy: by });
    expect(result).toEqual({ caseId: 'c1', version: 2, position: 2, eventIds: events.map((e) => e.eventId), replayed: false });

    const loaded = await recorder.load('c1');
    expect(loaded.version).toBe(2);
    expect(loaded.events.map((e) => [e.type, e.caseId, e.version, e.recordedBy])).toEqual([
      ['NotificationReceived', 'c1', 1, by],
      ['InvestigationOpened', 'c1', 2, by],
    ]);
    expect(loaded.state.openInvestigationId).toBe('u1');
  });

  it('throws CaseNotFound for a case without events', async () => {
    await expect(recorder.load('nobody')).rejects.toBeInstanceOf(CaseNotFound);
  });

  it('refuses an expectedVersion that is not the current one', async () => {
    await recorder.record({ caseId: 'c1', events: [received()], recordedBy: by });
    const error = await recorder.record({ caseId: 'c1', expectedVersion: 0, events: [received('n2')], recordedBy: by }).catch((e) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ expectedVersion: 0, actualVersion: 1 });
    expect(await store.headPosition()).toBe(1);
  });

  it('accepts the matching expectedVersion', async () => {
    await recorder.record({ caseId: 'c1', expectedVersion: 0, events: [received()], recordedBy: by });
    const result = await recorder.record({ caseId: 'c1', expectedVersion: 1, events: [received('n2')], recordedBy: by });
    expect(result.version).toBe(2);
  });

  it('returns the original result for an exact resend and appends nothing', async () => {
    const events = [received(), opened('u1', 'n1')];
    const first = await recorder.record({ caseId: 'c1', expectedVersion: 0, events, recordedBy: by });
    await recorder.record({ caseId: 'c1', events: [received('n2')], recordedBy: by });
    // The client's expectedVersion is stale by now; idempotency is checked before it.
    const again = await recorder.record({ caseId: 'c1', expectedVersion: 0, events, recordedBy: by });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await store.headPosition()).toBe(3);
  });

  it('refuses an eventId reused with different content', async () => {
    const event = received();
    await recorder.record({ caseId: 'c1', events: [event], recordedBy: by });
    const changed = { ...event, data: { ...event.data, municipality: '0301' } } as CaseEvent;
    await expect(recorder.record({ caseId: 'c1', events: [changed], recordedBy: by })).rejects.toBeInstanceOf(EventIdConflictError);
    expect(await store.headPosition()).toBe(1);
  });

  it('refuses an eventId already used in another case', async () => {
    const event = received();
    await recorder.record({ caseId: 'c1', events: [event], recordedBy: by });
    await expect(recorder.record({ caseId: 'c2', events: [event], recordedBy: by })).rejects.toBeInstanceOf(EventIdConflictError);
  });

  it('leaves the store unchanged when a rule is broken', async () => {
    await recorder.record({ caseId: 'c1', events: [received()], recordedBy: by });
    const error = await recorder
      .record({ caseId: 'c1', events: [received('n2'), opened('u1', 'n-unknown')], recordedBy: by })
      .catch((e) => e);
    expect(error).toBeInstanceOf(CaseRuleViolation);
    expect(error).toMatchObject({ rule: 'unknown_notification', eventIndex: 1 });
    expect(await store.headPosition()).toBe(1);
  });

  it('sees what another writer appended after its last read of the case, as a full read would', async () => {
    await recorder.record({ caseId: 'c1', events: [received()], recordedBy: by });
    const first = await recorder.load('c1');
    first.events.length = 0;
    await store.append('case-c1', [toNewEvent(opened('u1', 'n1'))], { expectedVersion: 1, recordedBy: 'other' });
    const loaded = await recorder.load('c1');
    const fresh = await new Recording(store).load('c1');
    expect(loaded.version).toBe(2);
    expect(loaded.events.map((e) => e.version)).toEqual([1, 2]);
    expect(loaded).toEqual(fresh);
    expect(loaded.state.openInvestigationId).toBe('u1');
  });

  describe('with a concurrent writer', () => {
    let racing: RacingStore;
    beforeEach(async () => {
      racing = new RacingStore({ clock });
      recorder = new Recording(racing);
      await recorder.record({ caseId: 'c1', events: [received()], recordedBy: by });
      racing.appendCalls = 0;
    });

    it('re-reads and re-decides when the client gave no expectedVersion', async () => {
      racing.rivals.push({ streamId: 'case-c1', events: [toNewEvent(received('n2'))] });
      const result = await recorder.record({ caseId: 'c1', events: [opened('u1', 'n1')], recordedBy: by });
      expect(result.version).toBe(3);
      expect(racing.appendCalls).toBe(2);
    });

    it('applies the rules to what the rival wrote', async () => {
      racing.rivals.push({ streamId: 'case-c1', events: [toNewEvent(opened('u-rival', 'n1'))] });
      await expect(recorder.record({ caseId: 'c1', events: [opened('u1', 'n1')], recordedBy: by })).rejects.toBeInstanceOf(
        CaseRuleViolation,
      );
      expect(await racing.streamVersion('case-c1')).toBe(2);
    });

    it('gives up after three attempts', async () => {
      for (const n of ['n2', 'n3', 'n4']) racing.rivals.push({ streamId: 'case-c1', events: [toNewEvent(received(n))] });
      await expect(recorder.record({ caseId: 'c1', events: [received('n9')], recordedBy: by })).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      expect(racing.appendCalls).toBe(3);
    });

    it('does not retry when the client pinned a version', async () => {
      racing.rivals.push({ streamId: 'case-c1', events: [toNewEvent(received('n2'))] });
      await expect(recorder.record({ caseId: 'c1', expectedVersion: 1, events: [received('n3')], recordedBy: by })).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      expect(racing.appendCalls).toBe(1);
    });
  });

  describe('without reading the case first', () => {
    /** Counts the reads of case streams the recorder makes. */
    class CountingStore extends InMemoryEventStore {
      streamReads = 0;
      override async readStream(...args: Parameters<InMemoryEventStore['readStream']>) {
        this.streamReads++;
        return super.readStream(...args);
      }
    }
    let counting: CountingStore;
    beforeEach(() => {
      counting = new CountingStore({ clock });
      recorder = new Recording(counting);
    });

    it('records a case the client says is new without reading it', async () => {
      const result = await recorder.record({ caseId: 'c1', expectedVersion: 0, events: [received()], recordedBy: by });
      expect(result).toMatchObject({ version: 1, replayed: false });
      expect(counting.streamReads).toBe(0);
    });

    it('appends to a case it just wrote without reading it again, deciding on the state it left', async () => {
      await recorder.record({ caseId: 'c1', events: [received()], recordedBy: by });
      await recorder.record({ caseId: 'c1', events: [received('n2')], recordedBy: by });
      counting.streamReads = 0;
      await recorder.record({ caseId: 'c1', events: [opened('u1', 'n1')], recordedBy: by });
      await expect(recorder.record({ caseId: 'c1', events: [opened('u2', 'n1')], recordedBy: by })).rejects.toMatchObject({
        rule: 'notification_already_concluded',
      });
      // The refusal was confirmed on a fresh read; the accepted append needed none.
      expect(counting.streamReads).toBe(1);
      expect((await recorder.load('c1')).state.openInvestigationId).toBe('u1');
    });

    it('reads the case before refusing on what it last saw, when another writer moved it on', async () => {
      await recorder.record({ caseId: 'c1', events: [received()], recordedBy: by });
      await counting.append('case-c1', [toNewEvent(received('n2'))], { expectedVersion: 1, recordedBy: 'other' });
      const result = await recorder.record({ caseId: 'c1', events: [opened('u1', 'n2')], recordedBy: by });
      expect(result).toMatchObject({ version: 3, replayed: false });
    });

    it('re-reads when the version it last saw is behind the one the client pinned', async () => {
      await recorder.record({ caseId: 'c1', events: [received()], recordedBy: by });
      await counting.append('case-c1', [toNewEvent(received('n2'))], { expectedVersion: 1, recordedBy: 'other' });
      const result = await recorder.record({ caseId: 'c1', expectedVersion: 2, events: [received('n3')], recordedBy: by });
      expect(result).toMatchObject({ version: 3, replayed: false });
    });

    it('authorizes against the stored case when a case said to be new exists', async () => {
      await recorder.record({ caseId: 'c1', events: [received()], recordedBy: by });
      const other = new Recording(counting);
      // Another municipality's caller: the case it assumed new is read, and is not there for it.
      const elsewhere = { subject: by, municipalities: new Set(['3201', '0301']) };
      const notYours = { subject: by, municipalities: new Set(['0301']) };
      const n2 = received('n2', '0301');
      await expect(
        other.record({ caseId: 'c1', expectedVersion: 0, events: [n2], recordedBy: by, principal: notYours }),
      ).rejects.toBeInstanceOf(CaseNotFound);
      expect(await counting.streamVersion('case-c1')).toBe(1);
      // One who holds the case's municipality hears of the conflict instead.
      await expect(
        other.record({ caseId: 'c1', expectedVersion: 0, events: [n2], recordedBy: by, principal: elsewhere }),
      ).rejects.toBeInstanceOf(VersionConflictError);
      expect(await counting.streamVersion('case-c1')).toBe(1);
    });

    it('still returns the original result for a resend of a case said to be new', async () => {
      const events = [received()];
      const first = await recorder.record({ caseId: 'c1', expectedVersion: 0, events, recordedBy: by });
      const again = await new Recording(counting).record({ caseId: 'c1', expectedVersion: 0, events, recordedBy: by });
      expect(again).toEqual({ ...first, replayed: true });
    });
  });

  describe('keeping cases up to date in place', () => {
    it('hands load() callers a case that later appends do not change', async () => {
      await recorder.record({ caseId: 'c1', events: [received()], recordedBy: by });
      const loaded = await recorder.load('c1');
      await recorder.record({ caseId: 'c1', events: [opened('u1', 'n1')], recordedBy: by });
      await recorder.record({ caseId: 'c1', events: [received('n2')], recordedBy: by });
      expect(loaded.version).toBe(1);
      expect(loaded.events).toHaveLength(1);
      expect(loaded.state.version).toBe(1);
      expect(loaded.state.openInvestigationId).toBeNull();
      expect((await recorder.load('c1')).state.version).toBe(3);
    });

    it('folds every event once when reads and appends of one case interleave', async () => {
      await recorder.record({ caseId: 'c1', events: [received()], recordedBy: by });
      await recorder.load('c1');
      const other = new Recording(store);
      const outcomes = await Promise.allSettled([
        recorder.record({ caseId: 'c1', events: [received('n2')], recordedBy: by }),
        recorder.load('c1'),
        other.record({ caseId: 'c1', events: [received('n3')], recordedBy: by }),
        recorder.record({ caseId: 'c1', events: [received('n4')], recordedBy: by }),
        recorder.load('c1'),
        recorder.record({ caseId: 'c1', events: [opened('u1', 'n1')], recordedBy: by }),
      ]);
      // Writers that lose three races in a row give up with a conflict; the others are recorded.
      const recorded = outcomes.filter((o, i) => i !== 1 && i !== 4 && o.status === 'fulfilled').length;
      const refusals = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason);
      expect(refusals.every((error) => error instanceof VersionConflictError)).toBe(true);
      expect(recorded).toBeGreaterThanOrEqual(1);
      const kept = await recorder.load('c1');
      const fresh = await new Recording(store).load('c1');
      expect(kept.version).toBe(1 + recorded);
      expect(kept).toEqual(fresh);
      expect(kept.events.map((e) => e.version)).toEqual(Array.from({ length: 1 + recorded }, (_, i) => i + 1));
    });
  });

  it('names every municipality the case ever named, a retracted notification included, for who may see it', async () => {
    const first = received();
    await recorder.record({ caseId: 'c1', events: [first], recordedBy: by });
    const retraction: CaseEvent = {
      eventId: uuid(),
      type: 'EventRetracted',
      occurredAt: '2024-03-02',
      data: { retractedEventId: first.eventId, reason: 'registration_error' },
    };
    await recorder.record({ caseId: 'c1', events: [retraction], recordedBy: by });
    const elsewhere: CaseEvent = {
      eventId: uuid(),
      type: 'NotificationReceived',
      occurredAt: '2024-03-03T10:15:00+01:00',
      data: { notificationId: 'n2', municipality: '0301', reporters: ['11'] },
    };
    // Authorized on every municipality the case named before, the retracted one's included.
    await expect(
      recorder.record({ caseId: 'c1', events: [elsewhere], recordedBy: by, principal: { subject: by, municipalities: new Set(['0301']) } }),
    ).rejects.toBeInstanceOf(CaseNotFound);
    // Since issue 14 the case rules refuse the move itself (the first notification fixes the
    // municipality); a log written before then may hold one, so it is written as such a log was.
    await expect(
      recorder.record({
        caseId: 'c1',
        events: [elsewhere],
        recordedBy: by,
        principal: { subject: by, municipalities: new Set(['3201', '0301']) },
      }),
    ).rejects.toMatchObject({ rule: 'municipality_mismatch' });
    await store.append('case-c1', [toNewEvent(elsewhere)], { expectedVersion: 2, recordedBy: 'before-issue-14' });

    expect((await recorder.load('c1')).municipalities).toEqual(new Set(['3201', '0301']));
    expect((await new Recording(store).load('c1')).municipalities).toEqual(new Set(['3201', '0301']));
  });

  it('answers an append that was recorded even when the kept case cannot be folded forward, and reads it afresh next time', async () => {
    class OddResultStore extends InMemoryEventStore {
      odd = false;
      reads = 0;
      override async readStream(...args: Parameters<InMemoryEventStore['readStream']>) {
        this.reads++;
        return super.readStream(...args);
      }
      override async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
        const result = await super.append(streamId, events, options);
        // A result whose events lack occurredAt cannot be turned into case events.
        return this.odd ? { ...result, events: result.events.map((e) => ({ ...e, metadata: {} })) } : result;
      }
    }
    const odd = new OddResultStore({ clock });
    recorder = new Recording(odd);
    await recorder.record({ caseId: 'c1', events: [received()], recordedBy: by });
    await recorder.record({ caseId: 'c1', events: [received('n2')], recordedBy: by });
    odd.odd = true;
    const result = await recorder.record({ caseId: 'c1', events: [opened('u1', 'n1')], recordedBy: by });
    expect(result).toMatchObject({ version: 3, replayed: false });
    odd.odd = false;
    odd.reads = 0;
    await recorder.record({ caseId: 'c1', events: [received('n3')], recordedBy: by });
    expect(odd.reads).toBe(1);
    expect((await recorder.load('c1')).state.openInvestigationId).toBe('u1');
  });

  it('refuses new events naming a municipality the principal does not hold, and appends nothing', async () => {
    const principal = { subject: by, municipalities: new Set(['0301']) };
    const error = await recorder.record({ caseId: 'c1', events: [received()], recordedBy: by, principal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MunicipalityNotHeld);
    expect(error).toMatchObject({ municipality: '3201' });
    expect(await store.headPosition()).toBe(0);
  });

  it('writes the principal as recordedBy', async () => {
    await recorder.record({
      caseId: 'c1',
      events: [received()],
      recordedBy: 'ignored',
      principal: { subject: 'kafka-intake:x', municipalities: new Set(['3201']) },
    });
    expect((await recorder.load('c1')).events[0].recordedBy).toBe('kafka-intake:x');
  });
});

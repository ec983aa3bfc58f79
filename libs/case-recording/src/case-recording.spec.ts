import { CaseRuleViolation } from '@fristvakt/domain';
import { received } from '@fristvakt/domain/testing';
import { InMemoryEventStore } from '@fristvakt/event-store';
import { CaseRecording, InvalidRecordRequest, type RecordingMetrics } from './case-recording';
import { ALL_MUNICIPALITIES, type RecordingPrincipal } from './recording-principal';

const NOW = new Date('2024-06-15T12:00:00Z');
const clock = () => NOW;
const intake: RecordingPrincipal = { subject: 'intake-1', municipalities: ALL_MUNICIPALITIES };
const ID_1 = '3f0c6f2e-5a1b-4c7d-9e8f-0a1b2c3d4e5f';
const notification = (eventId = ID_1) => received('n1', '2024-03-01T10:15:00+01:00', { eventId });

/** Counts as `FristvaktMetrics` would, in plain arrays. */
class CountingMetrics implements RecordingMetrics {
  batches: Array<[string, number]> = [];
  conflicts: string[] = [];
  recordedBatch(outcome: 'appended' | 'replayed', events: number): void {
    this.batches.push([outcome, events]);
  }
  conflict(kind: string, rule = ''): void {
    this.conflicts.push(`${kind}${rule ? `:${rule}` : ''}`);
  }
}

describe('CaseRecording (the one write path)', () => {
  let store: InMemoryEventStore;
  let metrics: CountingMetrics;
  let recording: CaseRecording;
  beforeEach(() => {
    store = new InMemoryEventStore({ clock });
    metrics = new CountingMetrics();
    recording = new CaseRecording(store, { clock, metrics });
  });

  it('given a valid body, when recorded, then it is appended as the principal and counted', async () => {
    const result = await recording.record({ caseId: 'c1', body: { expectedVersion: 0, events: [notification()] } }, intake);
    expect(result).toEqual({ caseId: 'c1', version: 1, position: 1, eventIds: [ID_1], replayed: false });
    expect((await store.readStream('case-c1'))[0].recordedBy).toBe('intake-1');
    expect(metrics.batches).toEqual([['appended', 1]]);
  });

  it('given an exact resend, when recorded, then it is counted as replayed', async () => {
    const request = { caseId: 'c1', body: { expectedVersion: 0, events: [notification()] } };
    await recording.record(request, intake);
    await recording.record(request, intake);
    expect(metrics.batches).toEqual([
      ['appended', 1],
      ['replayed', 1],
    ]);
  });

  it('given a bad case id, a bad body and a disagreeing pinned version, then every problem is named and nothing is counted', async () => {
    const error = await recording
      .record({ caseId: 'no spaces', body: { events: [{ ...notification(), occurredAt: 'yesterday' }] } }, intake)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRecordRequest);
    expect(error).toMatchObject({ caseIdProblem: expect.stringContaining('1-64'), bodyProblems: [{ pointer: '/events/0/occurredAt' }] });

    const pinned = await recording
      .record({ caseId: 'c1', body: { expectedVersion: 0, events: [notification()] }, pinnedVersion: 1 }, intake)
      .catch((e: unknown) => e);
    expect(pinned).toMatchObject({
      caseIdProblem: undefined,
      bodyProblems: [],
      pinnedVersionProblem: expect.stringContaining('expectedVersion is 0'),
    });
    const missing = await recording.record({ caseId: undefined, body: { events: [notification()] } }, intake).catch((e: unknown) => e);
    expect(missing).toMatchObject({ caseIdProblem: 'is required (the case the events belong to)' });

    expect(await store.headPosition()).toBe(0);
    expect(metrics.batches).toEqual([]);
    expect(metrics.conflicts).toEqual([]);
  });

  it('given a pinned version and no body version, then the pinned one is expected', async () => {
    await recording.record({ caseId: 'c1', body: { events: [notification()] } }, intake);
    await expect(
      recording.record(
        { caseId: 'c1', body: { events: [notification('4a1d7e3f-6b2c-4d8e-8f90-1b2c3d4e5f60')] }, pinnedVersion: 0 },
        intake,
      ),
    ).rejects.toMatchObject({
      expectedVersion: 0,
      actualVersion: 1,
    });
    expect(metrics.conflicts).toEqual(['version']);
  });

  it('given events an entry point left without ids, then it assigns them as told', async () => {
    const { eventId: _, ...unnamed } = notification();
    const result = await recording.record({ caseId: 'c1', body: { events: [unnamed] }, newEventId: () => ID_1 }, intake);
    expect(result.eventIds).toEqual([ID_1]);
  });

  it('counts a broken case rule by its code', async () => {
    const opened = {
      eventId: ID_1,
      type: 'InvestigationOpened',
      occurredAt: '2024-03-04',
      data: { investigationId: 'u1', notificationId: 'n1' },
    };
    await expect(recording.record({ caseId: 'c1', body: { events: [opened] } }, intake)).rejects.toBeInstanceOf(CaseRuleViolation);
    expect(metrics.conflicts).toEqual(['rule:first_event_must_be_notification']);
  });
});

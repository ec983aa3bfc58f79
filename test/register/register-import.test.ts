import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@fristvakt/event-store';
import { ImportRefused, RegisterPseudonyms, XmlValidatorMissing, runImport, type Refusal } from '@fristvakt/register';
import { FIXTURES, IMPORTER, NOW, SECRET, allEvents, caseEvents, figures, tempDir } from './register-support';
import { describeWithTool } from '../support/system-tools';

/*
 * A hand-written register extract (fixtures/extract): full-case.xml uses every element and code the
 * import maps (docs/register-import.md), second-case.xml a late review, broken-rule.xml an
 * investigation closed before it opened. fixtures/invalid holds a file the XSD refuses.
 */

const ids = new RegisterPseudonyms(SECRET);
const FULL_CASE = ids.caseId('00000000-0000-4000-8000-000000000064');
const BROKEN_CASE = ids.caseId('00000000-0000-4000-8000-000000000b01');

async function importInto(store: SqliteEventStore, path: string, reportFile: string, xmllint?: string) {
  return runImport({ path, store, principal: IMPORTER, secret: SECRET, reportFile, clock: () => NOW, xmllint });
}

function refusals(reportFile: string): Refusal[] {
  return readFileSync(reportFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Refusal);
}

describeWithTool('xmllint', 'register XML import', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = tempDir();
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), writer: 'inline' });
  });
  afterEach(async () => store.close());

  it('records every mapped element as its event, refuses the case that breaks a rule whole, and reports it with element, line and rule', async () => {
    const summary = await importInto(store, join(FIXTURES, 'extract'), join(dir, 'report.ndjson'));

    expect(summary).toMatchObject({ cases: 3, casesWritten: 2, refused: 1, eventsAppended: 100 });
    expect(refusals(join(dir, 'report.ndjson'))).toEqual([
      {
        caseId: BROKEN_CASE,
        at: { file: join(FIXTURES, 'extract', 'broken-rule.xml'), line: 12, element: 'Sak/Undersokelse[1]/Konklusjon' },
        rule: 'dated_before_referenced_event',
        detail: expect.stringContaining('occurredAt 2024-04-01 is before the opening of investigation'),
      },
    ]);
    const events = await caseEvents(store);
    expect(events.some((e) => e.caseId === BROKEN_CASE)).toBe(false);

    const full = events.filter((e) => e.caseId === FULL_CASE);
    const count = (type: string) => full.filter((e) => e.type === type).length;
    // 20 Melding (one deleted by ErSlettet, one by Slettet), 9 Undersokelse, 13 Tiltak (one deleted)
    expect([
      count('NotificationReceived'),
      count('NotificationCleared'),
      count('InvestigationOpened'),
      count('InvestigationClosed'),
    ]).toEqual([19, 9, 9, 9]);
    expect([count('InvestigationExtended'), count('ExtensionAssessed')]).toEqual([3, 2]);
    expect([count('MeasureStarted'), count('MeasureEnded'), count('PlacementStarted'), count('PlacementEnded')]).toEqual([5, 4, 8, 6]);
    const data = (type: string, key: string) => full.filter((e) => e.type === type).map((e) => (e.data as Record<string, unknown>)[key]);
    expect(new Set(full.filter((e) => e.type === 'NotificationReceived').flatMap((e) => e.data.reporters as string[]))).toEqual(
      new Set(Array.from({ length: 25 }, (_, i) => String(i + 1))),
    );
    expect(data('NotificationCleared', 'reason').sort()).toEqual([
      'active_measures',
      'joined_ongoing_investigation',
      'moved_abroad',
      'moved_unknown',
      'no_grounds',
      'other',
      'other_act',
      'transferred_agency',
      'transferred_municipality',
    ]);
    expect(data('InvestigationClosed', 'outcome').sort()).toEqual([
      'cleared_moved_abroad',
      'cleared_moved_municipality',
      'cleared_moved_municipality',
      'cleared_moved_unknown',
      'cleared_party_wish',
      'cleared_referred',
      'cleared_service_assessment',
      'measures_decided',
      'petition_to_board',
    ]);
    expect(data('ExtensionAssessed', 'approved')).toEqual([true, false]);
    expect(full.filter((e) => e.type === 'MeasureStarted').map((e) => [e.occurredAt, e.data.category, e.data.basis])).toEqual([
      ['2021-05-21', '3.2', 'voluntary'],
      ['2021-05-21', '4.6', 'ordered'],
      ['2023-05-31', '3.10', 'voluntary'],
      ['2023-06-01', '5.1', 'ordered'],
      ['2025-06-03', '8.99', 'voluntary'],
    ]);
    expect(data('MeasureEnded', 'reason')).toEqual(['completed', 'returned_to_family', 'turned_18', 'other']);
    expect(full.filter((e) => e.type === 'PlacementStarted').map((e) => [e.data.category, e.data.basis])).toEqual([
      ['1.99', 'behavioural'],
      ['2.1', 'voluntary'],
      ['2.5', 'emergency'],
      ['2.2', 'care_order'],
      ['1.1', 'voluntary'],
      ['2.6', 'emergency'],
      ['8.2', 'care_order'],
      ['1.2', 'behavioural'],
    ]);
    expect(full.filter((e) => e.type === 'PlacementEnded').map((e) => [e.occurredAt, e.data.planned, e.data.reason ?? null])).toEqual([
      ['2021-06-30', true, 'turned_18'],
      ['2022-12-20', false, 'moved_placement'],
      ['2023-01-15', true, 'returned_to_parents'],
      ['2023-12-01', false, null],
      ['2024-04-01', true, 'adoption'],
      ['2025-03-01', true, 'other'],
    ]);
    expect(new Set(data('NotificationReceived', 'childBirthYear'))).toEqual(new Set([2012]));
    // Plan (every Plantype), Evaluering, Konklusjon; the plan of a Tiltak names it
    expect(full.filter((e) => e.type === 'PlanCreated').map((e) => [e.occurredAt, e.data.kind, 'measureId' in e.data])).toEqual([
      ['2021-06-01', '1', true],
      ['2021-07-01', '3', false],
      ['2022-05-15', '4', false],
      ['2022-12-03', '8', false],
      ['2023-01-10', '6', false],
      ['2023-06-15', '2', false],
      ['2024-03-05', '7', false],
      ['2025-05-02', '5', false],
    ]);
    expect(full.filter((e) => e.type === 'PlanEvaluated' || e.type === 'PlanEnded').map((e) => [e.type, e.occurredAt])).toEqual([
      ['PlanEvaluated', '2021-09-01'],
      ['PlanEvaluated', '2021-12-01'],
      ['PlanEnded', '2022-06-01'],
    ]);
    // Tilsyn and Oppfolging of the foster home (2.2, care order)
    const careOrder = (full.find((e) => e.type === 'PlacementStarted' && e.data.category === '2.2')!.data as { placementId: string })
      .placementId;
    expect(
      full
        .filter((e) => ['VisitFrequencySet', 'SupervisionResponsibilitySet', 'VisitHeld'].includes(e.type))
        .map((e) => {
          const { placementId, visitId: _visit, ...rest } = e.data as Record<string, unknown>;
          return [e.type, e.occurredAt, placementId === careOrder, rest];
        }),
    ).toEqual([
      ['VisitFrequencySet', '2022-12-20', true, { kind: 'follow_up', perYear: 4 }],
      ['SupervisionResponsibilitySet', '2022-12-20', true, { municipality: '3203' }],
      ['VisitFrequencySet', '2022-12-20', true, { kind: 'supervision', perYear: 4 }],
      ['VisitHeld', '2023-02-10', true, { kind: 'supervision', inPerson: true }],
      ['VisitHeld', '2023-03-01', true, { kind: 'follow_up', inPerson: true }],
      ['VisitFrequencySet', '2024-12-20', true, { kind: 'follow_up', perYear: 2 }],
    ]);
    // Ettervern and its three conclusions
    expect(full.filter((e) => e.type === 'AftercareOffered').map((e) => e.occurredAt)).toEqual(['2025-05-01', '2025-07-01', '2025-09-01']);
    expect(data('AftercareConcluded', 'outcome')).toEqual(['accepted', 'declined_wants_other_measure', 'declined_no_more_measures']);
    // Events are recorded in date order, each after what it refers to.
    const dates = full.map((e) => e.occurredAt);
    expect(dates.slice(1)).toEqual([...dates.slice(1)].sort());
  });

  it('keeps identity numbers, journal numbers, birth dates and the case system ids out of the store', async () => {
    await importInto(store, join(FIXTURES, 'extract'), join(dir, 'report.ndjson'));
    const stored = JSON.stringify(await allEvents(store));
    for (const secret of [
      '17051245678',
      '201234567890',
      '2021/00417',
      'M-417',
      '2012-05-17',
      '01011500100',
      '00000000-0000-4000-8000-000000000064',
      'fritekst',
    ]) {
      expect(stored).not.toContain(secret);
    }
  });

  it('answers the compliance figures the extract implies', async () => {
    await importInto(store, join(FIXTURES, 'extract'), join(dir, 'report.ndjson'));
    const { compliance, flow } = figures(await caseEvents(store), '3201', '2024', '2024-12-31');
    expect(compliance.reviews).toMatchObject({ concluded: 5, onTime: 4, late: 1, openAtEnd: 0, openOverdueAtEnd: 0 });
    expect(compliance.investigations).toMatchObject({ closed: 3, onTime: 3, breached: 0, extended: 1, openAtEnd: 1, openOverdueAtEnd: 0 });
    expect(flow.placements.byBasis).toEqual({ emergency: 1, care_order: 1, behavioural: 1 });

    const all = figures(await caseEvents(store), '3201', '2021', '2025-12-31').flow;
    expect(all.notifications.byConclusion).toEqual({ investigation: 2, no_grounds: 1, active_measures: 1 });
  });

  it('appends nothing when the same extract is imported again', async () => {
    await importInto(store, join(FIXTURES, 'extract'), join(dir, 'first.ndjson'));
    const head = await store.headPosition();
    const again = await importInto(store, join(FIXTURES, 'extract'), join(dir, 'second.ndjson'));
    expect(await store.headPosition()).toBe(head);
    expect(again).toMatchObject({ casesWritten: 0, casesUnchanged: 2, refused: 1, eventsAppended: 0, eventsAlreadyStored: 100 });
  });

  it('refuses a file that fails the XSD before anything is stored, with libxml2 line numbers', async () => {
    const run = importInto(store, join(FIXTURES, 'invalid'), join(dir, 'report.ndjson'));
    await expect(run).rejects.toBeInstanceOf(ImportRefused);
    const error = (await run.catch((e: unknown) => e)) as ImportRefused;
    expect(error.invalid.map((f) => f.file)).toEqual([join(FIXTURES, 'invalid', 'invalid-codes.xml')]);
    expect(error.invalid[0].messages.join('\n')).toMatch(/invalid-codes\.xml:6: .*'Journalnummer' is required/);
    expect(error.invalid[0].messages.join('\n')).toMatch(/invalid-codes\.xml:8: .*The value '99' is not an element of the set/);
    expect(await store.headPosition()).toBe(0);
  });

  it('says so clearly when the validator is not installed', async () => {
    const run = importInto(store, join(FIXTURES, 'extract'), join(dir, 'report.ndjson'), join(dir, 'no-such-xmllint'));
    await expect(run).rejects.toBeInstanceOf(XmlValidatorMissing);
    await expect(run).rejects.toThrow(/apt-get install libxml2-utils/);
    expect(await store.headPosition()).toBe(0);
  });
});

describe('NDJSON import of an event stored with other content', () => {
  it('refuses the case as changed_since_import without quoting what is stored', async () => {
    const dir = tempDir();
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), writer: 'inline' });
    try {
      const line = (reporter: string) =>
        JSON.stringify({
          caseId: 'c-changed',
          body: {
            events: [
              {
                eventId: '3f9c2b1e-7a4d-4e8b-9c1a-5d6e7f8a9b0c',
                type: 'NotificationReceived',
                occurredAt: '2025-03-03',
                data: { notificationId: 'n1', municipality: '3201', reporters: [reporter] },
              },
            ],
          },
        });
      writeFileSync(join(dir, 'first.ndjson'), `${line('11')}\n`);
      writeFileSync(join(dir, 'second.ndjson'), `${line('9')}\n`);
      const run = (name: string, report: string) =>
        runImport({ path: join(dir, name), store, principal: IMPORTER, secret: SECRET, reportFile: join(dir, report), clock: () => NOW });
      expect(await run('first.ndjson', 'r1.ndjson')).toMatchObject({ casesWritten: 1, refused: 0 });
      const head = await store.headPosition();
      expect(await run('second.ndjson', 'r2.ndjson')).toMatchObject({ casesWritten: 0, refused: 1 });
      expect(await store.headPosition()).toBe(head);
      const [refusal] = refusals(join(dir, 'r2.ndjson'));
      expect(refusal).toMatchObject({ rule: 'changed_since_import' });
      expect(JSON.stringify(refusal)).not.toContain('"11"');
      expect(JSON.stringify(refusal)).not.toMatch(/reporters/);
    } finally {
      await store.close();
    }
  });
});

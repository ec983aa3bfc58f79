import { isNationalIdentityNumber } from '@fristvakt/case-recording';
import type { CaseEvent } from '@fristvakt/domain';
import { mapRegisterCase } from '../map-register-case';
import { parseRegisterXml } from '../parse-register-xml';
import { RegisterPseudonyms } from '../pseudonyms';
import { caseToRegisterXml, ExportIds, type ExtractHeader } from './case-to-register-xml';

/*
 * The follow-up elements of the register file (docs/register-import.md, export column): given a
 * case's events, then the XML holds Plan, Tilsyn, Oppfolging and Ettervern in the schema's order,
 * and reading it back with the import's parser and mapping gives the same follow-up events.
 * test/register/round-trip.test.ts validates such files against the XSD and compares the figures.
 */

const SECRET = Buffer.alloc(32, 7);
const HEADER: ExtractHeader = {
  municipality: '3201',
  organizationNumber: '000000000',
  municipalityName: 'Kommune 3201',
  extractedAt: '2025-01-15T12:00:00Z',
  version: '1',
};

const event = (type: CaseEvent['type'], occurredAt: string, data: object) => ({ type, occurredAt, data });

/** The same events (event ids included) every call, as a store holds them. */
const history = (): CaseEvent[] =>
  [
    event('NotificationReceived', '2022-01-10', { notificationId: 'n1', municipality: '3201', reporters: ['11'], childBirthYear: 2011 }),
    event('NotificationCleared', '2022-01-14', { notificationId: 'n1', reason: 'active_measures' }),
    event('MeasureStarted', '2022-02-01', { measureId: 'm1', category: '4.1', basis: 'voluntary' }),
    event('PlanCreated', '2022-02-01', { planId: 'pl1', kind: '1', measureId: 'm1', evaluationDueOn: '2022-04-01' }),
    event('PlanEvaluated', '2022-05-02', { planId: 'pl1' }),
    event('PlanEvaluated', '2022-08-01', { planId: 'pl1' }),
    event('PlanEnded', '2022-12-01', { planId: 'pl1' }),
    event('PlacementStarted', '2023-01-05', { placementId: 'p1', category: '2.2', basis: 'care_order' }),
    event('VisitFrequencySet', '2023-06-01', { placementId: 'p1', kind: 'follow_up', perYear: 2 }),
    event('SupervisionResponsibilitySet', '2023-03-01', { placementId: 'p1', municipality: '3203' }),
    event('VisitFrequencySet', '2023-09-01', { placementId: 'p1', kind: 'supervision', perYear: 2, childConsent: true }),
    event('VisitHeld', '2023-02-10', { visitId: 'v1', placementId: 'p1', kind: 'follow_up', inPerson: true }),
    event('VisitHeld', '2023-04-10', { visitId: 'v2', placementId: 'p1', kind: 'follow_up', inPerson: false }),
    event('VisitHeld', '2023-05-10', { visitId: 'v3', placementId: 'p1', kind: 'supervision', inPerson: true }),
    event('PlacementStarted', '2024-01-05', { placementId: 'p2', category: '2.3', basis: 'care_order' }),
    event('VisitHeld', '2024-02-10', { visitId: 'v4', placementId: 'p2', kind: 'supervision', inPerson: true }),
    event('AftercareOffered', '2029-01-10', { offerId: 'a1' }),
    event('AftercareConcluded', '2029-02-01', { offerId: 'a1', outcome: 'declined_wants_other_measure' }),
  ].map((e, i) => ({ ...e, eventId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}` }) as CaseEvent);

const exported = (events: CaseEvent[], birthYear = false) =>
  caseToRegisterXml('c-1', events, new ExportIds(SECRET), HEADER, { birthYear })!;

/** The follow-up events the import reads back from the exported file, as type, date and data without ids. */
function readBack(xml: string): string[] {
  const [registerCase] = parseRegisterXml(xml);
  const mapped = mapRegisterCase(registerCase, new RegisterPseudonyms(SECRET));
  expect(mapped.problems).toEqual([]);
  const names = new Map<string, string>();
  const name = (id: string) => {
    if (!names.has(id)) names.set(id, `#${names.size + 1}`);
    return names.get(id)!;
  };
  return mapped.events
    .map(({ event: e }) => e)
    .filter((e) => !['NotificationReceived', 'NotificationCleared'].includes(e.type))
    .map((e) => {
      const data = Object.entries(e.data as Record<string, unknown>)
        .map(([k, v]) => `${k}=${k.endsWith('Id') && typeof v === 'string' ? name(v) : String(v)}`)
        .join(' ');
      return `${e.occurredAt} ${e.type} ${data}`;
    });
}

describe('register export of plans, visits, supervision and aftercare', () => {
  it('given a plan, visits, supervision and an aftercare offer when exported then the elements come in the schema order', () => {
    const xml = exported(history());
    const order = [...xml.matchAll(/<(Plan|Tiltak|Tilsyn|Ansvarlig|Hyppighet|Utfort|Oppfolging|Ettervern|Flytting|Relasjon)\b/g)].map(
      (m) => m[1],
    );
    expect(order).toEqual([
      'Plan',
      'Tiltak', // m1
      'Tiltak', // p1: Tilsyn before Oppfolging, Ansvarlig, Hyppighet, Utfort inside each
      'Tilsyn',
      'Ansvarlig',
      'Hyppighet',
      'Utfort',
      'Oppfolging',
      'Hyppighet',
      'Utfort',
      'Tiltak', // p2: supervision visits only
      'Tilsyn',
      'Ansvarlig',
      'Hyppighet',
      'Utfort',
      'Ettervern',
      'Relasjon', // Plan → Tiltak
    ]);
    expect(xml).toMatch(
      /<Evaluering UtfortDato="2022-05-02"\/>\s*<Evaluering UtfortDato="2022-08-01"\/>\s*<Konklusjon SluttDato="2022-12-01"\/>/,
    );
    expect(xml).toMatch(/<Relasjon [^>]*FraType="Plan"[^>]*TilType="Tiltak"/);
    expect(xml).toMatch(/<Ettervern [^>]*TilbudSendtDato="2029-01-10"><Konklusjon|<Konklusjon SluttDato="2029-02-01" Kode="2"\/>/);
  });

  it('given the exported file when the import reads it then it gives the same follow-up events (less what the register cannot carry)', () => {
    expect(readBack(exported(history()))).toEqual([
      '2022-02-01 MeasureStarted measureId=#1 category=4.1 basis=voluntary',
      // evaluationDueOn is not in the register
      '2022-02-01 PlanCreated planId=#2 kind=1 measureId=#1',
      '2022-05-02 PlanEvaluated planId=#2',
      '2022-08-01 PlanEvaluated planId=#2',
      '2022-12-01 PlanEnded planId=#2',
      '2023-01-05 PlacementStarted placementId=#3 category=2.2 basis=care_order',
      '2023-02-10 VisitHeld visitId=#4 placementId=#3 kind=follow_up inPerson=true',
      '2023-03-01 SupervisionResponsibilitySet placementId=#3 municipality=3203',
      // the visit not in person is left out: the register counts none
      '2023-05-10 VisitHeld visitId=#5 placementId=#3 kind=supervision inPerson=true',
      '2023-06-01 VisitFrequencySet placementId=#3 kind=follow_up perYear=2',
      // the child's consent is not in the register
      '2023-09-01 VisitFrequencySet placementId=#3 kind=supervision perYear=2',
      // p2 had supervision visits only: the schema's required Ansvarlig and Hyppighet say what held without them
      '2024-01-05 PlacementStarted placementId=#6 category=2.3 basis=care_order',
      '2024-01-05 SupervisionResponsibilitySet placementId=#6 municipality=3201',
      '2024-01-05 VisitFrequencySet placementId=#6 kind=supervision perYear=4',
      '2024-02-10 VisitHeld visitId=#7 placementId=#6 kind=supervision inPerson=true',
      '2029-01-10 AftercareOffered offerId=#8',
      '2029-02-01 AftercareConcluded offerId=#8 outcome=declined_wants_other_measure',
    ]);
  });

  it('given the same case exported twice then the ids are the same (a re-import appends nothing)', () => {
    expect(exported(history())).toBe(exported(history()));
  });

  it('given no birthYear option when exported then there is no Personalia; with it the birth year comes back and nothing else of a person', () => {
    expect(exported(history())).not.toMatch(/Personalia|Fodselsnummer/);
    const xml = exported(history(), true);
    const personalia = /<Personalia [^>]*Fodselsnummer="(\d{11})" Fodseldato="2011-01-01" Kjonn="1"\/>/.exec(xml);
    expect(personalia).not.toBeNull();
    expect(personalia![1]).toBe('01011155555'); // 010111 + 99999 would pass the check digits
    expect(isNationalIdentityNumber(personalia![1])).toBe(false);
    expect(parseRegisterXml(xml)[0].childBirthYear).toBe(2011);
    expect(parseRegisterXml(exported(history()))[0].childBirthYear).toBeUndefined();
  });
});

import { mapRegisterCase } from './map-register-case';
import { parseRegisterXml } from './parse-register-xml';
import { RegisterPseudonyms } from './pseudonyms';
import { measureBasisOf, placementBasisOf, placementEndReason } from './register-codes';

const ids = new RegisterPseudonyms(Buffer.alloc(32, 1));

/** A register file around the given Sak content (not schema-complete: the parser trusts the XSD). */
function sak(body: string, attributes = 'Id="00000000-0000-4000-8000-000000000001"'): string {
  return `<Barnevern><Fagsystem/><Avgiver Kommunenummer="3201"/><Sak ${attributes} StartDato="2024-01-01" Journalnummer="2024/1">\n${body}\n</Sak></Barnevern>`;
}

const mapped = (xml: string) => mapRegisterCase(parseRegisterXml(xml, 'spec.xml')[0], ids);
const types = (xml: string) => mapped(xml).events.map((e) => `${e.event.occurredAt} ${e.event.type}`);

describe('mapRegisterCase', () => {
  it('given an investigation closed before it opened, when mapped, then the close still follows the opening (so decide names the real fault)', () => {
    const xml = sak(`
      <Melding Id="m1" StartDato="2024-04-02"><Melder Kode="8"/><Konklusjon SluttDato="2024-04-05" Kode="2"/></Melding>
      <Undersokelse Id="u1" StartDato="2024-04-05"><Konklusjon SluttDato="2024-04-01" Kode="3"/></Undersokelse>`);
    expect(types(xml)).toEqual(['2024-04-02 NotificationReceived', '2024-04-05 InvestigationOpened', '2024-04-01 InvestigationClosed']);
  });

  it('given a close and the next opening on the same day, when mapped, then the close comes first, and an opening and its own close that day keep their order', () => {
    const xml = sak(`
      <Melding Id="m1" StartDato="2024-01-02"><Melder Kode="8"/><Konklusjon SluttDato="2024-01-03" Kode="2"/></Melding>
      <Melding Id="m2" StartDato="2024-03-01"><Melder Kode="8"/><Konklusjon SluttDato="2024-03-04" Kode="2"/></Melding>
      <Undersokelse Id="u1" StartDato="2024-01-03"><Konklusjon SluttDato="2024-03-04" Kode="3"/></Undersokelse>
      <Undersokelse Id="u2" StartDato="2024-03-04"><Konklusjon SluttDato="2024-03-04" Kode="1"/></Undersokelse>`);
    expect(types(xml).slice(3)).toEqual([
      '2024-03-04 InvestigationClosed',
      '2024-03-04 InvestigationOpened',
      '2024-03-04 InvestigationClosed',
    ]);
    const [, , , firstClose, , secondClose] = mapped(xml).events.map((e) => e.event.data as { investigationId?: string });
    expect(firstClose.investigationId).not.toBe(secondClose.investigationId);
  });

  it('given a notification joined to an investigation opened the same day, when mapped, then it is cleared after the opening', () => {
    const xml = sak(`
      <Melding Id="m1" StartDato="2021-08-02"><Melder Kode="13"/><Konklusjon SluttDato="2021-08-09" Kode="2"/></Melding>
      <Melding Id="m2" StartDato="2021-08-04"><Melder Kode="7"/><Konklusjon SluttDato="2021-08-09" Kode="4"/></Melding>
      <Undersokelse Id="u1" StartDato="2021-08-09"><Konklusjon SluttDato="2021-08-27" Kode="3"/></Undersokelse>`);
    expect(types(xml)).toEqual([
      '2021-08-02 NotificationReceived',
      '2021-08-04 NotificationReceived',
      '2021-08-09 InvestigationOpened',
      '2021-08-09 NotificationCleared',
      '2021-08-27 InvestigationClosed',
    ]);
  });

  it('given a measure dated before the first notification in the extract, when mapped, then the notification still opens the stream', () => {
    const xml = sak(`
      <Melding Id="m1" StartDato="2024-05-02"><Melder Kode="8"/></Melding>
      <Tiltak Id="t1" StartDato="2023-02-01"><Lovhjemmel><Lov>BVL2021</Lov><Kapittel>3</Kapittel><Paragraf>1</Paragraf></Lovhjemmel><Kategori Kode="3.2"/></Tiltak>`);
    expect(types(xml)).toEqual(['2024-05-02 NotificationReceived', '2023-02-01 MeasureStarted']);
  });

  it('given the same Sak in two extracts, when mapped, then case, element and event ids are the same; under another secret they differ', () => {
    const xml = sak('<Melding Id="m1" StartDato="2024-05-02"><Melder Kode="8"/></Melding>');
    const other = new RegisterPseudonyms(Buffer.alloc(32, 2));
    const a = mapped(xml);
    expect(mapped(xml)).toEqual(a);
    expect(a.caseId).toMatch(/^r-[A-Za-z0-9_-]{22}$/);
    expect(mapRegisterCase(parseRegisterXml(xml)[0], other).caseId).not.toBe(a.caseId);
    expect(JSON.stringify(a)).not.toContain('00000000-0000-4000-8000-000000000001');
  });

  it('given a Melding concluded to investigation without its Undersokelse, when mapped, then the case carries a problem naming the element', () => {
    const { problems } = mapped(
      sak('<Melding Id="m1" StartDato="2024-05-02"><Melder Kode="8"/><Konklusjon SluttDato="2024-05-03" Kode="2"/></Melding>'),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        rule: 'register_investigation_missing',
        at: expect.objectContaining({ element: 'Sak/Melding[1]/Konklusjon' }),
      }),
    ]);
  });

  it('given deleted elements (ErSlettet, Slettet), when mapped, then they are left out', () => {
    const xml = sak(`
      <Melding Id="m1" StartDato="2024-05-02"><Melder Kode="8"/></Melding>
      <Melding Id="m2" StartDato="2024-05-03" ErSlettet="true"><Melder Kode="8"/></Melding>
      <Melding Id="m3" StartDato="2024-05-04"><Melder Kode="8"/></Melding>
      <Slettet Id="m3" Type="Melding" SluttDato="2024-05-05"/>`);
    expect(types(xml)).toEqual(['2024-05-02 NotificationReceived']);
  });
});

describe('register codes', () => {
  it.each([
    ['BVL2021', '3', '2', [], 'voluntary'],
    ['BVL2021', '4', '2', [], 'emergency'],
    ['BVL2021', '5', '1', [], 'care_order'],
    ['BVL2021', '6', '2', [], 'behavioural'],
    ['BVL', '4', '4', ['6'], 'voluntary'],
    ['BVL', '4', '6', ['2'], 'emergency'],
    ['BVL', '4', '12', [], 'care_order'],
    ['BVL', '4', '24', [], 'behavioural'],
    ['BL1981', '1', '1', [], undefined],
  ])('reads placement basis of %s kap. %s § %s %j as %s', (law, chapter, section, paragraphs, basis) => {
    expect(placementBasisOf({ law, chapter, section, paragraphs })).toBe(basis);
  });

  it('tells ordered help measures (pålagte hjelpetiltak) from voluntary ones', () => {
    expect(measureBasisOf({ law: 'BVL2021', chapter: '3', section: '4', paragraphs: [] })).toBe('ordered');
    expect(measureBasisOf({ law: 'BVL2021', chapter: '3', section: '1', paragraphs: [] })).toBe('voluntary');
    expect(measureBasisOf({ law: 'BVL', chapter: '4', section: '4', paragraphs: ['5'] })).toBe('ordered');
    expect(measureBasisOf({ law: 'BVL', chapter: '4', section: '4', paragraphs: ['2'] })).toBe('voluntary');
  });

  it('takes a placement end reason from Opphevelse first, then from where the child moved', () => {
    expect(placementEndReason('3', '6')).toBe('adoption');
    expect(placementEndReason(undefined, '6')).toBe('returned_to_parents');
    expect(placementEndReason(undefined, '2')).toBe('moved_placement');
    expect(placementEndReason(undefined, '8')).toBeUndefined();
  });
});

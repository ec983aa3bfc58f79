import { createHmac } from 'node:crypto';
import { isNationalIdentityNumber } from '@fristvakt/case-recording';
import { evolveAll, initialState, type CaseEvent, type CaseState } from '@fristvakt/domain';
import {
  CODE_BY_CLEARING_REASON,
  NOTIFICATION_TO_INVESTIGATION,
  REPEAL_BY_MEASURE_END,
  REPEAL_BY_PLACEMENT_END,
  investigationOutcomeCode,
  legalBasisFor,
  moveCodes,
} from '../register-codes';
import type { LegalBasis } from '../register-case';
import { uuidFromDigest } from '../pseudonyms';
import { aftercareElements, placementFollowUpLines, planElements } from './follow-up-to-register-xml';
import { attrs, dateOf, element } from './register-xml';

/** What every file of one extract says about who delivers it. */
export interface ExtractHeader {
  municipality: string;
  /** Avgiver@Organisasjonsnummer; Fristvakt does not know it, so the caller may (default 000000000) */
  organizationNumber: string;
  municipalityName: string;
  /** Barnevern@DatoUttrekk */
  extractedAt: string;
  version: string;
}

export interface CaseExportOptions {
  /**
   * Write a `Personalia` carrying the child's birth year (the only trace Fristvakt keeps), so ages
   * survive: the follow-up figures count under-18s and young adults in aftercare. Off by default;
   * the attributes the schema requires besides are placeholders (see `personalia`).
   */
  birthYear?: boolean;
}

/**
 * Pseudonymous register ids for Fristvakt's ids: UUIDs (version 5 layout, as the schema demands) keyed
 * with the installation secret, so the same case exports with the same ids every time and nobody
 * without the secret can tie them to Fristvakt's case ids.
 */
export class ExportIds {
  constructor(private readonly secret: Uint8Array) {}

  uuid(...parts: string[]): string {
    return uuidFromDigest(
      createHmac('sha256', this.secret)
        .update(`export\u0000${parts.join('\u0000')}`)
        .digest(),
      5,
    );
  }

  /** Sak@Journalnummer is required: a keyed hash, never the service's journal number (which Fristvakt never has). */
  journalNumber(caseId: string): string {
    return `FV-${createHmac('sha256', this.secret).update(`journal\u0000${caseId}`).digest('base64url').slice(0, 20)}`;
  }
}

/**
 * One case as a register file (SSB "Barnevern" v4, one `Sak`), from its effective events: retracted
 * events are left out as the register never saw them. Identity attributes are left out where the
 * schema allows (Personalia, MigrertId) and keyed hashes where it requires them (ids, Journalnummer).
 * With `birthYear`, a placeholder `Personalia` carries the birth year. Undefined for a case without a
 * notification. docs/register-import.md has the mapping.
 */
export function caseToRegisterXml(
  caseId: string,
  events: readonly CaseEvent[],
  ids: ExportIds,
  header: ExtractHeader,
  options: CaseExportOptions = {},
): string | undefined {
  const state = evolveAll(initialState(caseId), [...events]);
  const notifications = [...state.notifications.values()];
  if (notifications.length === 0) return undefined;
  const id = (kind: string, entityId: string) => ids.uuid(caseId, kind, entityId);
  const sakId = ids.uuid(caseId, 'Sak');
  const out: string[] = [];
  const w = (line: string) => out.push(line);
  w('<?xml version="1.0" encoding="UTF-8"?>');
  w(`<Barnevern ${attrs({ Id: ids.uuid(caseId, 'Barnevern', header.extractedAt), DatoUttrekk: header.extractedAt })}>`);
  w(`  <Fagsystem ${attrs({ Leverandor: 'Fristvakt', Navn: 'Fristvakt', Versjon: header.version })}/>`);
  w(
    `  <Avgiver ${attrs({ Organisasjonsnummer: header.organizationNumber, Kommunenummer: header.municipality, Kommunenavn: header.municipalityName })}/>`,
  );
  const start = notifications.map((n) => dateOf(n.received)).sort()[0];
  w(`  <Sak ${attrs({ Id: sakId, StartDato: start, Journalnummer: ids.journalNumber(caseId) })}>`);
  const birthYear = notifications.find((n) => n.childBirthYear !== null)?.childBirthYear ?? null;
  if (options.birthYear && birthYear !== null)
    w(`    <Personalia ${attrs(personalia(ids.uuid(caseId, 'Personalia'), start, birthYear))}/>`);
  const relations: string[] = [];
  for (const n of notifications) {
    w(`    <Melding ${attrs({ Id: id('Melding', n.notificationId), StartDato: dateOf(n.received) })}>`);
    for (const reporter of n.reporters) w(`      <Melder ${attrs({ Kode: reporter })}/>`);
    if (n.conclusion) {
      const code = n.conclusion.outcome === 'investigation' ? NOTIFICATION_TO_INVESTIGATION : CODE_BY_CLEARING_REASON[n.conclusion.outcome];
      w(`      <Konklusjon ${attrs({ SluttDato: dateOf(n.conclusion), Kode: code })}/>`);
    }
    w('    </Melding>');
  }
  for (const u of state.investigations.values()) {
    const uid = id('Undersokelse', u.investigationId);
    relations.push(relation(ids, caseId, id('Melding', u.notificationId), 'Melding', uid, 'Undersokelse'));
    const x = u.extension;
    const body = [
      x &&
        `      <UtvidetFrist ${attrs({ StartDato: dateOf(x), Innvilget: x.assessed ? (x.assessed.approved ? '1' : '2') : undefined })}/>`,
      u.closed &&
        `      <Konklusjon ${attrs({ SluttDato: dateOf(u.closed), Kode: investigationOutcomeCode(u.closed.outcome, dateOf(u.closed)) })}/>`,
    ].filter(Boolean);
    element(w, 'Undersokelse', { Id: uid, StartDato: dateOf(u.opened) }, body as string[]);
  }
  planElements(w, state, id, (fromId, toId) => relations.push(relation(ids, caseId, fromId, 'Plan', toId, 'Tiltak')));
  for (const m of state.measures.values()) {
    const startDate = dateOf(m.started);
    const body = [
      ...lovhjemmel(legalBasisFor('measure', m.basis ?? undefined, startDate)),
      `      <Kategori ${attrs({ Kode: m.category })}/>`,
    ];
    const repeal = m.ended?.reason ? REPEAL_BY_MEASURE_END[m.ended.reason] : undefined;
    if (repeal) body.push(`      <Opphevelse ${attrs({ Kode: repeal })}/>`);
    if (m.ended) body.push(`      <Konklusjon ${attrs({ SluttDato: dateOf(m.ended) })}/>`);
    element(w, 'Tiltak', { Id: id('Tiltak', `m:${m.measureId}`), StartDato: startDate }, body);
  }
  const moves: string[] = [];
  for (const p of state.placements.values()) {
    const startDate = dateOf(p.started);
    const tid = id('Tiltak', `p:${p.placementId}`);
    const body = [
      ...lovhjemmel(legalBasisFor('placement', p.basis, startDate)),
      `      <Kategori ${attrs({ Kode: p.category })}/>`,
      ...placementFollowUpLines(state, p, id),
    ];
    const ended = p.ended;
    const repeal = ended?.reason ? REPEAL_BY_PLACEMENT_END[ended.reason] : undefined;
    if (repeal) body.push(`      <Opphevelse ${attrs({ Kode: repeal })}/>`);
    if (ended) {
      body.push(`      <Konklusjon ${attrs({ SluttDato: dateOf(ended) })}/>`);
      const codes = moveCodes(p.category, ended.planned, ended.reason ?? undefined);
      const fid = id('Flytting', p.placementId);
      moves.push(
        `    <Flytting ${attrs({ Id: fid, SluttDato: dateOf(ended) })}><ArsakFra ${attrs({ Kode: codes.reasonFrom })}/><FlyttingTil ${attrs({ Kode: codes.movedTo })}/></Flytting>`,
      );
      relations.push(relation(ids, caseId, tid, 'Tiltak', fid, 'Flytting'));
    }
    element(w, 'Tiltak', { Id: tid, StartDato: startDate }, body);
  }
  aftercareElements(w, state, id);
  out.push(...moves, ...relations);
  w('  </Sak>');
  w('</Barnevern>');
  return `${out.join('\n')}\n`;
}

/** The case's municipality and whether any of its effective events fall in `year` (Oslo dates). */
export function caseTouchesYear(state: CaseState, year: number): boolean {
  const prefix = String(year);
  return state.effectiveEvents.some((e) => dateOf(e).startsWith(prefix));
}

function lovhjemmel(b: LegalBasis): string[] {
  return [
    `      <Lovhjemmel><Lov>${b.law}</Lov><Kapittel>${b.chapter}</Kapittel><Paragraf>${b.section}</Paragraf>${b.paragraphs.map((p) => `<Ledd>${p}</Ledd>`).join('')}</Lovhjemmel>`,
  ];
}

function relation(ids: ExportIds, caseId: string, fromId: string, fromType: string, toId: string, toType: string): string {
  return `    <Relasjon ${attrs({ Id: ids.uuid(caseId, 'Relasjon', fromId, toId), FraId: fromId, FraType: fromType, TilId: toId, TilType: toType })}/>`;
}

/** Fodselsnummer placeholders the schema documents for a child without a known number: birth date (DDMMÅÅ) + these. */
const PLACEHOLDER_PERSON_NUMBERS = ['99999', '55555', '00100', '00200'];

/**
 * A `Personalia` that carries the birth year and nothing of the person: born 1 January of that year
 * (so an exact age on any day is Fristvakt's `year − birth year`), Fodselsnummer of the schema's
 * placeholder form «fødselsdato + 99999» (+ 55555 in the years where that one would pass the
 * identity number's check digits), Kjonn 1, the sex those placeholders' individual numbers spell
 * (Fristvakt records no sex; the schema requires one).
 */
function personalia(id: string, startDate: string, birthYear: number): Record<string, string> {
  const born = `0101${String(birthYear % 100).padStart(2, '0')}`;
  const number = PLACEHOLDER_PERSON_NUMBERS.map((p) => born + p).find((n) => !isNationalIdentityNumber(n))!;
  return { Id: id, StartDato: startDate, Fodselsnummer: number, Fodseldato: `${birthYear}-01-01`, Kjonn: '1' };
}

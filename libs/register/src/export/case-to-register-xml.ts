import { createHmac } from 'node:crypto';
import { evolveAll, initialState, parseOccurredAt, type CaseEvent, type CaseState, type Dated } from '@fristvakt/domain';
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
 * Undefined for a case without a notification. docs/register-import.md has the mapping.
 */
export function caseToRegisterXml(caseId: string, events: readonly CaseEvent[], ids: ExportIds, header: ExtractHeader): string | undefined {
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
    const body = [...lovhjemmel(legalBasisFor('placement', p.basis, startDate)), `      <Kategori ${attrs({ Kode: p.category })}/>`];
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

function element(w: (line: string) => void, name: string, attributes: Record<string, string>, body: string[]): void {
  if (body.length === 0) return w(`    <${name} ${attrs(attributes)}/>`);
  w(`    <${name} ${attrs(attributes)}>`);
  body.forEach(w);
  w(`    </${name}>`);
}

function lovhjemmel(b: LegalBasis): string[] {
  return [
    `      <Lovhjemmel><Lov>${b.law}</Lov><Kapittel>${b.chapter}</Kapittel><Paragraf>${b.section}</Paragraf>${b.paragraphs.map((p) => `<Ledd>${p}</Ledd>`).join('')}</Lovhjemmel>`,
  ];
}

function relation(ids: ExportIds, caseId: string, fromId: string, fromType: string, toId: string, toType: string): string {
  return `    <Relasjon ${attrs({ Id: ids.uuid(caseId, 'Relasjon', fromId, toId), FraId: fromId, FraType: fromType, TilId: toId, TilType: toType })}/>`;
}

/** The Oslo date of an event (what the register records). */
function dateOf(dated: Pick<Dated, 'occurredAt'>): string {
  const parsed = parseOccurredAt(dated.occurredAt);
  if (!parsed.ok) throw new Error(`stored occurredAt ${dated.occurredAt} does not parse: ${parsed.reason}`);
  return parsed.date;
}

function attrs(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}="${escapeXml(v!)}"`)
    .join(' ');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

import { INVESTIGATION_OUTCOMES, PLACEMENT_BASES } from '@fristvakt/domain';
import { bearer, getJson, type LeaderTestApp } from '../queries/leader-harness';
import { csvTables } from './csv';
import { FIRST_RECORDING, startLoadedApp } from './report-fixture';

/*
 * The state report for a generated year: every figure equals what GET /v1/compliance and
 * GET /v1/statistics/flow answer for the same periods, small counts are hidden by default, and the
 * three formats are well-formed (CSV parses, Markdown tables are rectangular, HTML is a balanced
 * standalone page without scripts).
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Headers = { authorization: string };

const YEAR = 2024;
const M = '3201';

describe('GET /v1/reports/state-report', () => {
  let t: LeaderTestApp;
  let leader: Headers;
  const api: Record<string, { flow: Json; compliance: Json }> = {};

  beforeAll(async () => {
    t = await startLoadedApp();
    leader = await bearer(t, { roles: ['leader'], municipalities: [M] }, FIRST_RECORDING);
    for (const period of [...[0, 1, 2, 3, 4].map((i) => String(YEAR - i)), `${YEAR}-H1`, `${YEAR}-H2`]) {
      const flow = await getJson<Json>(t, `/v1/statistics/flow?municipality=${M}&period=${period}`, leader);
      const compliance = await getJson<Json>(t, `/v1/compliance?municipality=${M}&period=${period}`, leader);
      expect([flow.status, compliance.status]).toEqual([200, 200]);
      api[period] = { flow: flow.body, compliance: compliance.body };
    }
  }, 600_000);
  afterAll(async () => {
    await t?.close();
  });

  async function report(params: string): Promise<{ status: number; type: string; body: string }> {
    const res = await t.app.inject({ method: 'GET', url: `/v1/reports/state-report?${params}`, headers: leader });
    return { status: res.statusCode, type: String(res.headers['content-type']), body: res.body };
  }

  /** section id → row label or code → the values of its cells, from the API's answers */
  function expectedTables(): Record<string, Record<string, Array<number | null>>> {
    const years = [4, 3, 2, 1, 0].map((i) => api[String(YEAR - i)]);
    const halves = [api[`${YEAR}-H1`], api[`${YEAR}-H2`], api[String(YEAR)]];
    const { flow } = api[String(YEAR)];
    const group = (byCategory: Json, g: string) =>
      Object.entries(byCategory).reduce((sum, [code, n]) => (code.split('.')[0] === g && code !== '8.2' ? sum + (n as number) : sum), 0);
    const outcomes = Object.fromEntries(Object.entries(flow.investigations.byOutcome).map(([code, n]) => [code, [n as number, round3((n as number) / flow.investigations.closed)]]));
    return {
      meldinger: {
        'Antall meldinger': years.map((y) => y.flow.notifications.received),
        'Gjennomgåtte meldinger': years.map((y) => y.compliance.reviews.concluded),
        'Andel gjennomgått innen en uke': years.map((y) => y.compliance.reviews.onTimeShare),
        'Meldinger til undersøkelse': years.map((y) => y.flow.notifications.byConclusion.investigation ?? 0),
        'Andel meldinger til undersøkelse': years.map((y) => y.flow.notifications.toInvestigationShare),
      },
      meldinger_etter_melder: {
        ...Object.fromEntries(Object.entries(flow.notifications.byReporter).map(([code, n]) => [code, [n as number]])),
        'Antall meldinger i alt': [flow.notifications.received],
      },
      gjennomgang_innen_en_uke: {
        'Gjennomgåtte meldinger': halves.map((p) => p.compliance.reviews.concluded),
        'Gjennomgått innen en uke': halves.map((p) => p.compliance.reviews.onTime),
        'Gjennomgått etter fristen': halves.map((p) => p.compliance.reviews.late),
        'Andel gjennomgått innen en uke': halves.map((p) => p.compliance.reviews.onTimeShare),
        'Ikke gjennomgått og over fristen ved periodens slutt': halves.map((p) => p.compliance.reviews.openOverdueAtEnd),
      },
      undersokelser_fristbrudd: {
        'Nye undersøkelser': halves.map((p) => p.flow.investigations.opened),
        'Avsluttede undersøkelser': halves.map((p) => p.compliance.investigations.closed),
        'Avsluttet innen fristen': halves.map((p) => p.compliance.investigations.onTime),
        Fristbrudd: halves.map((p) => p.compliance.investigations.breached),
        'Andel fristbrudd': halves.map((p) => p.compliance.investigations.breachShare),
        'Avsluttet med utvidet frist': halves.map((p) => p.compliance.investigations.extended),
        'Fristbrudd med utvidet frist': halves.map((p) => p.compliance.investigations.breachedExtended),
        'Pågående og over fristen ved periodens slutt': halves.map((p) => p.compliance.investigations.openOverdueAtEnd),
      },
      undersokelser_utfall: { ...outcomes, 'Avsluttede undersøkelser i alt': [flow.investigations.closed, 1] },
      hjelpetiltak: {
        ...Object.fromEntries(['3', '4', '5', '6', '7', '8'].map((g) => [g, [group(flow.measures.byCategory, g)]])),
        'Hjelpetiltak startet i alt': [flow.measures.started],
        'Barn med hjelpetiltak i løpet av året': [flow.measures.active.children],
      },
      plasseringer: {
        ...Object.fromEntries(Object.entries(flow.placements.byCategory).map(([code, n]) => [code, [n as number]])),
        'Plasseringer startet i alt': [flow.placements.started],
        'Barn plassert utenfor hjemmet i løpet av året': [flow.placements.active.children],
      },
      akuttplasseringer: {
        ...Object.fromEntries(Object.entries(flow.placements.byBasis).map(([code, n]) => [code, [n as number]])),
        'Plasseringer startet i alt': [flow.placements.started],
        'Andel akuttplasseringer': [flow.placements.emergencyShare],
      },
      fosterhjem_familie_nettverk: {
        Fosterhjemsplasseringer: [flow.placements.fosterHomeStarted],
        'I familie og nære nettverk': [flow.placements.kinshipStarted],
        'Andel i familie og nære nettverk': [flow.placements.kinshipShare],
      },
    };
  }

  /** section id → row label and row code → raw CSV values */
  function csvRows(text: string): Record<string, Record<string, string[]>> {
    const out: Record<string, Record<string, string[]>> = {};
    for (const [header, ...rows] of csvTables(text).slice(1)) {
      for (const row of rows) {
        expect(row.length).toBe(header.length);
        const [section, label, code, ...values] = row;
        out[section] ??= {};
        out[section][label] = values;
        if (code !== '') out[section][code] = values;
      }
    }
    return out;
  }

  it('has a generated year with enough in it to be worth checking', () => {
    const { flow, compliance } = api[String(YEAR)];
    expect(flow.notifications.received).toBeGreaterThan(50);
    expect(compliance.investigations.closed).toBeGreaterThan(10);
    expect(flow.placements.started).toBeGreaterThan(0);
  });

  it('gives, unsuppressed, exactly the figures of the compliance and flow answers', async () => {
    const res = await report(`year=${YEAR}&municipality=${M}&format=csv&suppressSmallCounts=false`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/csv/);
    const rows = csvRows(res.body);
    let compared = 0;
    for (const [section, expectedRows] of Object.entries(expectedTables())) {
      for (const [key, values] of Object.entries(expectedRows)) {
        const actual = rows[section]?.[key];
        expect({ section, key, values: actual?.map((v) => (v === '' ? null : Number(v))) }).toEqual({ section, key, values });
        compared += values.length;
      }
    }
    expect(compared).toBeGreaterThan(60);
    // five report years, oldest first, headed by the year
    expect(csvTables(res.body)[1][0]).toEqual(['seksjon', 'Meldinger', 'kode', '2020', '2021', '2022', '2023', '2024']);
  });

  /**
   * Sums a reader can check in the printed tables: rows of a section that add up in every column
   * (total first; outcome and basis rows by their register codes), and the half-years that add up to
   * the year.
   */
  const ROW_SUMS: Array<[section: string, total: string, parts: () => string[]]> = [
    ['gjennomgang_innen_en_uke', 'Gjennomgåtte meldinger', () => ['Gjennomgått innen en uke', 'Gjennomgått etter fristen']],
    ['undersokelser_fristbrudd', 'Avsluttede undersøkelser', () => ['Avsluttet innen fristen', 'Fristbrudd']],
    ['undersokelser_utfall', 'Avsluttede undersøkelser i alt', () => [...INVESTIGATION_OUTCOMES]],
    ['akuttplasseringer', 'Plasseringer startet i alt', () => [...PLACEMENT_BASES]],
  ];
  const HALF_YEAR_SECTIONS = ['gjennomgang_innen_en_uke', 'undersokelser_fristbrudd'];

  it('hides counts 1–4, what would give them back, and shares built on them, by default; everything else is unchanged', async () => {
    const open = csvRows((await report(`year=${YEAR}&municipality=${M}&format=csv&suppressSmallCounts=false`)).body);
    const hidden = csvRows((await report(`year=${YEAR}&municipality=${M}&format=csv`)).body);
    let small = 0;
    let complements = 0;
    for (const [section, rows] of Object.entries(open)) {
      for (const [key, values] of Object.entries(rows)) {
        values.forEach((value, i) => {
          const n = Number(value);
          // shares are the "Andel" rows, and the "Andel" column of the outcomes
          const isCount = !key.startsWith('Andel') && !(section === 'undersokelser_utfall' && i === 1);
          const shown = hidden[section][key][i];
          if (isCount && n >= 1 && n <= 4) {
            expect({ section, key, i, value: shown }).toEqual({ section, key, i, value: ':' });
            small++;
          } else if (shown !== ':') {
            expect({ section, key, i, value: shown }).toEqual({ section, key, i, value });
          } else if (isCount) {
            expect(n).toBeGreaterThan(4);
            complements++;
          }
        });
      }
    }
    // No checkable sum is left with exactly one hidden figure, which it would give back.
    const hiddenIn = (section: string, labels: string[], i: number) => labels.filter((label) => hidden[section][label][i] === ':').length;
    for (const [section, total, partsOf] of ROW_SUMS) {
      const parts = partsOf();
      expect(parts.length).toBeGreaterThan(1);
      hidden[section][total].forEach((_, i) => {
        if (section === 'undersokelser_utfall' && i === 1) return;
        expect({ section, total, i, hidden: hiddenIn(section, [total, ...parts], i) }).not.toEqual({ section, total, i, hidden: 1 });
      });
    }
    for (const section of HALF_YEAR_SECTIONS) {
      for (const [label, cells] of Object.entries(hidden[section])) {
        if (label.startsWith('Andel') || label.includes('ved periodens slutt')) continue;
        expect({ section, label, hidden: cells.filter((cell) => cell === ':').length }).not.toEqual({ section, label, hidden: 1 });
      }
    }
    expect(small).toBeGreaterThan(0);
    expect(complements).toBeGreaterThan(0);
    expect(csvTables((await report(`year=${YEAR}&municipality=${M}&format=csv`)).body)[0]).toContainEqual(['rapport', 'små tall skjult', 'ja']);
  });

  it('writes Markdown whose tables are rectangular, with the Norwegian headings and the legend', async () => {
    const res = await report(`year=${YEAR}&municipality=${M}&format=md`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/markdown/);
    const lines = res.body.split('\n');
    expect(lines[0]).toBe(`# Tilstandsrapport ${YEAR} – nøkkeltall for barneverntjenesten`);
    for (const heading of ['Meldinger', 'Meldinger etter melder 2024', 'Undersøkelser og fristbrudd per halvår', 'Akuttplasseringer og grunnlag for plassering', 'Fosterhjem i familie og nære nettverk']) {
      expect(lines.some((l) => l.startsWith('## ') && l.endsWith(`. ${heading}`))).toBe(true);
    }
    expect(res.body).toContain('sensurert på grunn av små verdier');
    const tables: string[][] = [];
    for (const line of lines) {
      if (!line.startsWith('|')) continue;
      const previous = lines[lines.indexOf(line) - 1];
      if (!previous?.startsWith('|')) tables.push([]);
      tables[tables.length - 1].push(line);
    }
    expect(tables).toHaveLength(10);
    const cellsOf = (line: string) => line.replace(/\\\|/g, '').split('|').length - 2;
    for (const table of tables) {
      expect(new Set(table.map(cellsOf)).size).toBe(1);
      expect(table[1]).toMatch(/^\| -+ \|( -+: \|)+$/);
    }
  });

  it('writes HTML as a standalone page: balanced tags, no scripts, no external resources', async () => {
    const res = await report(`year=${YEAR}&municipality=${M}&format=html`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/html/);
    const html = res.body;
    expect(html.startsWith('<!doctype html>\n<html lang="nb">')).toBe(true);
    expect(html).not.toMatch(/<script|\son\w+=|<link|src=|href=/i);
    for (const tag of ['html', 'head', 'body', 'main', 'section', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'h1', 'h2', 'ul', 'li', 'dl', 'dt', 'dd', 'p', 'caption', 'style', 'title']) {
      const opened = (html.match(new RegExp(`<${tag}[\\s>]`, 'g')) ?? []).length;
      const closed = (html.match(new RegExp(`</${tag}>`, 'g')) ?? []).length;
      expect({ tag, opened }).toEqual({ tag, opened: closed });
    }
    for (const table of html.match(/<table>[\s\S]*?<\/table>/g) ?? []) {
      const widths = (table.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).map((tr) => (tr.match(/<t[hd][\s>]/g) ?? []).length);
      expect(new Set(widths).size).toBe(1);
    }
    expect((html.match(/<table>/g) ?? []).length).toBe(10);
  });

  it('refuses bad input, other municipalities and other roles, and logs every read', async () => {
    expect((await report(`municipality=${M}`)).status).toBe(400);
    expect((await report(`year=24&format=pdf&municipality=${M}`)).status).toBe(400);
    expect((await report(`year=${YEAR}&municipality=3203`)).status).toBe(403);
    const intake = await bearer(t, { roles: ['intake'], municipalities: [M] }, FIRST_RECORDING);
    expect((await t.app.inject({ method: 'GET', url: `/v1/reports/state-report?year=${YEAR}`, headers: intake })).statusCode).toBe(403);
    const auditor = await bearer(t, { roles: ['auditor'], municipalities: ['*'] }, FIRST_RECORDING);
    const log = await getJson<Json>(t, '/v1/audit/access-log?limit=10000', auditor);
    const reads = log.body.entries.filter((e: Json) => e.action === 'report.state');
    expect(reads.length).toBeGreaterThanOrEqual(5);
    expect(reads.some((e: Json) => e.query.suppressSmallCounts === 'false' && e.status === 200)).toBe(true);
  });
});

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

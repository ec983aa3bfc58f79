import JSZip from 'jszip';
import { labelOf, PLACEMENT_BASIS_LABELS } from '@fristvakt/dashboard-ui';
import { DEFAULT_DEADLINE_RULES, INVESTIGATION_OUTCOMES, PLACEMENT_BASES, PLACEMENT_TYPES } from '@fristvakt/domain';
import { CHILD_MEASURE_GROUPS, children, type ProjectionModel } from '@fristvakt/projections';
import { bearer, getJson, type LeaderTestApp } from '../queries/leader-harness';
import { ResponseValidator, servedDocument } from '../openapi/served-document';
import { csvTables } from './csv';
import { FIRST_RECORDING, MUNICIPALITIES, NOW, startLoadedApp } from './report-fixture';

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
/** the sections of one municipality's report with the fixture's reference values (a yearly and a half-year comparison) */
const REPORT_SECTIONS = 20;

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
    /** per code seen in any year: the code's figure in each year */
    const byCode = (of: (y: Json) => Json) => {
      const codes = new Set(years.flatMap((y) => Object.keys(of(y))));
      return Object.fromEntries([...codes].map((code) => [code, years.map((y) => (of(y)[code] as number | undefined) ?? 0)]));
    };
    const perYear = (of: (y: Json) => number | null) => years.map(of);
    const outcomes = Object.fromEntries(
      Object.entries(byCode((y) => y.flow.investigations.byOutcome)).map(([code, values]) => [
        code,
        [...values, round3((flow.investigations.byOutcome[code] ?? 0) / flow.investigations.closed)],
      ]),
    );
    return {
      meldinger: {
        'Antall meldinger': years.map((y) => y.flow.notifications.received),
        'Gjennomgåtte meldinger': years.map((y) => y.compliance.reviews.concluded),
        'Andel gjennomgått innen en uke': years.map((y) => y.compliance.reviews.onTimeShare),
        'Meldinger til undersøkelse': years.map((y) => y.flow.notifications.byConclusion.investigation ?? 0),
        'Andel meldinger til undersøkelse': years.map((y) => y.flow.notifications.toInvestigationShare),
        'Henlagte meldinger (gjennomgått, ikke til undersøkelse)': years.map(
          (y) => y.flow.notifications.concluded - (y.flow.notifications.byConclusion.investigation ?? 0),
        ),
      },
      meldinger_etter_melder: {
        ...byCode((y) => y.flow.notifications.byReporter),
        'Antall meldinger i alt': perYear((y) => y.flow.notifications.received),
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
      undersokelser_utfall: { ...outcomes, 'Avsluttede undersøkelser i alt': [...perYear((y) => y.flow.investigations.closed), 1] },
      undersokelser_over_ar: {
        'Nye undersøkelser': perYear((y) => y.flow.investigations.opened),
        'Avsluttede undersøkelser': perYear((y) => y.compliance.investigations.closed),
        Fristbrudd: perYear((y) => y.compliance.investigations.breached),
        'Andel fristbrudd': perYear((y) => y.compliance.investigations.breachShare),
      },
      hjelpetiltak: {
        ...Object.fromEntries(['3', '4', '5', '6', '7', '8'].map((g) => [g, perYear((y) => group(y.flow.measures.byCategory, g))])),
        'Hjelpetiltak startet i alt': perYear((y) => y.flow.measures.started),
        'Barn med hjelpetiltak i løpet av året': perYear((y) => y.flow.measures.active.children),
        'Barn med hjelpetiltak ved årets slutt': perYear((y) => y.flow.stockAtEnd.childrenWithMeasures),
      },
      plasseringer: {
        ...byCode((y) => y.flow.placements.byCategory),
        'Plasseringer startet i alt': perYear((y) => y.flow.placements.started),
        'Barn plassert utenfor hjemmet i løpet av året': perYear((y) => y.flow.placements.active.children),
        'Barn plassert utenfor hjemmet ved årets slutt': perYear((y) => y.flow.stockAtEnd.childrenPlaced),
        'Plasseringer avsluttet': perYear((y) => y.flow.placements.ended),
        'Av dem utilsiktet (tidligere enn planlagt)': perYear((y) => y.flow.placements.endedUnplanned),
      },
      akuttplasseringer: {
        ...byCode((y) => y.flow.placements.byBasis),
        'Plasseringer startet i alt': perYear((y) => y.flow.placements.started),
        'Andel akuttplasseringer': perYear((y) => y.flow.placements.emergencyShare),
      },
      fosterhjem_familie_nettverk: {
        Fosterhjemsplasseringer: perYear((y) => y.flow.placements.fosterHomeStarted),
        'I familie og nære nettverk': perYear((y) => y.flow.placements.kinshipStarted),
        'Andel i familie og nære nettverk': perYear((y) => y.flow.placements.kinshipShare),
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
    ['barn_plassert', 'Barn plassert per 31.12 i alt', () => [...PLACEMENT_TYPES]],
    [
      'barn_plassert',
      'Barn plassert per 31.12 i alt',
      () => PLACEMENT_BASES.map((b) => `Grunnlag: ${labelOf(PLACEMENT_BASIS_LABELS, b, 'nb').toLowerCase()}`),
    ],
  ];
  /** five year columns, then the report year's shares */
  const OUTCOME_SHARE_COLUMN = 5;
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
          // the comparison's rows are shares and rates, Fristvakt's hidden with their numerators
          const isCount =
            !key.startsWith('Andel') &&
            !key.includes('per 1 000') &&
            !section.startsWith('sammenligning') &&
            !(section === 'undersokelser_utfall' && i === OUTCOME_SHARE_COLUMN);
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
        if (section === 'undersokelser_utfall' && i === OUTCOME_SHARE_COLUMN) return;
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
    expect(csvTables((await report(`year=${YEAR}&municipality=${M}&format=csv`)).body)[0]).toContainEqual([
      'rapport',
      'små tall skjult',
      'ja',
    ]);
  });

  it('writes Markdown whose tables are rectangular, with the Norwegian headings and the legend', async () => {
    const res = await report(`year=${YEAR}&municipality=${M}&format=md`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/markdown/);
    const lines = res.body.split('\n');
    expect(lines[0]).toBe(`# Tilstandsrapport ${YEAR} – nøkkeltall for barneverntjenesten`);
    for (const heading of [
      'Meldinger',
      'Meldinger etter melder 2020–2024',
      'Barn plassert utenfor hjemmet per 31.12, etter plasseringstype og grunnlag',
      'Ettervern (18–24 år) og aktive saker',
      'Undersøkelser og fristbrudd per halvår',
      'Akuttplasseringer og grunnlag for plassering',
      'Fosterhjem i familie og nære nettverk',
    ]) {
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
    expect(tables).toHaveLength(REPORT_SECTIONS);
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
    for (const tag of [
      'html',
      'head',
      'body',
      'main',
      'section',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'h1',
      'h2',
      'ul',
      'li',
      'dl',
      'dt',
      'dd',
      'p',
      'caption',
      'style',
      'title',
      'figure',
      'figcaption',
      'svg',
      'desc',
      'text',
    ]) {
      const opened = (html.match(new RegExp(`<${tag}[\\s>]`, 'g')) ?? []).length;
      const closed = (html.match(new RegExp(`</${tag}>`, 'g')) ?? []).length;
      expect({ tag, opened }).toEqual({ tag, opened: closed });
    }
    for (const table of html.match(/<table>[\s\S]*?<\/table>/g) ?? []) {
      const widths = (table.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).map((tr) => (tr.match(/<t[hd][\s>]/g) ?? []).length);
      expect(new Set(widths).size).toBe(1);
    }
    expect((html.match(/<table>/g) ?? []).length).toBe(REPORT_SECTIONS);
    // a chart beside most tables: inline SVG, named for screen readers by its title and summary
    const charts = html.match(/<svg [^>]*>/g) ?? [];
    expect(charts.length).toBeGreaterThanOrEqual(REPORT_SECTIONS - 3);
    for (const svg of charts) expect(svg).toMatch(/role="img" aria-labelledby="chart-[a-z_]+-title chart-[a-z_]+-desc"/);
    expect(html).toMatch(/<polyline points="[\d., ]+"/);
    expect(html).toMatch(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill="#0072B2"\/>/);
  });

  it('gives the children figures the projections library counts, for every year of the span', async () => {
    const rows = csvRows((await report(`year=${YEAR}&municipality=${M}&format=csv&suppressSmallCounts=false`)).body);
    const { model } = await t.projections.modelAt(undefined);
    const years = childrenOverTheSpan(model, { suppressSmallCounts: false });
    const expected: Record<string, Record<string, number[]>> = {
      barn_plassert: {
        ...Object.fromEntries(PLACEMENT_TYPES.map((type) => [type, years.map((c) => c.placedAtEnd.byType[type])])),
        ...Object.fromEntries(PLACEMENT_BASES.map((basis) => [basis, years.map((c) => c.placedAtEnd.byBasis[basis])])),
        'Barn plassert per 31.12 i alt': years.map((c) => c.placedAtEnd.children),
      },
      barn_med_tiltak: {
        ...Object.fromEntries(CHILD_MEASURE_GROUPS.map((g) => [g, years.map((c) => c.withMeasures.byGroup[g])])),
        'Barn med tiltak i alt': years.map((c) => c.withMeasures.children),
        'Barn 0–17 år med tiltak': years.map((c) => c.withMeasures.under18),
      },
      akuttplasserte_barn: {
        Akuttplasseringer: years.map((c) => c.emergencyStarted.placements),
        'Barn som ble akuttplassert': years.map((c) => c.emergencyStarted.children),
      },
      meldinger: {
        'Meldinger i aktiv sak': years.map((c) => c.notifications.inActiveCase),
        'Nye meldinger (saken var ikke aktiv)': years.map((c) => c.notifications.received - c.notifications.inActiveCase),
      },
      undersokelser_over_ar: {
        'Barn med undersøkelse i løpet av året': years.map((c) => c.withInvestigation.children),
        'Barn 0–17 år med undersøkelse': years.map((c) => c.withInvestigation.under18),
      },
      ettervern_og_aktive_saker: {
        'I ettervern per 31.12': years.map((c) => c.aftercare.atEnd),
        'I ettervern i løpet av året': years.map((c) => c.aftercare.duringPeriod),
        'Aktive saker per 31.12': years.map((c) => c.activeCasesAtEnd),
      },
    };
    for (const [section, expectedRows] of Object.entries(expected)) {
      for (const [key, values] of Object.entries(expectedRows)) {
        expect({ section, key, values: rows[section]?.[key]?.map(Number) }).toEqual({ section, key, values });
      }
    }
    expect(years[4].placedAtEnd.children + years[4].withMeasures.children).toBeGreaterThan(10);
    // the children query sees the same notifications as the flow query
    expect(years.map((c) => c.notifications.received)).toEqual(
      [4, 3, 2, 1, 0].map((i) => api[String(YEAR - i)].flow.notifications.received),
    );
    // per 1 000 inhabitants 0–17 from the imported population (2 000 in 2024, 1 900 in 2023, none before)
    const rate = rows.barn_med_tiltak['Barn 0–17 år med tiltak per 1 000 innbyggere 0–17 år'];
    expect(rate.slice(0, 3)).toEqual(['', '', '']);
    expect(Number(rate[3])).toBeCloseTo((years[3].withMeasures.under18 * 1000) / 1900, 1);
    expect(Number(rate[4])).toBeCloseTo((years[4].withMeasures.under18 * 1000) / 2000, 1);
  });

  it('gives placed children at 31.12 by legal basis, kind of home and age as the children query counts them, hidden so no sum gives a figure back', async () => {
    const { model } = await t.projections.modelAt(undefined);
    const years = childrenOverTheSpan(model, {});
    const homes = {
      fosterhjem: ['foster_home_kinship', 'foster_home_other', 'emergency_home'],
      institusjon: ['institution'],
      bolig: ['supported_housing'],
    };
    const expected: Record<string, number[]> = {};
    for (const basis of PLACEMENT_BASES)
      for (const [home, types] of Object.entries(homes))
        for (const age of ['under18', 'adults'] as const) {
          const values = years.map((c) =>
            types.reduce((sum, type) => sum + c.placedAtEnd.byTypeBasisAge[type as 'institution'][basis][age], 0),
          );
          if (values.some((v) => v > 0)) expected[`${basis}:${home}:${age}`] = values;
        }
    const open = csvRows(
      (await report(`year=${YEAR}&municipality=${M}&format=csv&suppressSmallCounts=false`)).body,
    ).barn_plassert_grunnlag_alder;
    const codes = Object.keys(open).filter((key) => key.split(':').length === 3);
    expect(codes.sort()).toEqual(Object.keys(expected).sort());
    for (const code of codes) expect({ code, values: open[code].map(Number) }).toEqual({ code, values: expected[code] });
    // the cells add up to the children placed, and some young adults live in foster homes as aftercare
    expect(open['Barn plassert per 31.12 i alt'].map(Number)).toEqual(years.map((c) => c.placedAtEnd.children));
    expect(codes.length).toBeGreaterThan(3);
    const hidden = csvRows((await report(`year=${YEAR}&municipality=${M}&format=csv`)).body).barn_plassert_grunnlag_alder;
    for (let i = 0; i < 5; i++) {
      const shown = [...codes, 'Barn plassert per 31.12 i alt'].map((key) => hidden[key][i]);
      expect({ i, hiddenInSum: shown.filter((v) => v === ':').length }).not.toEqual({ i, hiddenInSum: 1 });
      codes.forEach((code) => {
        const n = expected[code][i];
        if (n >= 1 && n <= 4) expect(hidden[code][i]).toBe(':');
      });
    }
  });

  it('gives plans and foster-home visits over the years as the compliance answers them for each year', async () => {
    const rows = csvRows((await report(`year=${YEAR}&municipality=${M}&format=csv&suppressSmallCounts=false`)).body).oppfolging_over_ar;
    const years = [4, 3, 2, 1, 0].map((i) => api[String(YEAR - i)].compliance.followUp);
    const expected: Record<string, Array<number | null>> = {
      'Barn i hjelpetiltak (på telledato)': years.map((f) => f.plans.denominator),
      'Andel barn i hjelpetiltak med tiltaksplan': years.map((f) => f.plans.metShare),
      'Andel evaluerte tiltaksplaner': years.map((f) => f.evaluatedPlans.metShare),
      'Andel barn under omsorg med omsorgsplan': years.map((f) => f.carePlans.metShare),
      'Barn i fosterhjem i perioden': years.map((f) => f.followUpVisits.denominator),
      'Andel barn med oppfølgingsbesøk som krevd': years.map((f) => f.followUpVisits.metShare),
      'Andel barn med tilsynsbesøk som krevd': years.map((f) => f.supervision.metShare),
      'Oppfølgingsbesøk gjennomført (besøk)': years.map((f) => f.followUpVisits.held),
      'Tilsynsbesøk gjennomført (besøk)': years.map((f) => f.supervision.held),
    };
    for (const [label, values] of Object.entries(expected))
      expect({ label, values: rows[label].map((v) => (v === '' ? null : Number(v))) }).toEqual({ label, values });
    expect(years[4].followUpVisits.denominator).toBeGreaterThan(5);
  });

  it("sets the published figures beside Fristvakt's and says where the definitions differ", async () => {
    const res = await report(`year=${YEAR}&municipality=${M}&format=csv&suppressSmallCounts=false`);
    const rows = csvRows(res.body);
    expect(rows.sammenligning['children_with_measures_per_1000_0_17:municipality:3201']).toEqual(['', '', '', '', '35.5']);
    expect(rows.sammenligning['children_with_measures_per_1000_0_17:country:NO']).toEqual(['', '', '', '', '31']);
    expect(rows.sammenligning['reviews_within_7_days_share:county:32'][4]).toBe('0.9');
    expect(rows.sammenligning['reviews_within_7_days_share'][4]).toBe(String(round3(api[String(YEAR)].compliance.reviews.onTimeShare)));
    const md = (await report(`year=${YEAR}&municipality=${M}&format=md`)).body;
    expect(md).toContain('Samme definisjon (KOSTRA)');
  });

  it('compares per half-year where the published figures are half-yearly (Bufdir), with the definitions said', async () => {
    const rows = csvRows((await report(`year=${YEAR}&municipality=${M}&format=csv&suppressSmallCounts=false`)).body);
    const halves = rows.sammenligning_halvar;
    const share = (period: string, of: (c: Json) => number | null) => String(round3(of(api[period].compliance) ?? NaN));
    expect(halves['investigation_breach_share']).toEqual([
      share(`${YEAR}-H1`, (c) => c.investigations.breachShare),
      share(`${YEAR}-H2`, (c) => c.investigations.breachShare),
    ]);
    expect(halves['investigation_breach_share:county:32']).toEqual(['0.049', '0.085']);
    expect(halves['investigation_breach_share:municipality:3201']).toEqual(['0.143', '']);
    expect(halves['help_measures_with_plan_share']).toEqual([
      share(`${YEAR}-H1`, (c) => c.followUp.plans.metShare),
      share(`${YEAR}-H2`, (c) => c.followUp.plans.metShare),
    ]);
    // a yearly published value stays in the yearly table, with the KOSTRA group's
    expect(rows.sammenligning['reviews_within_7_days_share:kostra_group:EKG13']).toEqual(['', '', '', '0.85', '']);
    expect(rows.sammenligning['investigation_breach_share:county:32']).toBeUndefined();
    const md = (await report(`year=${YEAR}&municipality=${M}&format=md`)).body;
    expect(md).toContain(`Sammenligning med publiserte tall per halvår ${YEAR}`);
    expect(md).toContain('Fristbrudd i undersøkelser (nær samme definisjon)');
  });

  it('answers the comparison tables as JSON, cell for cell as the report prints them, hidden where the report hides', async () => {
    const openApi = new ResponseValidator(await servedDocument(t.app));
    const url = `/v1/reports/state-report/comparisons?year=${YEAR}&municipality=${M}`;
    const res = await t.app.inject({ method: 'GET', url, headers: leader });
    expect(res.statusCode).toBe(200);
    expect(openApi.problems('GET', url, res)).toEqual([]);
    const json = res.json() as Json;
    expect(json).toMatchObject({ year: YEAR, years: [2020, 2021, 2022, 2023, 2024], halves: ['2024-H1', '2024-H2'] });
    expect(json.referenceFile).toBe('reference-values.csv');
    const csv = csvRows((await report(`year=${YEAR}&municipality=${M}&format=csv`)).body);
    // the JSON rounds as the CSV does (shares to 3 decimals, rates to 1)
    const printed = (cell: Json) => (cell.suppressed ? ':' : cell.value === null ? '' : String(cell.value));
    let compared = 0;
    for (const series of json.indicators as Json[]) {
      const table = csv[series.periods === 'year' ? 'sammenligning' : 'sammenligning_halvar'];
      expect(series.fristvakt.map(printed)).toEqual(table[series.indicator]);
      for (const published of series.published) {
        expect(published.values.map(printed)).toEqual(table[`${series.indicator}:${published.areaType}:${published.area}`]);
        compared++;
      }
    }
    expect(compared).toBe(7);
    expect(json.indicators.map((s: Json) => `${s.indicator}/${s.periods}/${s.match}`)).toEqual([
      'reviews_within_7_days_share/year/same',
      'children_with_measures_per_1000_0_17/year/same',
      'investigation_breach_share/half/close',
      'help_measures_with_plan_share/half/close',
    ]);
    const statistical = await getJson<Json>(t, `${url}&method=statistical`, leader);
    expect(statistical.body.indicators.find((s: Json) => s.indicator === 'investigation_breach_share').match).toBe('same');
    // tenancy as for the report
    expect((await t.app.inject({ method: 'GET', url: url.replace(M, '3203'), headers: leader })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `${url}&format=csv`, headers: leader })).statusCode).toBe(400);
  });

  it('covers a chosen span of years, 1 to 10, marking the first year with data', async () => {
    const ten = csvTables((await report(`year=${YEAR}&municipality=${M}&format=csv&years=10`)).body);
    expect(ten[1][0]).toEqual(['seksjon', 'Meldinger', 'kode', ...Array.from({ length: 10 }, (_, i) => String(YEAR - 9 + i))]);
    const first = Number(ten[0].find((row) => row[1] === 'Første år med data')![2]);
    const column = first - (YEAR - 9);
    expect(column).toBeGreaterThan(0);
    // nothing in any year before it; something in it
    const rows = csvRows((await report(`year=${YEAR}&municipality=${M}&format=csv&years=10&suppressSmallCounts=false`)).body);
    const counts = [
      ...Object.values(rows.meldinger),
      ...Object.values(rows.ettervern_og_aktive_saker),
      ...Object.values(rows.barn_med_tiltak),
    ];
    for (const cells of counts) expect(cells.slice(0, column).every((cell) => cell === '0' || cell === '')).toBe(true);
    expect(counts.some((cells) => Number(cells[column]) > 0)).toBe(true);
    const md = (await report(`year=${YEAR}&municipality=${M}&format=md&years=10`)).body;
    // Markdown escapes the asterisk
    expect(md).toMatch(new RegExp(`\\| +${first - 1} \\| +${first}\\\\\\* \\|`));
    expect((await report(`year=${YEAR}&municipality=${M}&years=11`)).status).toBe(400);
    expect((await report(`year=${YEAR}&municipality=${M}&years=0`)).status).toBe(400);
  });

  it('reports for a joint service: one column per municipality and the total, equal to the sum of the single reports', async () => {
    const both = await bearer(t, { roles: ['leader'], municipalities: MUNICIPALITIES }, FIRST_RECORDING);
    const get = async (params: string) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/v1/reports/state-report?year=${YEAR}&format=csv&suppressSmallCounts=false${params}`,
        headers: both,
      });
      expect(res.statusCode).toBe(200);
      return res.body;
    };
    const joint = await get('');
    expect(await get('&municipality=3203,3201')).toBe(joint);
    const singles = await Promise.all(MUNICIPALITIES.map((m) => get(`&municipality=${m}`)));
    const [a, b] = singles.map(csvRows);
    const sum = csvRows(joint);
    // the per-municipality table: one column each (named), then the total
    const header = csvTables(joint).find((table) => table[1]?.[0] === 'kommunene_i_samarbeidet')![0];
    expect(header.slice(3)).toEqual(['Bærum (3201)', 'Asker (3203)', 'Totalt']);
    for (const [label, cells] of Object.entries(sum.kommunene_i_samarbeidet)) {
      expect({ label, total: Number(cells[2]) }).toEqual({ label, total: Number(cells[0]) + Number(cells[1]) });
    }
    expect(sum.kommunene_i_samarbeidet['Antall meldinger'].map(Number)).toEqual([
      Number(a.meldinger['Antall meldinger'][4]),
      Number(b.meldinger['Antall meldinger'][4]),
      Number(a.meldinger['Antall meldinger'][4]) + Number(b.meldinger['Antall meldinger'][4]),
    ]);
    // every count that adds up across municipalities, in every year
    const additive = [
      'meldinger',
      'meldinger_etter_melder',
      'undersokelser_over_ar',
      'hjelpetiltak',
      'plasseringer',
      'akuttplasseringer',
      'fosterhjem_familie_nettverk',
      'barn_plassert',
      'barn_med_tiltak',
      'akuttplasserte_barn',
      'ettervern_og_aktive_saker',
    ];
    let compared = 0;
    for (const section of additive) {
      for (const [key, cells] of Object.entries(sum[section])) {
        if (key.startsWith('Andel') || key.includes('per 1 000')) continue;
        cells.forEach((cell, i) => {
          expect({ section, key, i, value: Number(cell) }).toEqual({
            section,
            key,
            i,
            value: Number(a[section][key][i]) + Number(b[section][key][i]),
          });
          compared++;
        });
      }
    }
    expect(compared).toBeGreaterThan(200);
    expect(csvTables(joint)[0]).toContainEqual(['rapport', 'Kommuner', 'Bærum (3201), Asker (3203)']);
  });

  it('writes an editable DOCX: the headings, a table per section, charts as images, an empty «Vurdering» under each section', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/reports/state-report?year=${YEAR}&municipality=${M}&format=docx`,
      headers: leader,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="tilstandsrapport-${M}-${YEAR}.docx"`);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const paragraphs = [...xml.matchAll(/<w:p\/>|<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => m[1] ?? m[2] ?? '');
    const textOf = (p: string) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    const headings = (level: number) => paragraphs.filter((p) => p.includes(`<w:pStyle w:val="Heading${level}"/>`)).map(textOf);
    expect(headings(1)).toEqual([`Tilstandsrapport ${YEAR} – nøkkeltall for barneverntjenesten`]);
    expect(headings(2)).toContain('1. Meldinger');
    expect(headings(2)).toContain('9. Barn plassert utenfor hjemmet per 31.12, etter plasseringstype og grunnlag');
    expect(headings(2)).toHaveLength(REPORT_SECTIONS + 1); // and the legend
    expect(headings(3)).toEqual(Array(REPORT_SECTIONS).fill('Vurdering'));
    // each «Vurdering» is followed by an empty paragraph to write in
    const after = paragraphs
      .map((p, i) => (p.includes('<w:pStyle w:val="Heading3"/>') ? textOf(paragraphs[i + 1] ?? 'missing') : null))
      .filter((x) => x !== null);
    expect(after).toEqual(Array(REPORT_SECTIONS).fill(''));
    // a table per section, each as wide in every row, holding the CSV's figures as people read them
    const tables = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
    expect(tables).toHaveLength(REPORT_SECTIONS);
    for (const table of tables)
      expect(new Set((table.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? []).map((tr) => (tr.match(/<w:tc>/g) ?? []).length)).size).toBe(1);
    const received = api[String(YEAR)].flow.notifications.received as number;
    expect(tables[0]).toContain(`<w:t xml:space="preserve">${String(received).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')}</w:t>`);
    // charts: PNG images, each with alternative text
    const images = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
    expect(images.length).toBeGreaterThanOrEqual(REPORT_SECTIONS - 3);
    for (const name of images)
      expect((await zip.file(name)!.async('nodebuffer')).subarray(0, 8)).toEqual(
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      );
    expect((xml.match(/<wp:docPr [^>]*descr="Figur: [^"]+"/g) ?? []).length).toBe(images.length);
  });

  it('refuses bad input, other municipalities and other roles, and logs every read', async () => {
    expect((await report(`municipality=${M}`)).status).toBe(400);
    expect((await report(`year=24&format=pdf&municipality=${M}`)).status).toBe(400);
    expect((await report(`year=${YEAR}&municipality=3203`)).status).toBe(403);
    expect((await report(`year=${YEAR}&municipality=3201,3203`)).status).toBe(403);
    const intake = await bearer(t, { roles: ['intake'], municipalities: [M] }, FIRST_RECORDING);
    expect((await t.app.inject({ method: 'GET', url: `/v1/reports/state-report?year=${YEAR}`, headers: intake })).statusCode).toBe(403);
    const auditor = await bearer(t, { roles: ['auditor'], municipalities: ['*'] }, FIRST_RECORDING);
    const log = await getJson<Json>(t, '/v1/audit/access-log?limit=10000', auditor);
    const reads = log.body.entries.filter((e: Json) => e.action === 'report.state');
    expect(reads.length).toBeGreaterThanOrEqual(5);
    expect(reads.some((e: Json) => e.query.suppressSmallCounts === 'false' && e.status === 200)).toBe(true);
  });
});

/** The children query for each of the report's five years, oldest first, as the report asks it. */
function childrenOverTheSpan(model: ProjectionModel, extra: { suppressSmallCounts?: boolean }) {
  return [4, 3, 2, 1, 0].map((i) =>
    children(model, {
      municipality: M,
      period: String(YEAR - i),
      method: 'legal',
      rules: DEFAULT_DEADLINE_RULES,
      asOf: NOW.slice(0, 10),
      ...extra,
    }),
  );
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

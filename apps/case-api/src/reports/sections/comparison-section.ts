import { municipalityLabel, type CountingMethod } from '@fristvakt/domain';
import type { ReferenceValue } from '../reference/reference-values';
import type { ReportContext } from '../report-context';
import { shareCell, type Cell, type ReportRow, type ReportSection } from '../report-table';
import type { PeriodFigures } from '../state-report.query';

/*
 * Fristvakt's figure beside the published ones (municipality, county, KOSTRA group, country), for
 * the indicators whose definitions can be set side by side; each says whether they match. Two
 * tables: the span's years, and the report year's half-years (Bufdir's Kommunemonitor publishes
 * its deadline and plan indicators per half-year).
 */

/** How Fristvakt's definition compares with the published one. */
export type DefinitionMatch = 'same' | 'close' | 'differs';

export type ComparisonPeriods = 'year' | 'half';

export interface ComparedIndicator {
  /** the `indicator` name in the reference file */
  name: string;
  label: string;
  unit: 'share' | 'rate';
  /** the periods Fristvakt's figure is defined for */
  periods: readonly ComparisonPeriods[];
  match(method: CountingMethod): DefinitionMatch;
  /** how the definitions compare, in the report's words */
  definition: string;
  /** Fristvakt's figure for one period of `year` */
  ours(ctx: ReportContext, p: PeriodFigures, year: number): Cell;
}

const always = (match: DefinitionMatch) => () => match;

/** children under 18 with something during the year per 1 000 inhabitants 0–17 (imported population) */
function perThousand(ctx: ReportContext, p: PeriodFigures, year: number, figure: string, n: number): Cell {
  const inhabitants = ctx.population(year);
  return { kind: 'rate', value: inhabitants ? (n * 1000) / inhabitants : null, numerator: n, numeratorKey: ctx.fig(p, figure, n) };
}

export const COMPARED_INDICATORS: readonly ComparedIndicator[] = [
  {
    name: 'reviews_within_7_days_share',
    label: 'Meldinger gjennomgått innen en uke',
    unit: 'share',
    periods: ['year', 'half'],
    match: always('same'),
    definition: 'Samme definisjon (Bufdir): meldinger gjennomgått i perioden, fristen er 7 dager fra mottak.',
    ours: (ctx, p) => {
      const r = p.compliance.reviews;
      return shareCell(r.onTime, r.concluded, r.onTimeShare, {
        numerator: ctx.fig(p, 'reviews.onTime', r.onTime),
        denominator: ctx.fig(p, 'reviews.concluded', r.concluded),
      });
    },
  },
  {
    name: 'investigations_within_3_months_share',
    label: 'Undersøkelser avsluttet innen fristen',
    unit: 'share',
    periods: ['year'],
    match: always('differs'),
    definition:
      'Avviker: KOSTRA teller undersøkelser avsluttet innen 3 måneder (7 + 90 dager); Fristvakt regner en undersøkelse med utvidet frist som avsluttet i tide innen 6 måneder, og bruker månedsregler med mindre method=statistical.',
    ours: (ctx, p) => {
      const u = p.compliance.investigations;
      return shareCell(u.onTime, u.closed, u.breachShare === null ? null : 1 - u.breachShare, {
        numerator: ctx.fig(p, 'investigations.onTime', u.onTime),
        denominator: ctx.fig(p, 'investigations.closed', u.closed),
      });
    },
  },
  {
    name: 'investigation_breach_share',
    label: 'Fristbrudd i undersøkelser',
    unit: 'share',
    periods: ['year', 'half'],
    match: (method) => (method === 'statistical' ? 'same' : 'close'),
    definition:
      'Samme definisjon som Bufdir med method=statistical (avsluttede undersøkelser i perioden med fristbrudd, fristen 7 + 90 dager, 7 + 180 ved utvidet frist); med juridisk beregning (månedsregler, standard) kan en frist falle opptil tre dager annerledes.',
    ours: (ctx, p) => {
      const u = p.compliance.investigations;
      return shareCell(u.breached, u.closed, u.breachShare, {
        numerator: ctx.fig(p, 'investigations.breached', u.breached),
        denominator: ctx.fig(p, 'investigations.closed', u.closed),
      });
    },
  },
  {
    name: 'help_measures_with_plan_share',
    label: 'Barn i hjelpetiltak med tiltaksplan',
    unit: 'share',
    periods: ['half'],
    match: always('close'),
    definition:
      'Nær samme definisjon (Bufdir): barn under 18 år i hjelpetiltak på telledatoen (30.06, 31.12) med aktiv tiltaksplan; Fristvakt teller bestanden på telledatoen (DOMAIN.md §7.1), Bufdirs kildedefinisjon er ikke gjennomgått linje for linje.',
    ours: (ctx, p) => {
      const plans = p.compliance.followUp.plans;
      return shareCell(plans.numerator, plans.denominator, plans.metShare, {
        numerator: ctx.fig(p, 'followUp.plans.numerator', plans.numerator),
        denominator: ctx.fig(p, 'followUp.plans.denominator', plans.denominator),
      });
    },
  },
  {
    name: 'children_with_measures_per_1000_0_17',
    label: 'Barn 0–17 år med tiltak per 1 000 innbyggere 0–17 år',
    unit: 'rate',
    periods: ['year'],
    match: always('same'),
    definition:
      'Samme definisjon (KOSTRA): barn 0–17 år med tiltak i løpet av året per 1 000 innbyggere 0–17 år, når folketallet er importert.',
    ours: (ctx, p, year) => perThousand(ctx, p, year, 'children.under18', p.children.withMeasures.under18),
  },
  {
    name: 'children_with_investigation_per_1000_0_17',
    label: 'Barn 0–17 år med undersøkelse per 1 000 innbyggere 0–17 år',
    unit: 'rate',
    periods: ['year'],
    match: always('same'),
    definition:
      'Samme definisjon (Bufdir, publisert i prosent: 4,7 % = 47 per 1 000): barn 0–17 år med undersøkelse i løpet av året per 1 000 innbyggere 0–17 år, når folketallet er importert.',
    ours: (ctx, p, year) => perThousand(ctx, p, year, 'children.withInvestigation.under18', p.children.withInvestigation.under18),
  },
  {
    name: 'kinship_foster_home_share',
    label: 'Barn i fosterhjem i familie og nære nettverk',
    unit: 'share',
    periods: ['year'],
    match: always('close'),
    definition:
      'Nær samme definisjon (Bufdir): barn i fosterhjem per 31.12 som bor i familie og nære nettverk (2.1, 2.6); Fristvakt holder beredskapshjem (2.5) utenfor nevneren.',
    ours: (ctx, p) => {
      const t = p.children.placedAtEnd.byType;
      const fosterHomes = t.foster_home_kinship + t.foster_home_other;
      return shareCell(t.foster_home_kinship, fosterHomes, undefined, {
        numerator: ctx.fig(p, 'children.placedAtEnd.type.foster_home_kinship', t.foster_home_kinship),
        denominator: ctx.fig(p, 'children.placedAtEnd.fosterHomes', fosterHomes),
      });
    },
  },
];

export const AREA_ORDER = ['municipality', 'county', 'kostra_group', 'country'] as const;
const AREA_LABELS: Record<(typeof AREA_ORDER)[number], string> = {
  municipality: 'kommune',
  county: 'fylke',
  kostra_group: 'KOSTRA-gruppe',
  country: 'landet',
};
const MATCH_LABELS: Record<DefinitionMatch, string> = { same: 'samme definisjon', close: 'nær samme definisjon', differs: 'avviker' };

/** The two comparison tables by section id: which periods their columns are, and where the figures come from. */
export const COMPARISON_SECTIONS = { sammenligning: 'year', sammenligning_halvar: 'half' } as const satisfies Record<
  string,
  ComparisonPeriods
>;

/** One column of a comparison table: Fristvakt's figures for it, and which published values belong to it. */
interface Column {
  /** `2024`, `2024-H1` */
  period: string;
  year: number;
  half: 1 | 2 | undefined;
  figures: PeriodFigures;
}

/** The published values of one indicator for the municipalities reported on and the areas around them. */
export function publishedFor(ctx: ReportContext, indicator: string, periods: ComparisonPeriods): ReferenceValue[] {
  const ours = ctx.figures.params.municipalities;
  return ctx.figures.reference.values.filter(
    (v) =>
      v.indicator === indicator &&
      (v.half !== undefined) === (periods === 'half') &&
      (v.areaType !== 'municipality' || ours === null || ours.includes(v.area)),
  );
}

/** The areas of a set of published values, in the order municipality, county, KOSTRA group, country. */
export function areasOf(published: readonly ReferenceValue[]): Array<{ areaType: (typeof AREA_ORDER)[number]; area: string }> {
  return AREA_ORDER.flatMap((areaType) =>
    [...new Set(published.filter((v) => v.areaType === areaType).map((v) => v.area))].map((area) => ({ areaType, area })),
  );
}

export function sourcesOf(series: readonly ReferenceValue[]): string {
  return [...new Set(series.map((v) => v.source))].join('; ');
}

export function comparison(ctx: ReportContext): ReportSection[] {
  if (ctx.figures.reference.values.length === 0) return [];
  const years: Column[] = ctx.years.map((y) => ({ period: String(y.year), year: y.year, half: undefined, figures: y }));
  const year = ctx.current.year;
  const halves: Column[] = [
    { period: `${year}-H1`, year, half: 1, figures: ctx.figures.halves.H1 },
    { period: `${year}-H2`, year, half: 2, figures: ctx.figures.halves.H2 },
  ];
  return [
    comparisonSection(ctx, 'year', years, {
      id: 'sammenligning',
      title: 'Sammenligning med publiserte tall',
      columns: ctx.yearColumns,
    }),
    comparisonSection(ctx, 'half', halves, {
      id: 'sammenligning_halvar',
      title: `Sammenligning med publiserte tall per halvår ${year}`,
      columns: [`Første halvår ${year}`, `Andre halvår ${year}`],
    }),
  ].filter((section): section is ReportSection => section !== null);
}

function comparisonSection(
  ctx: ReportContext,
  periods: ComparisonPeriods,
  columns: Column[],
  section: Pick<ReportSection, 'id' | 'title' | 'columns'>,
): ReportSection | null {
  const method = ctx.figures.params.method;
  const rows: ReportRow[] = [];
  const notes: string[] = [];
  /** the first indicator's rows (Fristvakt's and the published ones): what the chart draws */
  let charted: { rows: number[]; unit: ComparedIndicator['unit'] } | undefined;
  for (const indicator of COMPARED_INDICATORS) {
    if (!indicator.periods.includes(periods)) continue;
    const published = publishedFor(ctx, indicator.name, periods);
    if (published.length === 0) continue;
    notes.push(`${indicator.label} (${MATCH_LABELS[indicator.match(method)]}): ${indicator.definition}`);
    const first = rows.length;
    rows.push({
      label: `${indicator.label} – Fristvakt`,
      code: indicator.name,
      cells: columns.map((c) => indicator.ours(ctx, c.figures, c.year)),
    });
    for (const { areaType, area } of areasOf(published)) {
      const series = published.filter((v) => v.areaType === areaType && v.area === area);
      rows.push({
        label: `${indicator.label} – publisert, ${AREA_LABELS[areaType]} ${areaType === 'municipality' ? municipalityLabel(area) : area} (${sourcesOf(series)})`,
        code: `${indicator.name}:${areaType}:${area}`,
        cells: columns.map((c) => ({
          kind: 'published',
          unit: indicator.unit,
          value: series.find((v) => v.year === c.year && v.half === c.half)?.value ?? null,
        })),
      });
    }
    charted ??= { rows: rows.map((_, i) => i).slice(first), unit: indicator.unit };
  }
  if (rows.length === 0 || charted === undefined) return null;
  return {
    ...section,
    notes: [
      ...notes,
      `Publiserte tall er importert fra ${ctx.figures.reference.file ?? 'en referansefil'} og hentes aldri under kjøring; «.» = ikke publisert for perioden.`,
    ],
    rowHeader: 'Indikator og område',
    rows,
    chart: { kind: periods === 'year' ? 'line' : 'bar', rows: charted.rows, unit: charted.unit === 'share' ? 'percent' : 'count' },
  };
}

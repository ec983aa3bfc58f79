import { municipalityLabel } from '@fristvakt/domain';
import type { ReferenceValue } from '../reference/reference-values';
import type { ReportContext } from '../report-context';
import { shareCell, type Cell, type ReportRow, type ReportSection } from '../report-table';
import type { YearFigures } from '../state-report.query';

/*
 * Fristvakt's figure beside the published ones (municipality, county, KOSTRA group, country), for
 * the indicators whose definitions can be set side by side; each says whether they match.
 */

interface Indicator {
  /** the `indicator` name in the reference file */
  name: string;
  label: string;
  unit: 'share' | 'rate';
  /** how Fristvakt's definition compares with the published one */
  definition: string;
  ours(ctx: ReportContext, y: YearFigures): Cell;
}

export const COMPARED_INDICATORS: readonly Indicator[] = [
  {
    name: 'reviews_within_7_days_share',
    label: 'Meldinger gjennomgått innen en uke',
    unit: 'share',
    definition: 'Samme definisjon (Bufdir): meldinger gjennomgått i perioden, fristen er 7 dager fra mottak.',
    ours: (ctx, y) => {
      const r = y.compliance.reviews;
      return shareCell(r.onTime, r.concluded, r.onTimeShare, {
        numerator: ctx.fig(y, 'reviews.onTime', r.onTime),
        denominator: ctx.fig(y, 'reviews.concluded', r.concluded),
      });
    },
  },
  {
    name: 'investigations_within_3_months_share',
    label: 'Undersøkelser avsluttet innen fristen',
    unit: 'share',
    definition:
      'Avviker: KOSTRA teller undersøkelser avsluttet innen 3 måneder (7 + 90 dager); Fristvakt regner en undersøkelse med utvidet frist som avsluttet i tide innen 6 måneder, og bruker månedsregler med mindre method=statistical.',
    ours: (ctx, y) => {
      const u = y.compliance.investigations;
      return shareCell(u.onTime, u.closed, u.breachShare === null ? null : 1 - u.breachShare, {
        numerator: ctx.fig(y, 'investigations.onTime', u.onTime),
        denominator: ctx.fig(y, 'investigations.closed', u.closed),
      });
    },
  },
  {
    name: 'children_with_measures_per_1000_0_17',
    label: 'Barn 0–17 år med tiltak per 1 000 innbyggere 0–17 år',
    unit: 'rate',
    definition:
      'Samme definisjon (KOSTRA): barn 0–17 år med tiltak i løpet av året per 1 000 innbyggere 0–17 år, når folketallet er importert.',
    ours: (ctx, y) => {
      const inhabitants = ctx.population(y.year);
      const n = y.children.withMeasures.under18;
      return {
        kind: 'rate',
        value: inhabitants ? (n * 1000) / inhabitants : null,
        numerator: n,
        numeratorKey: ctx.fig(y, 'children.under18', n),
      };
    },
  },
  {
    name: 'kinship_foster_home_share',
    label: 'Barn i fosterhjem i familie og nære nettverk',
    unit: 'share',
    definition:
      'Nær samme definisjon (Bufdir): barn i fosterhjem per 31.12 som bor i familie og nære nettverk (2.1, 2.6); Fristvakt holder beredskapshjem (2.5) utenfor nevneren.',
    ours: (ctx, y) => {
      const t = y.children.placedAtEnd.byType;
      const fosterHomes = t.foster_home_kinship + t.foster_home_other;
      return shareCell(t.foster_home_kinship, fosterHomes, undefined, {
        numerator: ctx.fig(y, 'children.placedAtEnd.type.foster_home_kinship', t.foster_home_kinship),
        denominator: ctx.fig(y, 'children.placedAtEnd.fosterHomes', fosterHomes),
      });
    },
  },
];

const AREA_ORDER = ['municipality', 'county', 'kostra_group', 'country'] as const;
const AREA_LABELS: Record<(typeof AREA_ORDER)[number], string> = {
  municipality: 'kommune',
  county: 'fylke',
  kostra_group: 'KOSTRA-gruppe',
  country: 'landet',
};

export function comparison(ctx: ReportContext): ReportSection[] {
  const values = ctx.figures.reference.values;
  if (values.length === 0) return [];
  const ours = ctx.figures.params.municipalities;
  const rows: ReportRow[] = [];
  const notes: string[] = [];
  for (const indicator of COMPARED_INDICATORS) {
    const published = values.filter(
      (v) => v.indicator === indicator.name && (v.areaType !== 'municipality' || ours === null || ours.includes(v.area)),
    );
    if (published.length === 0) continue;
    notes.push(`${indicator.label}: ${indicator.definition}`);
    rows.push({ label: `${indicator.label} – Fristvakt`, code: indicator.name, cells: ctx.years.map((y) => indicator.ours(ctx, y)) });
    for (const areaType of AREA_ORDER) {
      for (const area of [...new Set(published.filter((v) => v.areaType === areaType).map((v) => v.area))]) {
        const series = published.filter((v) => v.areaType === areaType && v.area === area);
        rows.push({
          label: `${indicator.label} – publisert, ${AREA_LABELS[areaType]} ${areaType === 'municipality' ? municipalityLabel(area) : area} (${sources(series)})`,
          code: `${indicator.name}:${areaType}:${area}`,
          cells: ctx.years.map((y) => ({
            kind: 'published',
            unit: indicator.unit,
            value: series.find((v) => v.year === y.year)?.value ?? null,
          })),
        });
      }
    }
  }
  if (rows.length === 0) return [];
  return [
    {
      id: 'sammenligning',
      title: 'Sammenligning med publiserte tall',
      notes: [
        ...notes,
        `Publiserte tall er importert fra ${ctx.figures.reference.file ?? 'en referansefil'} og hentes aldri under kjøring; «.» = ikke publisert for året.`,
      ],
      rowHeader: 'Indikator og område',
      columns: ctx.yearColumns,
      rows,
    },
  ];
}

function sources(series: ReferenceValue[]): string {
  return [...new Set(series.map((v) => v.source))].join('; ');
}

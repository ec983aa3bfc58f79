import { municipalityLabel, type CountingMethod } from '@fristvakt/domain';
import type { Cell, StateReport } from './report-table';
import {
  COMPARED_INDICATORS,
  COMPARISON_SECTIONS,
  sourcesOf,
  type ComparisonPeriods,
  type DefinitionMatch,
} from './sections/comparison-section';
import type { StateReportFigures } from './state-report.query';

/*
 * `GET /v1/reports/state-report/comparisons`: the report's comparison tables as JSON, cell for cell
 * (taken from the built report, so a figure the report hides for small counts is hidden here too),
 * for the dashboard and for anyone who wants the figures without parsing the CSV.
 */

export interface ComparisonValue {
  /** `2024` or `2024-H1` */
  period: string;
  /** a fraction 0–1 for shares (3 decimals), per 1 000 for rates (1 decimal); null: not computable, not published, or suppressed */
  value: number | null;
  /** hidden for small counts (SSB's «:»); the value is then null */
  suppressed: boolean;
  /** what a share or rate of Fristvakt's is built on, when shown */
  numerator?: number;
  denominator?: number;
}

export interface ComparedSeries {
  indicator: string;
  /** the report's label (bokmål) */
  label: string;
  unit: 'share' | 'rate';
  periods: ComparisonPeriods;
  match: DefinitionMatch;
  /** how the definitions compare, as the report prints it (bokmål) */
  definition: string;
  fristvakt: ComparisonValue[];
  published: Array<{
    areaType: string;
    area: string;
    /** `Bærum (3201)` for a municipality; the code otherwise */
    name: string;
    source: string;
    values: ComparisonValue[];
  }>;
}

export interface ComparisonsAnswer {
  year: number;
  /** the span's years, oldest first: the yearly series' periods */
  years: number[];
  /** the report year's half-years: the half-year series' periods */
  halves: string[];
  municipalities: string[] | null;
  method: CountingMethod;
  knownAt: string | null;
  suppressSmallCounts: boolean;
  /** the imported reference file; null when none is imported (then `indicators` is empty) */
  referenceFile: string | null;
  position: number;
  indicators: ComparedSeries[];
}

/** Rounded as the API's answers and the CSV round: shares to 3 decimals, rates per 1 000 to 1. */
function rounded(value: number | null, unit: 'share' | 'rate'): number | null {
  if (value === null) return null;
  return unit === 'share' ? Math.round(value * 1000) / 1000 : Math.round(value * 10) / 10;
}

function valueOf(period: string, cell: Cell, unit: 'share' | 'rate'): ComparisonValue {
  if (cell.suppressed === true) return { period, value: null, suppressed: true };
  const base = { period, value: rounded(cell.value, unit), suppressed: false };
  if (cell.kind === 'share') return { ...base, numerator: cell.numerator, denominator: cell.denominator };
  if (cell.kind === 'rate') return { ...base, numerator: cell.numerator };
  return base;
}

export function comparisonsAnswer(figures: StateReportFigures, report: StateReport): ComparisonsAnswer {
  const { params } = figures;
  const years = figures.years.map((y) => y.year);
  const halves = [`${params.year}-H1`, `${params.year}-H2`];
  const indicators: ComparedSeries[] = [];
  for (const [id, periods] of Object.entries(COMPARISON_SECTIONS)) {
    const section = report.sections.find((s) => s.id === id);
    if (section === undefined) continue;
    const columns = periods === 'year' ? years.map(String) : halves;
    for (const row of section.rows) {
      const [name, areaType, area] = (row.code ?? '').split(':');
      const indicator = COMPARED_INDICATORS.find((i) => i.name === name);
      if (indicator === undefined) continue;
      const values = row.cells.map((cell, i) => valueOf(columns[i], cell, indicator.unit));
      if (areaType === undefined) {
        indicators.push({
          indicator: name,
          label: indicator.label,
          unit: indicator.unit,
          periods,
          match: indicator.match(params.method),
          definition: indicator.definition,
          fristvakt: values,
          published: [],
        });
        continue;
      }
      const series = figures.reference.values.filter(
        (v) => v.indicator === name && v.areaType === areaType && v.area === area && (v.half !== undefined) === (periods === 'half'),
      );
      indicators[indicators.length - 1].published.push({
        areaType,
        area,
        name: areaType === 'municipality' ? municipalityLabel(area) : area,
        source: sourcesOf(series),
        values,
      });
    }
  }
  return {
    year: params.year,
    years,
    halves,
    municipalities: params.municipalities,
    method: params.method,
    knownAt: params.knownAt,
    suppressSmallCounts: report.suppression,
    referenceFile: figures.reference.file,
    position: figures.position,
    indicators,
  };
}

/*
 * Published reference values (SSB/KOSTRA, Bufdir Kommunemonitor) imported from a file the service
 * keeps (docs/state-report.md "Comparison figures"): never fetched at run time. One CSV row per
 * value: indicator, area type, area, year, value, source. Population 0–17 per municipality is the
 * indicator `population_0_17`. The year column may name a half-year (`2024-H1`), as Bufdir's
 * Kommunemonitor publishes its deadline and plan indicators.
 */

export const AREA_TYPES = ['municipality', 'county', 'kostra_group', 'country'] as const;
export type AreaType = (typeof AREA_TYPES)[number];

export interface ReferenceValue {
  indicator: string;
  areaType: AreaType;
  /** kommunenummer, fylkesnummer, KOSTRA group ("EKG13") or "NO" */
  area: string;
  year: number;
  /** a half-year's value (`2024-H1` in the file); absent for the year's */
  half?: 1 | 2;
  value: number;
  source: string;
}

export interface ReferenceData {
  values: readonly ReferenceValue[];
  /** where they were read from, for the report's facts */
  file: string | null;
}

export const NO_REFERENCE_DATA: ReferenceData = { values: [], file: null };

export const POPULATION_0_17 = 'population_0_17';

/** The population 0–17 of the municipalities in the year, or null unless every one of them is known. */
export function population0to17(data: ReferenceData, municipalities: readonly string[] | null, year: number): number | null {
  if (municipalities === null || municipalities.length === 0) return null;
  let sum = 0;
  for (const m of municipalities) {
    const row = data.values.find(
      (v) => v.indicator === POPULATION_0_17 && v.areaType === 'municipality' && v.area === m && v.year === year && v.half === undefined,
    );
    if (row === undefined) return null;
    sum += row.value;
  }
  return sum;
}

export const REFERENCE_HEADER = ['indicator', 'area_type', 'area', 'year', 'value', 'source'] as const;

/** Parses the CSV (comma, header row, decimal point); throws with the line and field of the first problem. */
export function parseReferenceCsv(text: string, file: string | null = null): ReferenceData {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const header = splitLine(lines[0] ?? '');
  if (header.join(',') !== REFERENCE_HEADER.join(',')) throw new Error(`reference file: the header must be ${REFERENCE_HEADER.join(',')}`);
  const values = lines.slice(1).map((line, i) => {
    const [indicator, areaType, area, year, value, source] = splitLine(line);
    const at = `reference file line ${i + 2}`;
    if (!/^[a-z0-9_]{1,64}$/.test(indicator ?? '')) throw new Error(`${at}: indicator must be a lower-case name`);
    if (!(AREA_TYPES as readonly string[]).includes(areaType ?? ''))
      throw new Error(`${at}: area_type must be one of ${AREA_TYPES.join(', ')}`);
    if (!/^[A-Za-z0-9]{1,16}$/.test(area ?? '')) throw new Error(`${at}: area must be a code such as 3201, 32, EKG13 or NO`);
    const period = /^(\d{4})(?:-H([12]))?$/.exec(year ?? '');
    if (period === null) throw new Error(`${at}: year must be four digits, or a half-year such as 2024-H1`);
    const n = Number(value);
    if (value === undefined || value === '' || !Number.isFinite(n)) throw new Error(`${at}: value must be a number`);
    if ((source ?? '') === '') throw new Error(`${at}: source is required`);
    const half = period[2] === undefined ? {} : { half: Number(period[2]) as 1 | 2 };
    return { indicator, areaType: areaType as AreaType, area, year: Number(period[1]), ...half, value: n, source };
  });
  return { values, file };
}

/** Fields may be quoted ("SSB, tabell 09050"). */
function splitLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field.trim());
      field = '';
    } else field += c;
  }
  out.push(field.trim());
  return out;
}

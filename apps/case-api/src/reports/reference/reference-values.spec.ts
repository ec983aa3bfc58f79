import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseReferenceCsv, population0to17 } from './reference-values';

const EXAMPLE = resolve(__dirname, '../../../../../docs/examples/reference-values.csv');

describe('reference values', () => {
  it('given the shipped example file, when parsed, then every row is read with its area and source', () => {
    const data = parseReferenceCsv(readFileSync(EXAMPLE, 'utf8'));
    expect(data.values.length).toBeGreaterThanOrEqual(8);
    expect(data.values).toContainEqual({
      indicator: 'children_with_measures_per_1000_0_17',
      areaType: 'country',
      area: 'NO',
      year: 2024,
      value: 31,
      source: 'KOSTRA via Holmestrand tilstandsrapport 2024 (landet 3,1 %)',
    });
  });

  it('given population for some municipalities, then the sum is known only when every one is', () => {
    const data = parseReferenceCsv(
      'indicator,area_type,area,year,value,source\npopulation_0_17,municipality,3305,2024,6000,SSB\npopulation_0_17,municipality,3236,2024,1500,SSB',
    );
    expect(population0to17(data, ['3305', '3236'], 2024)).toBe(7500);
    expect(population0to17(data, ['3305', '3201'], 2024)).toBeNull();
    expect(population0to17(data, null, 2024)).toBeNull();
  });

  it("given a half-year in the year column, then the value is that half-year's, and never taken for the year's population", () => {
    const data = parseReferenceCsv(
      'indicator,area_type,area,year,value,source\ninvestigation_breach_share,county,15,2024-H1,0.049,Bufdir\npopulation_0_17,municipality,3201,2024-H2,900,x',
    );
    expect(data.values[0]).toEqual({
      indicator: 'investigation_breach_share',
      areaType: 'county',
      area: '15',
      year: 2024,
      half: 1,
      value: 0.049,
      source: 'Bufdir',
    });
    expect(population0to17(data, ['3201'], 2024)).toBeNull();
    expect(() => parseReferenceCsv('indicator,area_type,area,year,value,source\nx,country,NO,2024-H3,1,SSB')).toThrow('line 2: year');
  });

  it('given a malformed row, then it names the line and the field', () => {
    const header = 'indicator,area_type,area,year,value,source';
    expect(() => parseReferenceCsv(`${header}\nx,town,3201,2024,1,SSB`)).toThrow('line 2: area_type');
    expect(() => parseReferenceCsv(`${header}\nx,country,NO,2024,abc,SSB`)).toThrow('line 2: value');
    expect(() => parseReferenceCsv('a,b\n')).toThrow('header');
  });
});

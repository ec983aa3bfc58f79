import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEventLog, logToRequests } from '@fristvakt/generator';
import { REFERENCE_FILE } from '../../apps/case-api/src/reports/reference/reference-data.provider';
import { bearer, loadThroughApi, startLeaderApp, TestClock, type LeaderTestApp } from '../queries/leader-harness';

/*
 * A server with a generated three-year history (2022–2024) of two municipalities, loaded through
 * the API at the generator's recording times; afterwards the clock stays in mid-January 2025.
 */

export const MUNICIPALITIES = ['3201', '3203'];
export const HISTORY = { municipalities: MUNICIPALITIES, years: 3, fromYear: 2022, scale: 0.25, seed: 11 };
export const FIRST_RECORDING = new Date('2022-01-01T00:00:00Z');
export const NOW = '2025-01-15T12:00:00.000Z';

/** Published figures for the comparison table: test values, not real ones. */
export const REFERENCE_CSV = [
  'indicator,area_type,area,year,value,source',
  'population_0_17,municipality,3201,2024,2000,test',
  'population_0_17,municipality,3201,2023,1900,test',
  'children_with_measures_per_1000_0_17,municipality,3201,2024,35.5,test',
  'children_with_measures_per_1000_0_17,country,NO,2024,31,test',
  'reviews_within_7_days_share,county,32,2024,0.9,test',
  'reviews_within_7_days_share,kostra_group,EKG13,2023,0.85,test',
  'investigation_breach_share,county,32,2024-H1,0.049,test',
  'investigation_breach_share,county,32,2024-H2,0.085,test',
  'investigation_breach_share,municipality,3201,2024-H1,0.143,test',
  'help_measures_with_plan_share,county,32,2024-H1,0.928,test',
].join('\n');

export async function startLoadedApp(): Promise<LeaderTestApp> {
  const clock = new TestClock(FIRST_RECORDING);
  const dataDir = mkdtempSync(join(tmpdir(), 'fristvakt-report-'));
  writeFileSync(join(dataDir, REFERENCE_FILE), REFERENCE_CSV);
  const started = await startLeaderApp({ clock, minPositionWaitMs: 300, dataDir });
  const t = {
    ...started,
    close: async () => {
      await started.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const intake = await bearer(t, { roles: ['intake'], municipalities: MUNICIPALITIES }, FIRST_RECORDING);
  const last = await loadThroughApi(t, logToRequests(generateEventLog(HISTORY)), intake);
  clock.set(NOW);
  await t.projections.runner.waitForPosition(last, 10_000);
  return t;
}

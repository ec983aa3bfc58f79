import { generateEventLog, logToRequests } from '@fristvakt/generator';
import { bearer, loadThroughApi, startLeaderApp, TestClock, type LeaderTestApp } from '../queries/leader-harness';

/*
 * A server with a generated three-year history (2022–2024) of two municipalities, loaded through
 * the API at the generator's recording times; afterwards the clock stays in mid-January 2025.
 */

export const MUNICIPALITIES = ['3201', '3203'];
export const HISTORY = { municipalities: MUNICIPALITIES, years: 3, fromYear: 2022, scale: 0.25, seed: 11 };
export const FIRST_RECORDING = new Date('2022-01-01T00:00:00Z');
export const NOW = '2025-01-15T12:00:00.000Z';

export async function startLoadedApp(): Promise<LeaderTestApp> {
  const clock = new TestClock(FIRST_RECORDING);
  const t = await startLeaderApp({ clock, minPositionWaitMs: 300 });
  const intake = await bearer(t, { roles: ['intake'], municipalities: MUNICIPALITIES }, FIRST_RECORDING);
  const last = await loadThroughApi(t, logToRequests(generateEventLog(HISTORY)), intake);
  clock.set(NOW);
  await t.projections.runner.waitForPosition(last, 10_000);
  return t;
}

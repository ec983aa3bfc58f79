import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleDashboard, DASHBOARD_FILES, type DashboardFile } from './bundle-dashboard';

/**
 * Where this file runs from decides where the assets are: compiled, it is
 * dist/apps/case-api/src/dashboard/*.js and `npm run build` left the bundle in dist/dashboard;
 * from source (tsx, jest) it is apps/case-api/src/dashboard/*.ts and the bundle is made now.
 */
const FROM_SOURCE = __filename.endsWith('.ts');
const UP_TO_ROOT = resolve(__dirname, '..', '..', '..', '..');

/** The built dashboard directory of the compiled layout (`dist/dashboard`). */
export const BUILT_DASHBOARD_DIR = join(UP_TO_ROOT, 'dashboard');

export type DashboardAssets = { ok: true; files: Record<DashboardFile, Buffer> } | { ok: false; reason: string };

/** Read once at startup; the server never touches the disk for the dashboard afterwards. */
export function loadDashboardAssets(): DashboardAssets {
  if (FROM_SOURCE) return { ok: true, files: bundleDashboard(UP_TO_ROOT) };
  const missing = DASHBOARD_FILES.filter((name) => !existsSync(join(BUILT_DASHBOARD_DIR, name)));
  if (missing.length > 0) return { ok: false, reason: `${missing.join(', ')} not found in ${BUILT_DASHBOARD_DIR}; run npm run build` };
  const files = Object.fromEntries(DASHBOARD_FILES.map((name) => [name, readFileSync(join(BUILT_DASHBOARD_DIR, name))]));
  return { ok: true, files: files as Record<DashboardFile, Buffer> };
}

/*
 * npm run build, after `nest build` (which empties dist/): bundles the dashboard into dist/dashboard,
 * where the compiled server reads it at startup.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleDashboard } from '../apps/case-api/src/dashboard/bundle-dashboard';

const root = resolve(__dirname, '..');
const out = join(root, 'dist', 'dashboard');
mkdirSync(out, { recursive: true });
for (const [name, body] of Object.entries(bundleDashboard(root))) writeFileSync(join(out, name), body);
process.stdout.write(`dashboard written to ${out}\n`);

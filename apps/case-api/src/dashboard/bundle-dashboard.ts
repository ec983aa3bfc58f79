import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The dashboard is TypeScript in libs/dashboard-ui, bundled for the browser by esbuild (it comes
 * with tsx; no extra dependency). Chosen over hand-written ES modules because the browser code then
 * shares the server's code names and answer types and is type-checked with everything else.
 * `npm run build` writes the bundle next to the compiled server; running from source (tsx, jest)
 * bundles in memory at startup instead, with the same options.
 */

export const DASHBOARD_FILES = ['index.html', 'app.js', 'dashboard.css'] as const;
export type DashboardFile = (typeof DASHBOARD_FILES)[number];

export function bundleDashboard(repoRoot: string): Record<DashboardFile, Buffer> {
  // Loaded only here: esbuild is a dev dependency, absent where the compiled server runs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const ui = join(repoRoot, 'libs', 'dashboard-ui');
  const result = esbuild.buildSync({
    entryPoints: [join(ui, 'src', 'browser', 'main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    outfile: 'app.js',
    logLevel: 'silent',
  });
  return {
    'index.html': readFileSync(join(ui, 'static', 'index.html')),
    'app.js': Buffer.from(result.outputFiles[0].contents),
    'dashboard.css': readFileSync(join(ui, 'static', 'dashboard.css')),
  };
}

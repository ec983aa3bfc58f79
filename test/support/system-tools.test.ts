import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/*
 * A suite that starts the mock broker (kcat) or a browser (chromium) without declaring the tool
 * would fail on a machine without it instead of being skipped with its reason.
 */

const TEST_DIR = resolve(__dirname, '..');
const NEEDS = [
  { tool: 'kcat', uses: /\bstartMockBroker\(/ },
  { tool: 'chromium', uses: /\blaunchBrowser\(/ },
];

function suites(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? suites(join(dir, entry.name)) : entry.name.endsWith('.test.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('suites that need a system tool', () => {
  it('declare it with describeWithTool', () => {
    const undeclared: string[] = [];
    for (const file of suites(TEST_DIR)) {
      const text = readFileSync(file, 'utf8');
      for (const { tool, uses } of NEEDS) {
        if (uses.test(text) && !text.includes(`describeWithTool('${tool}'`)) undeclared.push(`${relative(TEST_DIR, file)} needs ${tool}`);
      }
    }
    expect(undeclared).toEqual([]);
  });
});

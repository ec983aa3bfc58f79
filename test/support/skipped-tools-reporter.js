// Jest reporter (CommonJS: jest loads reporters untransformed). It makes a file for this run's
// skips before any suite starts (describeWithTool in system-tools.ts appends to it) and prints them
// when the process exits, after jest's own summary (which jest always prints after custom
// reporters), so the last lines of `npm test` say what did not run and why.
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

class SkippedToolsReporter {
  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'fristvakt-skips-'));
    this.file = join(this.dir, 'skips.txt');
    writeFileSync(this.file, '');
    process.env.JEST_SKIPPED_SYSTEM_TOOLS_FILE = this.file;
  }

  onRunComplete() {
    const lines = [...new Set(readFileSync(this.file, 'utf8').split('\n').filter(Boolean))];
    rmSync(this.dir, { recursive: true, force: true });
    if (lines.length === 0) return;
    const text = [
      `\n${lines.length} suite${lines.length === 1 ? '' : 's'} skipped for a missing system tool (CI=true makes this a failure):`,
      ...lines.map((line) => `  ${line}`),
    ].join('\n');
    // stderr is synchronous for files, pipes and terminals on Linux, so an exit handler may write it
    process.once('exit', () => process.stderr.write(`${text}\n`));
  }
}

module.exports = SkippedToolsReporter;

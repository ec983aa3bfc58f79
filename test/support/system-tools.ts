import { accessSync, appendFileSync, constants } from 'node:fs';
import { delimiter, join, relative, resolve } from 'node:path';

/*
 * Suites that need a program outside node_modules declare it here. On a machine without it the
 * suite is skipped with one line naming the tool and how to install it, and the run's reporter
 * (skipped-tools-reporter.js) lists the skips last; with CI=true a missing tool fails the suite
 * instead, so CI can never pass by running less.
 */

export const SYSTEM_TOOLS = {
  kcat: {
    commands: ['kcat'],
    install: 'apt-get install kcat (Debian/Ubuntu) or brew install kcat (macOS); it runs the mock Kafka broker',
  },
  chromium: {
    commands: ['chromium', 'chromium-browser'],
    install: 'apt-get install chromium (Debian/Ubuntu); any Chromium on PATH as chromium or chromium-browser',
  },
  xmllint: {
    commands: ['xmllint'],
    install: 'apt-get install libxml2-utils (Debian/Ubuntu); macOS ships it; it validates register files against the XSD',
  },
} as const;

export type SystemTool = keyof typeof SYSTEM_TOOLS;

/** The tool's executable found on PATH, or undefined. */
export function findTool(tool: SystemTool, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    for (const command of SYSTEM_TOOLS[tool].commands) {
      const candidate = join(dir, command);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not in this directory
      }
    }
  }
  return undefined;
}

/**
 * Where the reporter collects this run's skips (set in its constructor, inherited by workers). Not
 * FRISTVAKT_*: servers the suites start inherit it, and they refuse unknown FRISTVAKT_ variables.
 */
export const SKIPS_FILE_VARIABLE = 'JEST_SKIPPED_SYSTEM_TOOLS_FILE';

/** `describe` for a suite that needs `tool`: runs it, skips it with a reason, or fails it on CI. */
export function describeWithTool(tool: SystemTool, title: string, suite: () => void): void {
  if (findTool(tool)) {
    describe(title, suite);
    return;
  }
  const testPath = expect.getState().testPath;
  const where = testPath ? relative(resolve(__dirname, '../..'), testPath) : title;
  const { install } = SYSTEM_TOOLS[tool];
  if (process.env.CI === 'true') {
    describe(title, () => {
      it(`needs ${tool} on PATH`, () => {
        throw new Error(`${tool} is not on PATH and CI=true, so this suite may not be skipped. Install it: ${install}`);
      });
    });
    return;
  }
  const line = `skipped ${where}: ${tool} is not on PATH (install: ${install})`;
  process.stderr.write(`${line}\n`);
  const file = process.env[SKIPS_FILE_VARIABLE];
  if (file) appendFileSync(file, `${line}\n`);
  describe.skip(title, suite);
}

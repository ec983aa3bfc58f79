import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toRecordedCaseEvent } from '@fristvakt/case-recording';
import { DEFAULT_DEADLINE_RULES, type RecordedCaseEvent } from '@fristvakt/domain';
import type { EventStore, StoredEvent } from '@fristvakt/event-store';
import { applyAll, compliance, createModel, flow, type ComplianceAnswer, type FlowAnswer } from '@fristvakt/projections';

export const FIXTURES = join(__dirname, 'fixtures');
/** A fixed secret, so case ids in the tests are stable. */
export const SECRET = Buffer.alloc(32, 42);
/** The tests' clock: after everything the fixtures and the generated history hold. */
export const NOW = new Date('2026-01-15T12:00:00Z');
/** The tests' importer: every municipality, as `npm run import` runs. */
export const IMPORTER = { subject: 'import:test', municipalities: '*' as const };

const tempDirs: string[] = [];
// Registered when a suite imports this module, so every directory a test made goes when its file ends.
afterAll(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'fristvakt-register-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export async function allEvents(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for (let after = 0; ;) {
    const batch = await store.readAll(after, 5_000);
    if (batch.length === 0) return out;
    out.push(...batch);
    after = batch[batch.length - 1].position;
  }
}

export async function caseEvents(store: EventStore): Promise<RecordedCaseEvent[]> {
  return (await allEvents(store)).map(toRecordedCaseEvent);
}

/** Compliance and flow of a log for one municipality and period, measured at a fixed date. */
export function figures(
  events: RecordedCaseEvent[],
  municipality: string,
  period: string,
  asOf: string,
): { compliance: ComplianceAnswer; flow: FlowAnswer } {
  const model = applyAll(createModel(), events);
  const query = { period, method: 'legal' as const, rules: DEFAULT_DEADLINE_RULES, municipality, asOf };
  return { compliance: compliance(model, query), flow: flow(model, query) };
}

import type { RecordedCaseEvent } from '@fristvakt/domain';
import { generateEventLog, type GenerateOptions } from '@fristvakt/generator';

/**
 * The generator's valid, realistic log as the store records it: positions in order, per-case
 * versions, each event at its intended recording time (what loading it through the API gives).
 */
export function generatedLog(options: GenerateOptions): RecordedCaseEvent[] {
  const versions = new Map<string, number>();
  return [...generateEventLog(options)].map(({ caseId, event, recordedAt }, i) => {
    const version = (versions.get(caseId) ?? 0) + 1;
    versions.set(caseId, version);
    return { ...event, caseId, version, position: i + 1, recordedAt, recordedBy: 'generator', schemaVersion: 1 } as RecordedCaseEvent;
  });
}

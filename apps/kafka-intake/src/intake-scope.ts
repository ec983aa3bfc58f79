import { ALL_MUNICIPALITIES, type RecordingPrincipal } from '@fristvakt/case-recording';

/** The municipalities an intake may write (kommunenummer), or every one (`*`, only ever when a setting says so). */
export type IntakeMunicipalities = RecordingPrincipal['municipalities'];

const KOMMUNENUMMER = /^\d{4}$/;

/**
 * Reads `FRISTVAKT_INTAKE_MUNICIPALITIES`: `*`, or kommunenummer separated by commas. Unset is a
 * problem, not "every municipality": whoever may produce to the intake topic would otherwise write
 * cases for the whole country, and an intake that dead-lettered everything until configured would
 * empty the topic into the DLQ, so an unconfigured intake does not start.
 */
export function parseIntakeMunicipalities(name: string, text: string, problems: string[]): IntakeMunicipalities {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) {
    problems.push(
      `${name} is required with the intake: the kommunenummer its upstream system may write (e.g. 3201,3203), or * for every municipality`,
    );
    return new Set();
  }
  if (entries.includes(ALL_MUNICIPALITIES)) {
    if (entries.length > 1) problems.push(`${name} must be * alone or a list of kommunenummer, got ${JSON.stringify(text)}`);
    return ALL_MUNICIPALITIES;
  }
  const bad = entries.filter((entry) => !KOMMUNENUMMER.test(entry));
  if (bad.length > 0)
    problems.push(`${name} entries must be 4-digit kommunenummer or *, got ${bad.map((b) => JSON.stringify(b)).join(', ')}`);
  return new Set(entries);
}

export function describeMunicipalities(municipalities: IntakeMunicipalities): string {
  return municipalities === ALL_MUNICIPALITIES ? ALL_MUNICIPALITIES : [...municipalities].sort().join(',');
}

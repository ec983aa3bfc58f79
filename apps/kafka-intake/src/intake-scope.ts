import type { LoadedCase } from '@fristvakt/case-recording';
import type { CaseEvent } from '@fristvakt/domain';

/** `*`: every municipality, only ever when a setting says so. */
export const EVERY_MUNICIPALITY = '*';

/** The municipalities an intake may write (kommunenummer), or every one. */
export type IntakeMunicipalities = typeof EVERY_MUNICIPALITY | ReadonlySet<string>;

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
    problems.push(`${name} is required with the intake: the kommunenummer its upstream system may write (e.g. 3201,3203), or * for every municipality`);
    return new Set();
  }
  if (entries.includes(EVERY_MUNICIPALITY)) {
    if (entries.length > 1) problems.push(`${name} must be * alone or a list of kommunenummer, got ${JSON.stringify(text)}`);
    return EVERY_MUNICIPALITY;
  }
  const bad = entries.filter((entry) => !KOMMUNENUMMER.test(entry));
  if (bad.length > 0) problems.push(`${name} entries must be 4-digit kommunenummer or *, got ${bad.map((b) => JSON.stringify(b)).join(', ')}`);
  return new Set(entries);
}

export function describeMunicipalities(municipalities: IntakeMunicipalities): string {
  return municipalities === EVERY_MUNICIPALITY ? EVERY_MUNICIPALITY : [...municipalities].sort().join(',');
}

/** A message for a case or municipality outside the intake's; `status` as the HTTP API answers a token without it. */
export class OutsideIntakeScope extends Error {
  override readonly name = 'OutsideIntakeScope';
  constructor(
    readonly status: 403 | 404,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The recorder's `authorize` step for the intake, the same rule the HTTP API applies to a token's
 * municipalities: an existing case must lie wholly within the intake's municipalities (else 404,
 * as over HTTP, so the DLQ does not tell which cases exist elsewhere), and new events may only
 * name municipalities it holds (else 403).
 */
export function intakeAuthorization(municipalities: IntakeMunicipalities, events: readonly CaseEvent[]): (existing: LoadedCase) => void {
  if (municipalities === EVERY_MUNICIPALITY) return () => undefined;
  const held = (municipality: string) => municipalities.has(municipality);
  const list = describeMunicipalities(municipalities);
  return (existing) => {
    if (existing.version > 0 && ![...existing.municipalities].every(held)) {
      throw new OutsideIntakeScope(404, `case ${existing.caseId} does not exist in the municipalities this intake may write (FRISTVAKT_INTAKE_MUNICIPALITIES=${list})`);
    }
    events.forEach((event, index) => {
      if (event.type === 'NotificationReceived' && !held(event.data.municipality)) {
        throw new OutsideIntakeScope(403, `municipality ${event.data.municipality} (/events/${index}) is not one this intake may write (FRISTVAKT_INTAKE_MUNICIPALITIES=${list})`);
      }
    });
  };
}

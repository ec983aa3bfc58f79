import type { CaseEvent } from '@fristvakt/domain';

/** `*` in a municipalities claim: every municipality (county- or state-level auditors, a trusted intake). */
export const ALL_MUNICIPALITIES = '*' as const;

/** Who records: written as `recordedBy`, and the municipalities whose cases it may touch. */
export interface RecordingPrincipal {
  /** the authenticated subject (a token's `sub`, an intake's service name); never client content */
  subject: string;
  /** kommunenummer the subject holds, or every municipality */
  municipalities: ReadonlySet<string> | typeof ALL_MUNICIPALITIES;
}

/** New events name a municipality the principal does not hold (HTTP: 403). */
export class MunicipalityNotHeld extends Error {
  override readonly name = 'MunicipalityNotHeld';
  constructor(readonly municipality: string) {
    super(`the principal does not hold municipality ${municipality}`);
  }
}

export function holdsMunicipality(principal: Pick<RecordingPrincipal, 'municipalities'>, municipality: string): boolean {
  return principal.municipalities === ALL_MUNICIPALITIES || principal.municipalities.has(municipality);
}

/**
 * Whether the principal may see a case naming these municipalities: only if it holds every one,
 * retracted notifications included (a notification recorded in the wrong case and then retracted
 * still sits in that case's history).
 */
export function canSeeCase(principal: Pick<RecordingPrincipal, 'municipalities'>, municipalities: ReadonlySet<string>): boolean {
  if (principal.municipalities === ALL_MUNICIPALITIES) return true;
  // A stream without a notification has no owner to scope by; only all-municipality principals see it.
  if (municipalities.size === 0) return false;
  return [...municipalities].every((m) => holdsMunicipality(principal, m));
}

/** Every municipality the events name (`NotificationReceived.data.municipality`). */
export function caseMunicipalities(events: readonly Pick<CaseEvent, 'type' | 'data'>[]): ReadonlySet<string> {
  const municipalities = new Set<string>();
  for (const event of events) {
    if (event.type === 'NotificationReceived') municipalities.add((event.data as { municipality: string }).municipality);
  }
  return municipalities;
}

import { containsNationalIdentityNumber } from './national-identity-number';

/** One offending field: an RFC 6901 JSON pointer into the request body and why it was refused. */
export interface FieldProblem {
  pointer: string;
  detail: string;
}

/** RFC 6901 escaping, so keys containing `/` or `~` still point at the right member. */
export function pointerTo(...segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/**
 * A member's pointer segment: its name, or `<key N>` (its place among the object's members, from 0)
 * when the name holds a national identity number. Refusals travel to clients, DLQ headers and logs;
 * a pointer must never repeat the very number it refuses (DOMAIN.md §6).
 */
export function memberSegment(name: string, index: number): string {
  return containsNationalIdentityNumber(name) ? `<key ${index}>` : name;
}

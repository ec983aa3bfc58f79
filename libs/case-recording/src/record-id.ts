import { containsNationalIdentityNumber } from './national-identity-number';

/** Case ids and every `…Id` except `eventId` (CONTRACT.md §1): pseudonyms, never personal data. */
const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Why `value` is not an acceptable id, or undefined when it is. */
export function recordIdProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (!RECORD_ID.test(value)) return 'must be 1-64 characters of A-Z, a-z, 0-9, "_" or "-"';
  if (containsNationalIdentityNumber(value)) {
    return 'must not be or contain a national identity number (fødselsnummer/D-nummer); use the pseudonymous id';
  }
  return undefined;
}

export function isRecordId(value: unknown): value is string {
  return recordIdProblem(value) === undefined;
}

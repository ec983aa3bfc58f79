import { isUuid } from './event-id';
import { containsNationalIdentityNumber, uuidContainsNationalIdentityNumber } from './national-identity-number';

/** Case ids and every `…Id` except `eventId` (CONTRACT.md §1): pseudonyms, never personal data. */
const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Opaque machine tokens whose letters are random: a ULID (Crockford base32, no I, L, O, U) and long hex. */
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/i;
const LONG_HEX = /^[0-9a-f]{16,}$/i;
/** A keyed-hash pseudonym as the register import makes them (libs/register/src/pseudonyms.ts): a short prefix and 16 or 22 base64url characters. */
const HASH_PSEUDONYM = /^[a-z]{1,2}-(?:[A-Za-z0-9_-]{16}|[A-Za-z0-9_-]{22})$/;

/**
 * Words an id may spell out in full; any other run of three or more letters is refused. Names,
 * street names and "tlf"/"mob" prefixes of phone numbers are runs of letters, and no list of names
 * could be complete, so the list is of the words case systems and their tests use for the kind of
 * record (docs/security.md, "Id shape"). Compared in lower case.
 */
export const ID_WORDS: ReadonlySet<string> = new Set([
  // records and their Norwegian names
  'case',
  'caseno',
  'sak',
  'notification',
  'note',
  'melding',
  'investigation',
  'inv',
  'undersokelse',
  'measure',
  'tiltak',
  'placement',
  'plassering',
  'plan',
  'visit',
  'besok',
  'follow',
  'oppfolging',
  'offer',
  'tilbud',
  'event',
  'events',
  'evt',
  'ref',
  'rec',
  'req',
  'msg',
  // systems, environments and generated data
  'intake',
  'kafka',
  'audit',
  'user',
  'worker',
  'writer',
  'sqlite',
  'esdb',
  'eventstoredb',
  'dist',
  'lane',
  'test',
  'demo',
  'dev',
  'prod',
  'stage',
  'bench',
  'seed',
  'gen',
  'generator',
  'sim',
  'load',
  'burst',
  'warm',
  'loop',
  'tmp',
  'template',
  'fixture',
  'int',
  // neutral qualifiers
  'new',
  'old',
  'own',
  'other',
  'fresh',
  'stale',
  'big',
  'small',
  'bad',
  'flow',
  'rule',
  'reuse',
  'idem',
  'ready',
  'open',
  'post',
  'append',
  'version',
  'offline',
  'missing',
  'keys',
  'none',
  'nobody',
  'nope',
  'unknown',
  'secret',
  'embedded',
]);

const LETTER_RUN = /[A-Za-z]{3,}/g;

/** Why `value` is not an acceptable id, or undefined when it is. */
export function recordIdProblem(value: unknown): string | undefined {
  const lookup = lookupIdProblem(value);
  if (lookup !== undefined || isUuid(value as string)) return lookup;
  const id = value as string;
  if (ULID.test(id) || LONG_HEX.test(id) || HASH_PSEUDONYM.test(id)) return undefined;
  for (const [word] of id.matchAll(LETTER_RUN)) {
    if (!ID_WORDS.has(word.toLowerCase())) {
      // The word is not quoted: the detail reaches the DLQ and the caller's logs, and it may be a name.
      return 'must be an opaque pseudonym: a UUID, digits, or letter prefixes of at most two letters with digits ("c-123", "n1"); it holds a run of three or more letters that is not an id word (docs/security.md)';
    }
  }
  return undefined;
}

const IDENTITY_NUMBER = 'must not be or contain a national identity number (fødselsnummer/D-nummer); use the pseudonymous id';

/**
 * Why `value` cannot name an existing record in a read or a filter, or undefined when it can: the
 * character set and no identity number, but not the shape, so a case recorded before the shape
 * was enforced can still be read (docs/security.md, "Migrating existing ids").
 */
export function lookupIdProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (!RECORD_ID.test(value)) return 'must be 1-64 characters of A-Z, a-z, 0-9, "_" or "-"';
  const identityNumber = isUuid(value) ? uuidContainsNationalIdentityNumber(value) : containsNationalIdentityNumber(value);
  return identityNumber ? IDENTITY_NUMBER : undefined;
}

export function isRecordId(value: unknown): value is string {
  return recordIdProblem(value) === undefined;
}

import fc from 'fast-check';

/*
 * Norwegian national identity numbers for property tests: anything these produce must be refused
 * wherever an id can go (HTTP path and body, Kafka intake). Built from the check-digit algorithm
 * independently of the code under test, so a bug there cannot make the two agree.
 */

const K1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const K2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

function checkDigit(digits: readonly number[], weights: readonly number[]): number | undefined {
  const sum = weights.reduce((acc, w, i) => acc + w * digits[i], 0);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? undefined : check;
}

/** Nine leading digits completed with both check digits, or undefined when none exist (remainder 10). */
export function withCheckDigits(nine: string): string | undefined {
  const digits = Array.from(nine, Number);
  const k1 = checkDigit(digits, K1);
  if (k1 === undefined) return undefined;
  const k2 = checkDigit([...digits, k1], K2);
  return k2 === undefined ? undefined : `${nine}${k1}${k2}`;
}

export type IdentityNumberKind = 'fødselsnummer' | 'D-nummer' | 'H-nummer' | 'syntetisk';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Valid-looking identity numbers of every kind: fødselsnummer (real birth date), D-nummer (day
 * + 40), H-nummer (month + 40) and the synthetic test numbers of Skatteetaten's Tenor (month + 80).
 */
export const identityNumber = (
  kinds: readonly IdentityNumberKind[] = ['fødselsnummer', 'D-nummer', 'H-nummer', 'syntetisk'],
): fc.Arbitrary<string> =>
  fc
    .record({
      kind: fc.constantFrom(...kinds),
      date: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2039-12-31T00:00:00Z'), noInvalidDate: true }),
      individual: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ kind, date, individual }) => {
      const day = date.getUTCDate() + (kind === 'D-nummer' ? 40 : 0);
      const month = date.getUTCMonth() + 1 + (kind === 'H-nummer' ? 40 : kind === 'syntetisk' ? 80 : 0);
      return withCheckDigits(`${pad(day)}${pad(month)}${pad(date.getUTCFullYear() % 100)}${pad(individual, 3)}`);
    })
    .filter((s): s is string => s !== undefined);

/** The forms a person might type or a system might build one into an id. */
export const identityNumberInId: fc.Arbitrary<string> = fc
  .tuple(identityNumber(), fc.constantFrom('plain', 'prefixed', 'suffixed', 'written-space', 'written-dash'))
  .map(([n, form]) => {
    switch (form) {
      case 'prefixed':
        return `c-${n}`;
      case 'suffixed':
        return `${n}-1`;
      case 'written-space':
        return `${n.slice(0, 6)} ${n.slice(6)}`;
      case 'written-dash':
        return `${n.slice(0, 6)}-${n.slice(6)}`;
      default:
        return n;
    }
  });

/** A body carrying an identity number as a property name, and what a refusal must never repeat. */
export interface IdentityNumberKeyed {
  body: Record<string, unknown>;
  /** the number (eleven digits) */
  number: string;
  /** the property name that holds it */
  key: string;
}

type Json = unknown;

/** Inserts `key: value` into a copy of `object` at `place` among its members (modulo their count + 1). */
function insertMember(object: Record<string, Json>, key: string, value: Json, place: number): Record<string, Json> {
  const entries = Object.entries(object);
  entries.splice(place % (entries.length + 1), 0, [key, value]);
  return Object.fromEntries(entries);
}

/**
 * `valid` with an identity number as a property name at any depth: on the body, an event or its
 * data, or nested in objects and arrays below any of them (as a client might nest free-form data),
 * at any place among its siblings; sometimes with other problems besides, since the identity check
 * must not wait for a body that is otherwise right. `valid` must hold `events[0].data`.
 */
export function identityNumberAsKey(valid: Record<string, Json>): fc.Arbitrary<IdentityNumberKeyed> {
  const nesting = fc.array(fc.oneof(fc.constant<'array'>('array'), fc.constantFrom('extra', 'notes', 'meta')), { maxLength: 4 });
  return fc
    .record({
      number: identityNumber(),
      form: fc.constantFrom('plain', 'prefixed', 'suffixed', 'written-space', 'written-dash'),
      level: fc.constantFrom('body', 'event', 'data'),
      nesting,
      place: fc.nat({ max: 8 }),
      value: fc.oneof(
        fc.string({ maxLength: 8 }),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.dictionary(fc.constantFrom('a', 'b'), fc.integer()),
      ),
      otherProblem: fc.constantFrom('none', 'none', 'expectedVersion', 'unknown-member', 'bad-municipality'),
    })
    .map(({ number, form, level, nesting, place, value, otherProblem }) => {
      const key = {
        plain: number,
        prefixed: `person-${number}`,
        suffixed: `${number}_1`,
        'written-space': `${number.slice(0, 6)} ${number.slice(6)}`,
        'written-dash': `${number.slice(0, 6)}-${number.slice(6)}`,
      }[form];
      // Innermost first: the member with the number, then the objects and arrays around it.
      let member: [string, Json] = [key, value];
      for (const step of [...nesting].reverse())
        member = step === 'array' ? ['list', [Object.fromEntries([member])]] : [step, Object.fromEntries([member])];
      const body = structuredClone(valid) as Record<string, Json> & {
        events: Array<Record<string, Json> & { data: Record<string, Json> }>;
      };
      const [first, ...rest] = body.events;
      const at = (target: Record<string, Json>) => insertMember(target, member[0], member[1], place);
      let result: Record<string, Json> =
        level === 'body'
          ? at(body)
          : level === 'event'
            ? { ...body, events: [at(first), ...rest] }
            : { ...body, events: [{ ...first, data: at(first.data) }, ...rest] };
      if (otherProblem === 'expectedVersion') result = { ...result, expectedVersion: 'soon' };
      if (otherProblem === 'unknown-member') result = { ...result, colour: 'red' };
      if (otherProblem === 'bad-municipality') {
        const [event, ...others] = result.events as Array<Record<string, Json> & { data: Record<string, Json> }>;
        result = { ...result, events: [{ ...event, data: { ...event.data, municipality: 'x' } }, ...others] };
      }
      return { body: result, number, key };
    });
}

/** Whether `text` repeats the number, bare, written with any one separator, or as the key it was sent in. */
export function repeatsIdentityNumber(text: string, keyed: Pick<IdentityNumberKeyed, 'number' | 'key'>): boolean {
  const { number, key } = keyed;
  return text.includes(key) || new RegExp(`${number.slice(0, 6)}\\D?${number.slice(6)}`).test(text);
}

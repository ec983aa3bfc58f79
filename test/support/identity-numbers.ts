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
export const identityNumber = (kinds: readonly IdentityNumberKind[] = ['fødselsnummer', 'D-nummer', 'H-nummer', 'syntetisk']): fc.Arbitrary<string> =>
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

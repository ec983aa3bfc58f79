import { containsNationalIdentityNumber, uuidContainsNationalIdentityNumber } from './national-identity-number';

/** RFC 9562: version 1–8 in the third group, variant 10xx in the fourth. */
const RFC_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * Why `value` is not an acceptable `eventId`, or undefined when it is. An eventId is the
 * idempotency key and the Kafka `ce_id`: a UUID as RFC 9562 generates them, so never the nil or max
 * UUID (which make guessing another client's ids easy) and never one carrying an identity number.
 */
export function eventIdProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || !RFC_UUID.test(value)) {
    return 'must be a UUID (RFC 9562, version 1-8; not the nil UUID), the idempotency key; omit it to let the server assign one';
  }
  if (uuidContainsNationalIdentityNumber(value)) {
    return 'must not contain a national identity number (fødselsnummer/D-nummer); choose another UUID';
  }
  return undefined;
}

export function isUuid(value: string): boolean {
  return RFC_UUID.test(value);
}

/**
 * A generated eventId, drawn again in the rare case that it reads as an identity number, by either
 * test: as an `eventId` (the UUID test above) and as a value elsewhere in a body, where the general
 * test reads digit runs across the hyphens (`…401-e242-4527-9414-…` holds `24245279414`). An id is
 * quoted as a value when its event is retracted (`retractedEventId`); about one random UUID in 700
 * fails that test, and an id the server or the generator chose must never make its event impossible to retract.
 */
export function cleanEventId(next: () => string): () => string {
  return () => {
    let id = next();
    while (uuidContainsNationalIdentityNumber(id) || containsNationalIdentityNumber(id)) id = next();
    return id;
  };
}

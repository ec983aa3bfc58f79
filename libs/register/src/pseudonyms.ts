import { cleanEventId } from '@fristvakt/case-recording';
import { createHmac } from 'node:crypto';

/** The installation's secret for the keyed hashes, in the data dir beside the auth secret (mode 0600). */
export const IMPORT_SECRET_FILE = 'import-secret';

/**
 * Keyed hashes (HMAC-SHA-256 with the installation's import secret) of the register's ids. The case
 * system's case id (Sak@Id) and element ids link back to a child; their keyed hashes do not without
 * the secret, and the same id always hashes the same, so next year's extract lands in the same case
 * and the same events (idempotent re-import). Fristvakt never stores the mapping.
 */
export class RegisterPseudonyms {
  constructor(private readonly secret: Uint8Array) {
    if (secret.length < 32) throw new RangeError('the import secret needs at least 32 bytes');
  }

  /** `r-` and 22 base64url characters (132 bits) of the keyed hash of Sak@Id. */
  caseId(caseKey: string): string {
    return `r-${this.mac(`case\u0000${caseKey.toLowerCase()}`).toString('base64url').slice(0, 22)}`;
  }

  /** An element id (notificationId, measureId, …): `prefix-` and 16 base64url characters. */
  entityId(prefix: string, caseKey: string, elementId: string): string {
    return `${prefix}-${this.mac(`entity\u0000${caseKey.toLowerCase()}\u0000${prefix}\u0000${elementId.toLowerCase()}`).toString('base64url').slice(0, 16)}`;
  }

  /** The event id of what an element says (`what`, e.g. "received" or "closed"): a UUID, stable across extracts. */
  eventId(caseKey: string, what: string, elementId: string): string {
    const name = `event\u0000${caseKey.toLowerCase()}\u0000${what}\u0000${elementId.toLowerCase()}`;
    return derivedUuid((attempt) => this.mac(attempt === 0 ? name : `${name}\u0000${attempt}`));
  }

  private mac(text: string): Buffer {
    return createHmac('sha256', this.secret).update(text).digest();
  }
}

/**
 * A name-based eventId that the API's guard accepts: the rare digest whose UUID reads as an identity
 * number (about one in 700) is derived again with a counter, so the id stays the same on every import.
 */
export function derivedUuid(digestOf: (attempt: number) => Uint8Array): string {
  let attempt = 0;
  return cleanEventId(() => uuidFromDigest(digestOf(attempt++)))();
}

/**
 * RFC 9562 layout with the RFC variant and a name-based version: 8 (custom) by default; the
 * register's schema only admits versions 1–5, so the export asks for 5.
 */
export function uuidFromDigest(digest: Uint8Array, version: 5 | 8 = 8): string {
  const b = Buffer.from(digest.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | (version << 4);
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

import { createHash } from 'node:crypto';

/** Namespace of intake-assigned event ids (a random v4 UUID, fixed forever). */
const INTAKE_NAMESPACE = Buffer.from('6f1c0c1e8a3b4d6c9e2f7a5b3c1d0e9f', 'hex');

/**
 * Event ids for events an upstream system sent without one. The HTTP path assigns random UUIDs, but
 * Kafka delivers at least once: a redelivered message must get the same ids, or it would be recorded
 * twice. So they are name-based (RFC 4122 version 5) on the case, the exact message bytes and the
 * event's index: the same message always maps to the same ids, a different one never does.
 */
export function intakeEventIds(caseId: string, value: Buffer): () => string {
  const digest = createHash('sha256').update(value).digest('hex');
  let index = 0;
  return () => uuidV5(`${caseId}\n${digest}\n${index++}`);
}

function uuidV5(name: string): string {
  const bytes = createHash('sha1').update(INTAKE_NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

import { createHash } from 'node:crypto';
import { canonicalize } from './canonical';
import { canonicalEventText, eventHash, GENESIS_HASH, hashMatches, type HashedFields } from './event-hash';

const event: HashedFields = {
  eventId: 'e-1',
  streamId: 'case-c1',
  version: 1,
  position: 1,
  type: 'NotificationReceived',
  data: { notificationId: 'n1', municipality: '3201', reporters: ['11'] },
  metadata: { schemaVersion: 1, occurredAt: '2024-03-01T10:15:00+01:00' },
  recordedAt: '2024-03-02T08:00:00.000Z',
  recordedBy: 'intake-1',
};

describe('event hash', () => {
  it('is the SHA-256 of the canonical form of the event with its server fields and prevHash', () => {
    const text = canonicalEventText(event, GENESIS_HASH);
    expect(text).toBe(canonicalize({ ...event, prevHash: GENESIS_HASH }));
    expect(eventHash(event, GENESIS_HASH)).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
  });

  it('pins the documented serialisation (README "Auditors")', () => {
    expect(canonicalEventText(event, GENESIS_HASH)).toBe(
      '{"data":{"municipality":"3201","notificationId":"n1","reporters":["11"]},"eventId":"e-1",' +
        '"metadata":{"occurredAt":"2024-03-01T10:15:00+01:00","schemaVersion":1},"position":1,' +
        `"prevHash":"${GENESIS_HASH}","recordedAt":"2024-03-02T08:00:00.000Z","recordedBy":"intake-1",` +
        '"streamId":"case-c1","type":"NotificationReceived","version":1}',
    );
  });

  it('accepts stored text that differs only in layout, and nothing that differs in content', () => {
    const hash = eventHash(event, GENESIS_HASH);
    const laidOut = { ...event, data: '{ "reporters": ["11"], "notificationId": "n1", "municipality": "3201" }' };
    expect(hashMatches(laidOut, GENESIS_HASH, hash)).toBe(true);
    expect(hashMatches({ ...laidOut, data: laidOut.data.replace('3201', '3202') }, GENESIS_HASH, hash)).toBe(false);
    expect(hashMatches({ ...event, recordedBy: 'intake-2' }, GENESIS_HASH, hash)).toBe(false);
    expect(hashMatches(event, 'f'.repeat(64), hash)).toBe(false);
    expect(hashMatches({ ...event, data: '{not json' }, GENESIS_HASH, hash)).toBe(false);
  });
});

import { randomUUID } from 'node:crypto';
import { eventIdChunk, isEventId, packEventId, unpackEventId } from './event-ids';
import { Fact, Item, ItemKind, FactKind } from './model';

const stored = (id: string) => {
  const chunk = eventIdChunk();
  const at = packEventId(id);
  return { home: at < 0 ? id : chunk, at };
};

describe('event ids kept outside the heap', () => {
  it('given lowercase UUIDs, packs them and reads each back exactly, across chunk boundaries', () => {
    const ids = Array.from({ length: 10_000 }, () => randomUUID());
    const homes = ids.map(stored);
    expect(homes.every((h) => h.at >= 0 && typeof h.home !== 'string')).toBe(true);
    expect(new Set(homes.map((h) => h.home)).size).toBeGreaterThan(1);
    homes.forEach((h, i) => expect(unpackEventId(h.home, h.at)).toBe(ids[i]));
    homes.forEach((h, i) => expect(isEventId(h.home, h.at, ids[i])).toBe(true));
  });

  it.each([
    ['an uppercase UUID', 'C0DE821E-C58D-4772-97E7-B55BBD89359A'],
    ['a short id', 'e1'],
    ['a 36-character id that is not a UUID', 'x'.repeat(36)],
    ['a UUID with a misplaced dash', 'c0de821ec-58d-4772-97e7-b55bbd89359a'],
    ['an empty id', ''],
  ])('given %s, keeps the string itself', (_, id) => {
    const h = stored(id);
    expect(h).toEqual({ home: id, at: -1 });
    expect(unpackEventId(h.home, h.at)).toBe(id);
    expect(isEventId(h.home, h.at, id)).toBe(true);
  });

  it('given a packed id, tells it from ids that differ in one digit, in case, in length or in format', () => {
    const id = 'c0de821e-c58d-4772-97e7-b55bbd89359a';
    const h = stored(id);
    for (const other of [
      'c0de821e-c58d-4772-97e7-b55bbd89359b',
      '10de821e-c58d-4772-97e7-b55bbd89359a',
      'C0DE821E-C58D-4772-97E7-B55BBD89359A',
      'c0de821e-c58d-4772-97e7-b55bbd89359',
      'c0de821ec58d-4772-97e7-b55bbd89359a-',
      'c0de821e-c58d-4772-97e7-b55bbd8935ga',
      'e1',
    ]) {
      expect(isEventId(h.home, h.at, other)).toBe(false);
    }
  });

  it('given facts built with any id, each fact answers its own id', () => {
    const owner = new Item(ItemKind.Notification, 'n1');
    const ids = ['e1', randomUUID(), 'A'.repeat(36), randomUUID()];
    const facts = ids.map((id, i) => Fact.of(FactKind.Received, id, i + 1, 0, 0, 0, 0, owner, null));
    facts.forEach((fact, i) => {
      expect(fact.eventId).toBe(ids[i]);
      ids.forEach((other, j) => expect(fact.hasEventId(other)).toBe(i === j));
    });
  });
});

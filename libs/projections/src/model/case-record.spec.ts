import { appended, CaseRecord, Item, ItemKind } from './model';

describe('CaseRecord.find', () => {
  const recordWith = (count: number): CaseRecord => {
    const record = new CaseRecord('c1', 0);
    for (let i = 0; i < count; i++) {
      record.items = appended(record.items, new Item(i % 2 === 0 ? ItemKind.Notification : ItemKind.Measure, `x${Math.floor(i / 2)}`));
    }
    return record;
  };

  it.each([5, 16, 17, 200])('given %i items, finds each by kind and id, and nothing else', (count) => {
    const record = recordWith(count);
    for (const item of record.items) expect(record.find(item.kind, item.id)).toBe(item);
    expect(record.find(ItemKind.Investigation, 'x0')).toBeUndefined();
    expect(record.find(ItemKind.Notification, 'nope')).toBeUndefined();
  });

  it('given a long case, finds items appended after earlier lookups', () => {
    const record = recordWith(40);
    expect(record.find(ItemKind.Notification, 'x3')).toBe(record.items[6]);
    const later = new Item(ItemKind.Placement, 'p9');
    record.items = appended(record.items, later);
    expect(record.find(ItemKind.Placement, 'p9')).toBe(later);
  });

  it('given the same kind and id twice, returns the first, as a scan would', () => {
    const record = recordWith(30);
    const twin = new Item(ItemKind.Notification, 'x0');
    record.items = appended(record.items, twin);
    expect(record.find(ItemKind.Notification, 'x0')).toBe(record.items[0]);
  });
});

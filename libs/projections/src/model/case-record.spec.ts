import { addFact, appended, CaseRecord, caseRecordFor, createModel, Fact, FactKind, Item, ItemKind } from './model';

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

  it('given a short case, finds an item appended after a lookup that missed it', () => {
    const record = recordWith(3);
    expect(record.find(ItemKind.Plan, 'pl1')).toBeUndefined();
    const plan = new Item(ItemKind.Plan, 'pl1');
    record.items = appended(record.items, plan);
    expect(record.find(ItemKind.Plan, 'pl1')).toBe(plan);
    expect(record.find(ItemKind.Plan, 'pl2')).toBeUndefined();
  });

  it('given ids that share filter bits, tells every kind and id apart', () => {
    const record = new CaseRecord('c1', 0);
    const kinds = [ItemKind.Notification, ItemKind.Plan, ItemKind.Visit];
    for (let i = 0; i < 15; i++) record.items = appended(record.items, new Item(kinds[i % 3], `v${i}`));
    for (let i = 0; i < 60; i++) {
      for (const kind of kinds) {
        const expected = i < 15 && kinds[i % 3] === kind ? record.items[i] : undefined;
        expect(record.find(kind, `v${i}`)).toBe(expected);
      }
    }
  });

  it('given the same kind and id twice, returns the first, as a scan would', () => {
    const record = recordWith(30);
    const twin = new Item(ItemKind.Notification, 'x0');
    record.items = appended(record.items, twin);
    expect(record.find(ItemKind.Notification, 'x0')).toBe(record.items[0]);
  });
});

describe('caseRecordFor', () => {
  it('given alternating and repeated case ids, returns each case its own record, created once', () => {
    const model = createModel();
    const ids = ['c1', 'c1', 'c2', 'c1', 'c2', 'c2', 'c3', 'c1'];
    const records = ids.map((id) => caseRecordFor(model, id));
    records.forEach((record, i) => expect(record.caseId).toBe(ids[i]));
    expect(records[0]).toBe(records[1]);
    expect(records[2]).toBe(records[4]);
    expect(records[0]).not.toBe(records[2]);
    expect([...model.cases.keys()]).toEqual(['c1', 'c2', 'c3']);
    expect(records.map((r) => r.ordinal)).toEqual([0, 0, 1, 0, 1, 1, 2, 0]);
  });

  it('given the same case id in two models, returns the record of the model asked', () => {
    const first = createModel();
    const second = createModel();
    const a = caseRecordFor(first, 'c1');
    const b = caseRecordFor(second, 'c1');
    expect(b).not.toBe(a);
    expect(caseRecordFor(first, 'c1')).toBe(a);
    expect(second.cases.get('c1')).toBe(b);
  });

  it('given a case id sliced from a longer string, keys the case by the same text', () => {
    const model = createModel();
    const streamId = 'case-c-0301-000042';
    const record = caseRecordFor(model, streamId.slice(5));
    expect(model.cases.get('c-0301-000042')).toBe(record);
    expect(caseRecordFor(model, `c-0301-${'000042'}`)).toBe(record);
  });
});

describe('addFact', () => {
  const factsFiled = (kind: ItemKind, count: number): [Item, Fact[]] => {
    const item = new Item(kind, 'x1');
    const facts = Array.from({ length: count }, (_, i) => Fact.of(FactKind.Received, `e${i}`, i + 1, 0, 0, 0, 0, item, null));
    for (const fact of facts) addFact(item, fact);
    return [item, facts];
  };

  it.each([ItemKind.Notification, ItemKind.Plan, ItemKind.Visit])(
    'given kind %i, keeps every fact in filing order, within and past the room',
    (kind) => {
      for (const count of [1, 2, 3, 4, 5, 9, 20]) {
        const [item, facts] = factsFiled(kind, count);
        expect(item.facts).toEqual(facts);
        expect(item.facts).toHaveLength(count);
        expect([...item.facts]).toEqual(facts);
      }
    },
  );

  it('given a second fact within the room, files it in the same array', () => {
    const [item] = factsFiled(ItemKind.Investigation, 1);
    const first = item.facts;
    addFact(item, Fact.of(FactKind.Closed, 'e9', 9, 0, 0, 0, 0, item, null));
    expect(item.facts).toBe(first);
    expect(item.facts.map((f) => f.position)).toEqual([1, 9]);
  });
});

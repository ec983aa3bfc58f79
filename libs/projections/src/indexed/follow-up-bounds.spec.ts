import { caseRecordFor, createModel, type CaseRecord } from '../model/model';
import { FollowUpBounds } from './follow-up-bounds';

describe('FollowUpBounds.ordinalsOf', () => {
  it('given a list that grows between calls, then the ordinals follow it in order', () => {
    const model = createModel();
    const bounds = new FollowUpBounds();
    const list: CaseRecord[] = [];
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 7 * round + 3; i++) list.push(caseRecordFor(model, `c${round}-${i}`));
      const ordinals = bounds.ordinalsOf(list);
      expect(Array.from(ordinals.subarray(0, list.length))).toEqual(list.map((r) => r.ordinal));
    }
  });

  it('given a case without follow-up facts, then it is active in no window', () => {
    const model = createModel();
    const bounds = new FollowUpBounds();
    const record = caseRecordFor(model, 'c1');
    bounds.write(record);
    expect(bounds.mayBeActive(record.ordinal, Number.MAX_VALUE, 0, 1e6)).toBe(false);
    expect(bounds.mayBeActive(record.ordinal + 10, Number.MAX_VALUE, 0, 1e6)).toBe(false);
  });
});

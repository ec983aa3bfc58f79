import fc from 'fast-check';
import { caseRecordFor, createModel } from '../model/model';
import { CaseOrder } from './case-order';

describe('CaseOrder', () => {
  it('given cases joining in batches between refreshes, then every rank is the case id’s place among all ids', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 6 }), { maxLength: 30 }), { maxLength: 6 }), (batches) => {
        const model = createModel();
        const order = new CaseOrder();
        for (const batch of batches) {
          for (const id of batch) caseRecordFor(model, id);
          order.refresh(model);
          const ids = [...model.cases.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          expect(order.size).toBe(ids.length);
          for (const record of model.cases.values()) expect(order.rank[record.ordinal]).toBe(ids.indexOf(record.caseId));
        }
      }),
      { numRuns: 300 },
    );
  });
});

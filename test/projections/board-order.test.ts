import { DEFAULT_DEADLINE_RULES, type DeadlineStatus, type RecordedCaseEvent } from '@fristvakt/domain';
import { applyAll, createModel, deadlines, type DeadlineItem } from '@fristvakt/projections';
import { generatedLog } from './generated-log';
import { randomHistory } from './random-history';

/*
 * The board's order (overdue first, then deadline, case, kind, id), checked pairwise with plain
 * comparisons on boards with many follow-up items sharing a deadline.
 */

const rank = (status: DeadlineStatus) => (status === 'overdue' ? 0 : 1);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function inOrder(a: DeadlineItem, b: DeadlineItem): boolean {
  const order =
    rank(a.status) - rank(b.status) || cmp(a.deadline, b.deadline) || cmp(a.caseId, b.caseId) || cmp(a.kind, b.kind) || cmp(a.id, b.id);
  return order < 0;
}

function expectSorted(items: DeadlineItem[]): void {
  for (let i = 1; i < items.length; i++) expect(inOrder(items[i - 1], items[i])).toBe(true);
}

describe('deadline board order', () => {
  it('holds on a generated log, with follow-up items sharing quarter-end deadlines', () => {
    const model = applyAll(
      createModel(),
      generatedLog({ municipalities: ['3201', '0301'], years: 3, fromYear: 2022, scale: 0.3, seed: 9 }),
    );
    for (const asOf of ['2023-03-15', '2023-10-20', '2024-05-02']) {
      const { items } = deadlines(model, { asOf, method: 'legal', rules: DEFAULT_DEADLINE_RULES });
      expect(items.filter((item) => item.kind === 'evaluation').length).toBeGreaterThan(20);
      expectSorted(items);
    }
  });

  it('holds on noisy histories (several items of one case and kind)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const model = applyAll(createModel(), randomHistory(seed, { cases: 12 }));
      expectSorted(deadlines(model, { asOf: '2024-03-31', method: 'statistical', rules: DEFAULT_DEADLINE_RULES }).items);
    }
  });

  it('orders by id items of one case, kind and deadline, also when they come last and were found in another order', () => {
    const events = ['n9', 'n3', 'n5'].map(
      (notificationId, i): RecordedCaseEvent =>
        ({
          type: 'NotificationReceived',
          eventId: `ev${i + 1}`,
          occurredAt: '2024-02-01',
          data: { notificationId, municipality: '3201', reporters: ['11'], acute: false },
          caseId: 'c1',
          version: i + 1,
          position: i + 1,
          recordedAt: '2024-02-01T12:00:00.000Z',
          recordedBy: 'test',
          schemaVersion: 1,
        }) as RecordedCaseEvent,
    );
    const { items } = deadlines(applyAll(createModel(), events), { asOf: '2024-02-02', method: 'legal', rules: DEFAULT_DEADLINE_RULES });
    expect(items.map((item) => item.id)).toEqual(['n3', 'n5', 'n9']);
  });
});

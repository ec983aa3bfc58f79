import fc from 'fast-check';
import { followUpCountWindow, mayCountForFollowUp, mayOweFollowUpOn } from '@fristvakt/domain';
import { applyAll, createModel } from '@fristvakt/projections';
import { queryIndexOf } from '../../libs/projections/src/indexed/query-index';
import { municipalityOf, type View } from '../../libs/projections/src/model/view';
import { resolveFollowUp } from '../../libs/projections/src/query/follow-up/resolve-follow-up';
import { generatedLog } from './generated-log';
import { mulberry32, randomHistory } from './random-history';

/*
 * The activity bounds the indexed follow-up queries skip children by (indexed/follow-up-bounds.ts)
 * against the domain's own necessary conditions on each child's timeline as the view resolves it:
 * whenever the rules could count a child or list an item of it, the bounds must keep it.
 */

const DAY = 86_400_000;

function checkModel(events: ReturnType<typeof randomHistory>, seed: number, views: number): number {
  const model = applyAll(createModel(), events);
  const bounds = queryIndexOf(model).followUp;
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const recorded = events.map((e) => Date.parse(e.recordedAt));
  const days = events.map((e) => Math.floor(Date.parse(e.occurredAt) / DAY));
  let kept = 0;
  for (let v = 0; v < views; v++) {
    const someRecorded = recorded[int(0, recorded.length - 1)];
    const knownAt = [Number.MAX_VALUE, someRecorded, someRecorded - 1, someRecorded + int(0, 90) * DAY][int(0, 3)];
    const asOfDay = rnd() < 0.2 ? Number.MAX_SAFE_INTEGER : days[int(0, days.length - 1)] + int(-30, 30);
    const view: View = { knownAt, asOfDay };
    const countDay = Math.min(asOfDay, days[int(0, days.length - 1)] + int(-60, 60));
    const fromDay = countDay - [0, 27, 180, 364][int(0, 3)];
    const window = followUpCountWindow(fromDay, countDay);
    for (const record of model.cases.values()) {
      const municipality = municipalityOf(record, view);
      if (municipality === null || !record.followUp) continue;
      const child = resolveFollowUp(model, record, municipality, view);
      if (mayCountForFollowUp(child, fromDay, countDay)) {
        expect(bounds.mayBeActive(record.ordinal, view.knownAt, window.startDay, window.endDay)).toBe(true);
        kept++;
      }
      if (asOfDay !== Number.MAX_SAFE_INTEGER && mayOweFollowUpOn(child, asOfDay)) {
        expect(bounds.mayBeActive(record.ordinal, view.knownAt, asOfDay, asOfDay)).toBe(true);
        kept++;
      }
      if (record.municipalities.length === 1) expect(bounds.knownFrom[record.ordinal] <= knownAt).toBe(true);
    }
  }
  return kept;
}

describe('follow-up activity bounds', () => {
  it('never drop a child the rules could count or list, on noisy histories (late recording, retractions, missing refs)', () => {
    let kept = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        kept += checkModel(randomHistory(seed, { cases: 1 + (seed % 10), municipalities: ['3201', '3203'] }), seed, 25);
      }),
      { numRuns: 300 },
    );
    // the property was exercised, not vacuously true
    expect(kept).toBeGreaterThan(1000);
  });

  it('never drop a child on a generated valid log, while dropping most of them for a short window', () => {
    const events = generatedLog({ municipalities: ['3201', '0301'], years: 3, fromYear: 2022, scale: 0.05, seed: 5 });
    expect(checkModel(events, 5, 60)).toBeGreaterThan(100);
    const model = applyAll(createModel(), events);
    const bounds = queryIndexOf(model).followUp;
    const day = Date.UTC(2022, 2, 1) / DAY;
    const followUp = [...model.cases.values()].filter((r) => r.followUp);
    const active = followUp.filter((r) => bounds.mayBeActive(r.ordinal, Number.MAX_VALUE, day, day));
    expect(active.length).toBeGreaterThan(0);
    expect(active.length).toBeLessThan(followUp.length / 2);
  });
});

import fc from 'fast-check';
import type { RecordedCaseEvent } from '@fristvakt/domain';
import { applyAll, createModel } from '@fristvakt/projections';
import { queryIndexOf } from '../../libs/projections/src/indexed/query-index';
import { municipalityOf, type View } from '../../libs/projections/src/model/view';
import { resolveFollowUp } from '../../libs/projections/src/query/follow-up/resolve-follow-up';
import { followUpTimelineFor } from '../../libs/projections/src/query/follow-up/timeline-as-of';
import { generatedLog } from './generated-log';
import { mulberry32, randomHistory } from './random-history';

/*
 * The latest follow-up timeline cut at asOf, and at knownAt by when each entry was recorded
 * (query/follow-up/timeline-as-of.ts), against resolving the case for the view, wherever the index
 * says the cut is exact: the same timeline, entry for entry.
 */

const DAY = 86_400_000;

function check(events: RecordedCaseEvent[], seed: number, views: number): { cut: number; cutKnown: number; resolved: number } {
  const model = applyAll(createModel(), events);
  const cuts = queryIndexOf(model).followUpCuts;
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const recorded = events.map((e) => Date.parse(e.recordedAt));
  const days = events.map((e) => Math.floor(Date.parse(e.occurredAt) / DAY));
  const counted = { cut: 0, cutKnown: 0, resolved: 0 };
  for (let v = 0; v < views; v++) {
    const someRecorded = recorded[int(0, recorded.length - 1)];
    const knownAt = [Number.MAX_VALUE, someRecorded, someRecorded - 1, someRecorded + int(0, 60) * DAY][int(0, 3)];
    const asOfDay = rnd() < 0.1 ? Number.MAX_SAFE_INTEGER : days[int(0, days.length - 1)] + int(-20, 20);
    const view: View = { knownAt, asOfDay };
    for (const record of model.cases.values()) {
      const municipality = municipalityOf(record, view);
      if (municipality === null || !record.followUp) continue;
      const timeline = followUpTimelineFor(model, record, municipality, view, cuts);
      if (cuts.exact(record.ordinal, knownAt, asOfDay)) counted.cut++;
      else if (cuts.cuttable(record.ordinal, knownAt, asOfDay)) counted.cutKnown++;
      else counted.resolved++;
      // a fresh resolution: a view that sees everything would get the memo, itself a resolution
      expect(timeline).toEqual(resolveFollowUp(model, record, municipality, { knownAt, asOfDay: Math.min(asOfDay, 1e9) }));
    }
  }
  return counted;
}

describe('follow-up timeline cut at asOf', () => {
  it('equals the view resolved on noisy histories (late recording, retractions, duplicate facts)', () => {
    const total = { cut: 0, cutKnown: 0, resolved: 0 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const counted = check(randomHistory(seed, { cases: 1 + (seed % 10), municipalities: ['3201', '3203'] }), seed, 20);
        total.cut += counted.cut;
        total.cutKnown += counted.cutKnown;
        total.resolved += counted.resolved;
      }),
      { numRuns: 300 },
    );
    // every way was taken many times
    expect(total.cut).toBeGreaterThan(1000);
    expect(total.cutKnown).toBeGreaterThan(300);
    expect(total.resolved).toBeGreaterThan(1000);
  });

  it('equals the view resolved on a generated valid log, where nearly every case can be cut', () => {
    const events = generatedLog({ municipalities: ['3201', '0301'], years: 3, fromYear: 2022, scale: 0.1, seed: 4 });
    const counted = check(events, 4, 30);
    expect(counted.cut).toBeGreaterThan(500);
    expect(counted.cutKnown).toBeGreaterThan(100);
    const model = applyAll(createModel(), events);
    const cuts = queryIndexOf(model).followUpCuts;
    const followUp = [...model.cases.values()].filter((r) => r.followUp);
    expect(followUp.filter((r) => cuts.recordedBy[r.ordinal] !== null).length).toBeGreaterThan(0.9 * followUp.length);
  });
});

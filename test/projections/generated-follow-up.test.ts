import { DEFAULT_DEADLINE_RULES, type RecordedCaseEvent } from '@fristvakt/domain';
import { applyAll, compliance, createModel, type FollowUpSection } from '@fristvakt/projections';
import { generatedLog } from './generated-log';

/*
 * The generator's follow-up stream (issue 15, Build 5) against the seeds it is calibrated on:
 * Hustadvika 2024, 97.8 % and 100 % of children in help measures with a tiltaksplan; Bærum 2024,
 * follow-up and supervision visits met for 97.1 % and 97.6 % of children ("close to 100 %"), care
 * plans "jevnt over høy". Shares are pooled over four half-years of two seeds, as the read model
 * counts them, so a generator that stops visiting as the rules count (after 18, across a
 * reduction, across a supervision move) or keeps a pre-2023 care plan falls below them.
 */

const INDICATORS = ['plans', 'evaluatedPlans', 'carePlans', 'followUpVisits', 'supervision'] as const;
const histories = [3, 11].map((seed) => generatedLog({ municipalities: ['3201', '3203'], years: 3, fromYear: 2022, scale: 0.3, seed }));

function pooledShares(): Record<(typeof INDICATORS)[number], { met: number; of: number; share: number }> {
  const sums = Object.fromEntries(INDICATORS.map((k) => [k, { met: 0, of: 0, share: 0 }]));
  for (const events of histories) {
    const model = applyAll(createModel(), events);
    for (const period of ['2023-H1', '2023-H2', '2024-H1', '2024-H2']) {
      const f: FollowUpSection = compliance(model, { method: 'legal', rules: DEFAULT_DEADLINE_RULES, period, asOf: '2024-12-31' }).followUp;
      for (const k of INDICATORS) {
        sums[k].met += f[k].numerator ?? 0;
        sums[k].of += f[k].denominator ?? 0;
      }
    }
  }
  for (const k of INDICATORS) sums[k].share = sums[k].met / sums[k].of;
  return sums as ReturnType<typeof pooledShares>;
}

const count = (events: readonly RecordedCaseEvent[], test: (e: RecordedCaseEvent) => boolean) => events.filter(test).length;

describe('generated follow-up histories', () => {
  it('meet the seeds: plans and visits above 90 % of children, with some children missed in each', () => {
    const shares = pooledShares();
    for (const k of INDICATORS) {
      expect({ k, of: shares[k].of > 50 }).toEqual({ k, of: true });
      expect({ k, share: shares[k].share > 0.9 && shares[k].met < shares[k].of }).toEqual({ k, share: true });
    }
    expect(shares.plans.share).toBeGreaterThan(0.95);
  });

  it('hold plans, evaluations, visits late, missed and not in person, reductions, supervision moved mid-placement and aftercare', () => {
    for (const events of histories) {
      const visitsRecordedLate = count(
        events,
        (e) => e.type === 'VisitHeld' && Date.parse(e.recordedAt) - Date.parse(e.occurredAt) > 7 * 864e5,
      );
      expect(visitsRecordedLate).toBeGreaterThan(0);
      expect(count(events, (e) => e.type === 'VisitHeld' && !e.data.inPerson)).toBeGreaterThan(0);
      expect(count(events, (e) => e.type === 'VisitFrequencySet' && e.data.perYear === 2)).toBeGreaterThan(0);
      expect(count(events, (e) => e.type === 'PlanCreated' && e.data.kind === '4')).toBeGreaterThan(0);
      expect(count(events, (e) => e.type === 'PlanEvaluated')).toBeGreaterThan(0);
      expect(count(events, (e) => e.type === 'AftercareConcluded')).toBeGreaterThan(0);
      const placedOn = new Map(
        events.flatMap((e) => (e.type === 'PlacementStarted' ? [[`${e.caseId}/${e.data.placementId}`, e.occurredAt.slice(0, 10)]] : [])),
      );
      const moves = events.filter((e) => e.type === 'SupervisionResponsibilitySet');
      expect(
        moves.some(
          (e) =>
            e.type === 'SupervisionResponsibilitySet' && placedOn.get(`${e.caseId}/${e.data.placementId}`)! < e.occurredAt.slice(0, 10),
        ),
      ).toBe(true);
    }
  });
});

/*
 * The real guarantee: every generated stream, replayed request by request through the domain's
 * decider with the server clock at the intended recording time, is accepted.
 */
import { CaseRuleViolation, decide, evolve, initialState } from '@fristvakt/domain';
import { generateHistory } from './history';
import { caseToRequests } from './requests';

describe('generated streams under the case rules', () => {
  it('are all accepted by decide/evolve (3 years, 2 municipalities)', () => {
    const refused: string[] = [];
    let cases = 0;
    let retractions = 0;
    for (const c of generateHistory({ municipalities: ['3201', '3203'], years: 3, fromYear: 2022, scale: 1, seed: 7 })) {
      cases += 1;
      let state = initialState(c.caseId);
      for (const request of caseToRequests(c)) {
        try {
          decide({ caseId: c.caseId, events: request.body.events, now: request.recordedAt }, state);
        } catch (e) {
          if (!(e instanceof CaseRuleViolation)) throw e;
          refused.push(e.message);
          break;
        }
        for (const event of request.body.events) {
          if (event.type === 'EventRetracted') retractions += 1;
          state = evolve(state, event);
        }
      }
    }
    expect(refused.slice(0, 5)).toEqual([]);
    expect(cases).toBeGreaterThan(1500);
    expect(retractions).toBeGreaterThan(0);
  });
});

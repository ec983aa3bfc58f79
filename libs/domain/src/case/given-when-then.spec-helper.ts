/*
 * A given / when / then harness for the decider specs; the events come from the shared builders
 * (../testing). No jest globals here: the build's tsconfig compiles every non-spec file of libs/,
 * this one included.
 */
import type { CaseEvent } from '../events';
import { CaseRuleViolation, type CaseRule } from './case-rules';
import type { CaseState } from './case-state';
import { decide } from './decide';
import { evolve, initialState } from './evolve';

export const CASE_ID = 'c-1';
/** 14:00 in Oslo (CEST) */
export const NOW = '2025-06-01T12:00:00Z';

/** Folds a history that the decider accepts (each event decided, so fixtures cannot be invalid). */
export function stateOf(events: readonly CaseEvent[], now = NOW): CaseState {
  return events.reduce((s, e) => evolve(s, decide({ caseId: CASE_ID, events: [e], now }, s)[0]), initialState(CASE_ID));
}

export function given(...history: CaseEvent[]) {
  const state = stateOf(history);
  return {
    state,
    when(...events: CaseEvent[]) {
      const run = (now: string) => () => decide({ caseId: CASE_ID, events, now }, state);
      let now = NOW;
      const then = {
        at(instant: string) {
          now = instant;
          return then;
        },
        thenAppends(): void {
          const out = run(now)();
          // decide returns the very events it accepted, so identity is the check
          if (out.length !== events.length || out.some((e, i) => e !== events[i])) {
            throw new Error(`expected the ${events.length} events to be appended, got ${JSON.stringify(out)}`);
          }
        },
        thenRefuses(rule: CaseRule, eventIndex = events.length - 1): CaseRuleViolation {
          let caught: unknown;
          try {
            run(now)();
          } catch (e) {
            caught = e;
          }
          if (!(caught instanceof CaseRuleViolation)) {
            throw new Error(
              `expected rule ${rule} at event #${eventIndex}, got ${caught === undefined ? 'the events appended' : String(caught)}`,
            );
          }
          if (caught.rule !== rule || caught.eventIndex !== eventIndex) {
            throw new Error(
              `expected rule ${rule} at event #${eventIndex}, got ${caught.rule} at #${caught.eventIndex}: ${caught.message}`,
            );
          }
          return caught;
        },
      };
      return then;
    },
  };
}

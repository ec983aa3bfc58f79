import type { CaseEvent, RecordedCaseEvent } from '@fristvakt/domain';

/*
 * Small random case histories for property tests. Mostly plausible (a notification, a review, an
 * investigation with extensions, measures, placements) with deliberate noise: late recording,
 * retractions of any earlier event, references to items that never existed, occurredAt instants
 * late in the UTC day (a different Oslo date), a later notification naming another municipality. Deterministic for a seed.
 */

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2022, 9, 1) / DAY;
const SPAN_DAYS = 760;

const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

interface Draft {
  event: CaseEvent;
  caseId: string;
  recordedMs: number;
}

/** `followUp: false` draws the histories of before the follow-up events (plans, visits, aftercare) */
export function randomHistory(
  seed: number,
  options: { cases?: number; municipalities?: readonly string[]; followUp?: boolean } = {},
): RecordedCaseEvent[] {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
  const drafts: Draft[] = [];
  let eventNo = 0;
  const caseCount = options.cases ?? int(1, 6);

  for (let ci = 0; ci < caseCount; ci++) {
    const caseId = `c${ci}`;
    const municipality = pick(options.municipalities ?? ['3201', '3203']);
    let day = FIRST_DAY + int(0, SPAN_DAYS);
    const mine: Draft[] = [];
    let n = 0;
    let u = 0;
    let m = 0;
    let p = 0;
    const add = (type: CaseEvent['type'], data: object) => {
      const instant = rnd() < 0.15;
      const occurredAt = instant ? `${dateOf(day)}T23:30:00Z` : dateOf(day);
      const lag = rnd() < 0.8 ? 0 : int(1, 40);
      const event = { type, eventId: `ev${++eventNo}`, occurredAt, data } as CaseEvent;
      const draft = { event, caseId, recordedMs: (day + lag) * DAY + 21 * 3_600_000 + eventNo };
      mine.push(draft);
      drafts.push(draft);
    };
    const birth = rnd() < 0.8 ? { childBirthYear: int(2003, 2022) } : {};
    add('NotificationReceived', {
      notificationId: `n${++n}`,
      municipality,
      reporters: [pick(['11', '9', '2', '8'])],
      ...(rnd() < 0.3 ? { reporters: ['11', '9'] } : {}),
      acute: rnd() < 0.2,
      ...birth,
    });
    let pl = 0;
    let v = 0;
    let e = 0;

    const steps = int(1, options.followUp === false ? 10 : 16);
    for (let s = 0; s < steps; s++) {
      day += int(0, 70);
      const action = int(0, options.followUp === false ? 11 : 20);
      switch (action) {
        case 0:
          add('NotificationCleared', {
            notificationId: `n${int(1, n)}`,
            reason: pick(['no_grounds', 'joined_ongoing_investigation', 'active_measures']),
          });
          break;
        case 1:
        case 2:
          add('InvestigationOpened', { investigationId: `u${++u}`, notificationId: `n${int(1, n)}` });
          break;
        case 3:
          add('InvestigationExtended', { investigationId: `u${int(1, u + 1)}` });
          break;
        case 4:
          add('ExtensionAssessed', { investigationId: `u${int(1, u + 1)}`, approved: rnd() < 0.5 });
          break;
        case 5:
          add('InvestigationClosed', {
            investigationId: `u${int(1, u + 1)}`,
            outcome: pick(['measures_decided', 'cleared_service_assessment', 'petition_to_board']),
          });
          break;
        case 6: {
          // now and then a notification naming another municipality: the case is listed under both
          const named = rnd() < 0.1 ? pick(options.municipalities ?? ['3201', '3203']) : municipality;
          add('NotificationReceived', { notificationId: `n${++n}`, municipality: named, reporters: [pick(['1', '11', '23'])] });
          break;
        }
        case 7:
          add('MeasureStarted', {
            measureId: `m${++m}`,
            category: pick(['3.2', '4.6', '3.9']),
            ...(rnd() < 0.5 ? { basis: 'voluntary' } : {}),
          });
          break;
        case 8:
          add('MeasureEnded', { measureId: `m${int(1, m + 1)}` });
          break;
        case 9:
          add('PlacementStarted', {
            placementId: `p${++p}`,
            category: pick(['2.1', '2.2', '2.5', '2.6', '1.1']),
            basis: pick(['emergency', 'voluntary', 'care_order']),
          });
          break;
        case 10:
          add('PlacementEnded', { placementId: `p${int(1, p + 1)}`, planned: rnd() < 0.5 });
          break;
        case 11: {
          const targets = mine.filter((d) => d.event.type !== 'EventRetracted');
          const target = pick(targets);
          add('EventRetracted', { retractedEventId: target.event.eventId, reason: 'registration_error' });
          const self = mine[mine.length - 1];
          self.recordedMs = Math.max(self.recordedMs, target.recordedMs + 1000);
          break;
        }
        case 12:
        case 13: {
          // a plan for a measure or placement (maybe one that never existed), sometimes with its own due date
          const link = rnd() < 0.5 ? { measureId: `m${int(1, m + 1)}` } : rnd() < 0.8 ? { placementId: `p${int(1, p + 1)}` } : {};
          const due = rnd() < 0.2 ? { evaluationDueOn: dateOf(day + int(20, 120)) } : {};
          add('PlanCreated', { planId: `pl${++pl}`, kind: pick(['1', '1', '1', '4', '3', '5']), ...link, ...due });
          break;
        }
        case 14:
          add('PlanEvaluated', { planId: `pl${int(1, pl + 1)}` });
          break;
        case 15:
          add('PlanEnded', { planId: `pl${int(1, pl + 1)}` });
          break;
        case 16:
        case 17:
          add('VisitHeld', {
            visitId: `v${++v}`,
            placementId: `p${int(1, p + 1)}`,
            kind: pick(['follow_up', 'supervision']),
            inPerson: rnd() < 0.9,
          });
          break;
        case 18:
          add('VisitFrequencySet', {
            placementId: `p${int(1, p + 1)}`,
            kind: pick(['follow_up', 'supervision']),
            perYear: pick([4, 2]),
            ...(rnd() < 0.5 ? { childConsent: rnd() < 0.5 } : {}),
          });
          break;
        case 19:
          add('SupervisionResponsibilitySet', {
            placementId: `p${int(1, p + 1)}`,
            municipality: pick(options.municipalities ?? ['3201', '3203', '3205']),
          });
          break;
        case 20:
          if (rnd() < 0.5) add('AftercareOffered', { offerId: `e${++e}` });
          else add('AftercareConcluded', { offerId: `e${int(1, e + 1)}`, outcome: pick(['accepted', 'declined_no_more_measures']) });
          break;
      }
    }
  }

  drafts.sort((a, b) => a.recordedMs - b.recordedMs);
  const versions = new Map<string, number>();
  return drafts.map((d, i) => {
    const version = (versions.get(d.caseId) ?? 0) + 1;
    versions.set(d.caseId, version);
    return {
      ...d.event,
      caseId: d.caseId,
      version,
      position: i + 1,
      recordedAt: new Date(d.recordedMs).toISOString(),
      recordedBy: 'generator',
      schemaVersion: 1,
    } as RecordedCaseEvent;
  });
}

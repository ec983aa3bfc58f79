import { RecordedLog, assessed, cleared, closed, extended, opened, received, retract } from '@fristvakt/domain/testing';
import { DEFAULT_DEADLINE_RULES } from '@fristvakt/domain';
import { applyAll } from '../model/apply';
import { createModel, type ProjectionModel } from '../model/model';
import { compliance, type ComplianceQuery } from './compliance';

const base = { method: 'legal', rules: DEFAULT_DEADLINE_RULES } as const;
const modelOf = (h: RecordedLog): ProjectionModel => applyAll(createModel(), h.events);
const ask = (h: RecordedLog | ProjectionModel, q: Partial<ComplianceQuery> & Pick<ComplianceQuery, 'period'>) =>
  compliance(h instanceof RecordedLog ? modelOf(h) : h, { ...base, ...q });

/** One case per investigation: received, opened a day later, closed on `closedOn`. */
function investigation(h: RecordedLog, caseId: string, receivedOn: string, closedOn: string | null, openedOn?: string) {
  h.add(caseId, received('n1', receivedOn));
  h.add(caseId, opened('u1', 'n1', openedOn ?? receivedOn));
  return closedOn === null ? null : h.add(caseId, closed('u1', closedOn));
}

describe('compliance: reviews (meldinger gjennomgått innen en uke)', () => {
  it('counts reviews concluded in the period, on time iff concluded by received + 7 days', () => {
    const h = new RecordedLog();
    h.add('c1', received('n1', '2024-03-01'));
    h.add('c1', cleared('n1', '2024-03-08')); // deadline day itself: on time
    h.add('c2', received('n1', '2024-03-01'));
    h.add('c2', cleared('n1', '2024-03-09')); // one day late
    h.add('c3', received('n1', '2024-03-01'));
    h.add('c3', opened('u1', 'n1', '2024-03-04')); // concluded by opening an investigation
    h.add('c4', received('n1', '2024-06-28')); // concluded in July: not in the period
    h.add('c4', cleared('n1', '2024-07-01'));
    h.add('c5', received('n1', '2024-06-20')); // still open on 30 June, overdue since 28 June
    h.add('c6', received('n1', '2024-06-29')); // open, not yet overdue

    const a = ask(h, { period: '2024-H1' });
    expect(a.reviews).toMatchObject({ concluded: 3, onTime: 2, late: 1, onTimeShare: 2 / 3, openAtEnd: 3, openOverdueAtEnd: 1 });
    expect(a.reviews.durationDays).toMatchObject({ n: 3, median: 7, p90: 8 });
    expect(a.period).toEqual({ from: '2024-01-01', to: '2024-06-30' });
  });

  it('has a null share, not 0, when nothing was concluded', () => {
    expect(ask(new RecordedLog(), { period: '2024-05' }).reviews).toMatchObject({ concluded: 0, onTimeShare: null });
  });
});

describe('compliance: investigations (fristbrudd, Bufdir half-year)', () => {
  it('the half-year breach share counts only investigations closed in that half-year', () => {
    const h = new RecordedLog();
    investigation(h, 'a', '2024-01-10', '2024-06-15'); // deadline 2024-04-17: closed late in H1
    investigation(h, 'b', '2024-02-01', '2024-07-02'); // deadline 2024-05-08: closed late, but in H2
    investigation(h, 'c', '2024-03-01', '2024-05-01'); // on time in H1
    investigation(h, 'd', '2023-12-01', '2023-12-20'); // closed in 2023: not in H1

    const h1 = ask(h, { period: '2024-H1' }).investigations;
    expect(h1).toMatchObject({ closed: 2, onTime: 1, breached: 1, breachShare: 0.5, withinDeadlineShare: 0.5 });
    // b is open and overdue on 30 June: invisible to the official indicator, visible here
    expect(h1).toMatchObject({ openAtEnd: 1, openOverdueAtEnd: 1 });

    const h2 = ask(h, { period: '2024-H2' }).investigations;
    expect(h2).toMatchObject({ closed: 1, breached: 1, breachShare: 1, openAtEnd: 0 });
    expect(ask(h, { period: '2024' }).investigations).toMatchObject({ closed: 3, breached: 2, breachShare: 2 / 3 });
  });

  it('an extension decided on or before the ordinary deadline gives six months', () => {
    const h = new RecordedLog();
    h.add('c1', received('n1', '2024-01-31')); // ordinary 2024-05-07, extended 2024-08-07
    h.add('c1', opened('u1', 'n1', '2024-02-02'));
    h.add('c1', extended('u1', '2024-05-07'));
    h.add('c1', closed('u1', '2024-08-07'));
    expect(ask(h, { period: '2024-H2' }).investigations).toMatchObject({
      closed: 1,
      onTime: 1,
      extended: 1,
      breachedExtended: 0,
      extensionTooLate: 0,
    });
  });

  it('an extension registered after the close but dated before it counts: the figure judges valid time (issue 15); knownAt before its recording does not see it', () => {
    const h = new RecordedLog();
    h.add('c1', received('n1', '2024-01-31')); // ordinary 2024-05-07, extended 2024-08-07
    h.add('c1', opened('u1', 'n1', '2024-02-02'));
    h.add('c1', closed('u1', '2024-06-01')); // recorded 2024-06-01T20:00Z: a breach as far as anyone knew then
    h.add('c1', extended('u1', '2024-04-20'), { recordedAt: '2024-06-10T08:00:00Z' });
    expect(ask(h, { period: '2024-H1' }).investigations).toMatchObject({
      closed: 1,
      onTime: 1,
      breached: 0,
      extended: 1,
      extensionTooLate: 0,
    });
    expect(ask(h, { period: '2024-H1', knownAt: '2024-06-05' }).investigations).toMatchObject({
      closed: 1,
      onTime: 0,
      breached: 1,
      extended: 0,
    });
  });

  it('an extension decided after the ordinary deadline does not cure the breach, and is flagged', () => {
    const h = new RecordedLog();
    h.add('c1', received('n1', '2024-01-31'));
    h.add('c1', opened('u1', 'n1', '2024-02-02'));
    h.add('c1', extended('u1', '2024-05-08')); // a day after the ordinary deadline
    h.add('c1', closed('u1', '2024-06-01'));
    expect(ask(h, { period: '2024-H1' }).investigations).toMatchObject({ closed: 1, breached: 1, extended: 0, extensionTooLate: 1 });
  });

  it('a rejected extension restores the three-month deadline; an approved or pending one keeps six', () => {
    const outcome = (approved: boolean | null) => {
      const h = new RecordedLog();
      h.add('c1', received('n1', '2024-01-31'));
      h.add('c1', opened('u1', 'n1', '2024-02-02'));
      h.add('c1', extended('u1', '2024-04-01'));
      if (approved !== null) h.add('c1', assessed('u1', approved, '2024-04-15'));
      h.add('c1', closed('u1', '2024-06-01'));
      return ask(h, { period: '2024-H1' }).investigations;
    };
    expect(outcome(false)).toMatchObject({ breached: 1, extended: 0, extensionRejected: 1 });
    expect(outcome(true)).toMatchObject({ breached: 0, extended: 1 });
    expect(outcome(null)).toMatchObject({ breached: 0, extended: 1 });
  });

  it('a 2022 notification follows bvl 1992 (clock from opening), a 2023 one bvl 2021 (clock from review deadline)', () => {
    const h = new RecordedLog();
    // bvl 1992: opened 2022-12-30 → deadline 2023-03-30; under bvl 2021 it would be 2023-03-27
    investigation(h, 'old', '2022-12-20', '2023-03-29', '2022-12-30');
    // bvl 2021: review deadline 2023-01-09 → deadline 2023-04-09; under bvl 1992 it would be 2023-04-12
    investigation(h, 'new', '2023-01-02', '2023-04-11', '2023-01-12');
    const q1 = ask(h, { period: '2023-Q1' }).investigations;
    const q2 = ask(h, { period: '2023-Q2' }).investigations;
    expect(q1).toMatchObject({ closed: 1, onTime: 1 });
    expect(q2).toMatchObject({ closed: 1, breached: 1 });
  });

  it.each([
    // DOMAIN.md §3.2 worked examples: received, closed, extension?, legal on time, statistical on time
    ['2023-11-23', '2024-02-29', false, true, false], // legal 2024-02-29, statistical 2024-02-28
    ['2023-11-24', '2024-03-01', false, true, false], // legal 2024-03-01, statistical 2024-02-29
    ['2024-01-31', '2024-05-07', false, true, true], // both 2024-05-07
    ['2024-01-31', '2024-08-06', true, true, false], // six months: legal 2024-08-07, statistical 2024-08-05
    ['2024-05-24', '2024-08-30', false, true, false], // legal 2024-08-31, statistical 2024-08-29
    ['2024-05-24', '2024-11-28', true, true, false], // legal 2024-11-30, statistical 2024-11-27
  ])('received %s, closed %s, extended %s: legal on time %s, statistical on time %s', (receivedOn, closedOn, ext, legal, statistical) => {
    const h = new RecordedLog();
    h.add('c1', received('n1', receivedOn));
    h.add('c1', opened('u1', 'n1', receivedOn));
    if (ext) h.add('c1', extended('u1', receivedOn));
    h.add('c1', closed('u1', closedOn));
    const m = modelOf(h);
    const period = closedOn.slice(0, 4);
    expect(ask(m, { period, method: 'legal' }).investigations.onTime).toBe(legal ? 1 : 0);
    expect(ask(m, { period, method: 'statistical' }).investigations.onTime).toBe(statistical ? 1 : 0);
  });
});

describe('compliance: knownAt, asOf and retractions', () => {
  it('knownAt excludes events recorded after it (the figure as it was reported then)', () => {
    const h = new RecordedLog();
    h.add('c1', received('n1', '2024-01-10'));
    h.add('c1', opened('u1', 'n1', '2024-01-11'));
    h.add('c1', closed('u1', '2024-06-20', 'measures_decided'), { recordedAt: '2024-07-10T08:00:00Z' });
    const m = modelOf(h);
    expect(ask(m, { period: '2024-H1', knownAt: '2024-07-05T00:00:00Z' }).investigations).toMatchObject({
      closed: 0,
      openAtEnd: 1,
      openOverdueAtEnd: 1,
    });
    expect(ask(m, { period: '2024-H1', knownAt: '2024-07-10T08:00:00Z' }).investigations).toMatchObject({ closed: 1, openAtEnd: 0 });
    expect(ask(m, { period: '2024-H1' }).investigations).toMatchObject({ closed: 1, breached: 1 });
  });

  it('a retraction removes the event from every figure; knownAt before the retraction still shows it', () => {
    const h = new RecordedLog();
    h.add('c1', received('n1', '2024-01-10'));
    h.add('c1', opened('u1', 'n1', '2024-01-11'));
    const close = h.add('c1', closed('u1', '2024-03-01'));
    h.add('c1', retract(close.eventId, '2024-03-20'), { recordedAt: '2024-03-20T09:00:00Z' });
    const m = modelOf(h);
    expect(ask(m, { period: '2024-H1' }).investigations).toMatchObject({ closed: 0, openAtEnd: 1, openOverdueAtEnd: 1 });
    expect(ask(m, { period: '2024-H1', knownAt: '2024-03-19T23:00:00Z' }).investigations).toMatchObject({
      closed: 1,
      onTime: 1,
      openAtEnd: 0,
    });
  });

  it('a retracted notification takes its review out of the figures', () => {
    const h = new RecordedLog();
    const n = h.add('c1', received('n1', '2024-02-01'));
    h.add('c1', received('n2', '2024-02-01'));
    h.add('c1', retract(n.eventId, '2024-02-02'));
    expect(ask(h, { period: '2024-02' }).reviews).toMatchObject({ openAtEnd: 1, openOverdueAtEnd: 1 });
  });

  it('asOf cuts valid time: later events do not count and "at end" is measured at asOf', () => {
    const h = new RecordedLog();
    h.add('c1', received('n1', '2024-01-10'));
    h.add('c1', opened('u1', 'n1', '2024-01-11'));
    h.add('c1', closed('u1', '2024-05-01'));
    const a = ask(h, { period: '2024-H1', asOf: '2024-04-01' });
    expect(a.measuredAt).toBe('2024-04-01');
    expect(a.investigations).toMatchObject({ closed: 0, openAtEnd: 1, openOverdueAtEnd: 0 });
  });

  it('counts a municipality on its own', () => {
    const h = new RecordedLog();
    investigation(h, 'c1', '2024-01-10', '2024-02-01');
    h.add('c2', received('n1', '2024-01-10', { municipality: '3203' }));
    h.add('c2', opened('u1', 'n1', '2024-01-10'));
    h.add('c2', closed('u1', '2024-02-01'));
    const m = modelOf(h);
    expect(ask(m, { period: '2024', municipality: '3201' }).investigations.closed).toBe(1);
    expect(ask(m, { period: '2024', municipality: '3203' }).investigations.closed).toBe(1);
    expect(ask(m, { period: '2024', municipality: '0301' }).investigations.closed).toBe(0);
    expect(ask(m, { period: '2024' }).investigations.closed).toBe(2);
  });
});

describe('compliance: small-count suppression', () => {
  /** `total` notifications received on 1 March, the first `onTime` reviewed within the week, the rest late. */
  function reviews(total: number, onTime: number): RecordedLog {
    const h = new RecordedLog();
    for (let i = 0; i < total; i++) {
      h.add(`c${i}`, received('n1', '2024-03-01'));
      h.add(`c${i}`, cleared('n1', i < onTime ? '2024-03-05' : '2024-03-20'));
    }
    return h;
  }

  it('replaces counts 1–4 and the shares built on them by null and lists the paths', () => {
    const h = reviews(6, 3);
    const a = ask(h, { period: '2024-H1', suppressSmallCounts: true });
    expect(a.reviews).toMatchObject({ concluded: 6, onTime: null, late: null, onTimeShare: null, openAtEnd: 0 });
    expect('suppressed' in a && a.suppressed).toEqual(expect.arrayContaining(['reviews.onTime', 'reviews.late', 'reviews.onTimeShare']));
    expect('suppression' in a && a.suppression.applied).toBe(true);
    expect(a.reviews.durationDays.n).toBe(6);
  });

  it('hides the on-time count too when late alone is small, since concluded − late would give it back', () => {
    const h = reviews(9, 7);
    const a = ask(h, { period: '2024-H1', suppressSmallCounts: true });
    expect(a.reviews).toMatchObject({ concluded: 9, onTime: null, late: null, onTimeShare: null });
    expect('suppressed' in a && a.suppressed).toEqual(expect.arrayContaining(['reviews.late', 'reviews.onTime', 'reviews.onTimeShare']));
    expect(ask(h, { period: '2024-H1' }).reviews).toMatchObject({ concluded: 9, onTime: 7, late: 2 });
  });
});

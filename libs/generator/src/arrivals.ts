/**
 * When children enter the system: a day-by-day Poisson stream per municipality, shaped by season
 * and weekday. Days are walked in order so cases come out sorted by their first day.
 */
import { addDays, type LocalDate } from '@fristvakt/domain';
import * as cal from './calibration';
import { isoWeekday, isWorkingDay } from './oslo-time';
import { Prng } from './random';

export interface CaseArrival {
  caseId: string;
  municipality: string;
  date: LocalDate;
  knownBeforeGoLive: boolean;
}

export interface ArrivalOptions {
  municipalities: readonly string[];
  fromYear: number;
  years: number;
  scale: number;
  seed: number;
  /** last Oslo date to generate arrivals on */
  lastDate: LocalDate;
}

function dayFactor(date: LocalDate): number {
  const month = Number(date.slice(5, 7));
  const weekday = isoWeekday(date);
  // A public holiday on a weekday is as quiet as a Saturday.
  const weekdayFactor = weekday <= 5 && !isWorkingDay(date) ? cal.WEEKDAY_FACTORS[5] : cal.WEEKDAY_FACTORS[weekday - 1];
  return cal.MONTH_FACTORS[month - 1] * weekdayFactor;
}

function yearFactorSum(year: number): number {
  let sum = 0;
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) sum += dayFactor(d);
  return sum;
}

/**
 * Notifications per year are split into first notifications of new children and follow-ups of
 * children already in the system (simulated per case). At go-live the system knows no children
 * yet, so the follow-ups that earlier children would have produced arrive as "known before
 * go-live" cases instead, fading out as the simulated children take over:
 * rate_known(t) = rate · F/(1+F) · e^(−t/τ), which keeps the yearly total flat from year one.
 */
export function* caseArrivals(o: ArrivalOptions): Generator<CaseArrival> {
  const rng = Prng.fromKey(`${o.seed}:arrivals`);
  const perYear = cal.NOTIFICATIONS_PER_YEAR_AT_SCALE_1 * o.scale;
  const f = cal.FOLLOW_UP_NOTIFICATIONS_PER_CHILD;
  const counters = new Map(o.municipalities.map((m) => [m, 0]));
  const start = `${o.fromYear}-01-01`;
  const end = `${o.fromYear + o.years - 1}-12-31`;
  const last = o.lastDate < end ? o.lastDate : end;
  let yearSum = 0;
  let year = 0;
  let dayIndex = 0;
  for (let date = start; date <= last; date = addDays(date, 1), dayIndex += 1) {
    const y = Number(date.slice(0, 4));
    if (y !== year) {
      year = y;
      yearSum = yearFactorSum(y);
    }
    const rate = (perYear * dayFactor(date)) / yearSum;
    const newMean = rate / (1 + f);
    const knownMean = ((rate * f) / (1 + f)) * Math.exp(-dayIndex / cal.FOLLOW_UP_MEAN_DELAY_DAYS);
    for (const municipality of o.municipalities) {
      const fresh = rng.poisson(newMean);
      const known = rng.poisson(knownMean);
      for (let i = 0; i < fresh + known; i += 1) {
        const n = (counters.get(municipality) ?? 0) + 1;
        counters.set(municipality, n);
        yield {
          caseId: `c-${municipality}-${String(n).padStart(6, '0')}`,
          municipality,
          date,
          knownBeforeGoLive: i >= fresh,
        };
      }
    }
  }
}

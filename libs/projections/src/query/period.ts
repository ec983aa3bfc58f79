import { isValidLocalDate } from '@fristvakt/domain';
import { toEpochDay } from '../model/epoch-day';
import { assertQueryDate, QueryParameterError } from './time-params';

/** An inclusive range of Oslo dates. */
export interface Period {
  from: string;
  to: string;
}

const YEAR = /^(\d{4})$/;
const HALF = /^(\d{4})-H([12])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function lastDayOfMonth(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function months(year: number, first: number, last: number): Period {
  return { from: `${year}-${String(first).padStart(2, '0')}-01`, to: lastDayOfMonth(year, last) };
}

/**
 * `2024` (year), `2024-H1` / `2024-H2` (Bufdir half-years: 1 Jan–30 Jun, 1 Jul–31 Dec),
 * `2024-Q3`, `2024-05`, or an explicit `{ from, to }` (inclusive dates).
 * Throws {@link QueryParameterError} naming the parameter and the accepted forms.
 */
export function parsePeriod(input: string | { from?: string | null; to?: string | null }): Period {
  const period = typeof input === 'string' ? namedPeriod(input) : explicitPeriod(input.from, input.to);
  const parameter = typeof input === 'string' ? 'period' : undefined;
  assertQueryDate(parameter ?? 'from', period.from);
  assertQueryDate(parameter ?? 'to', period.to);
  return period;
}

function namedPeriod(input: string): Period {
  let m: RegExpExecArray | null;
  if ((m = YEAR.exec(input))) return months(Number(m[1]), 1, 12);
  if ((m = HALF.exec(input))) return m[2] === '1' ? months(Number(m[1]), 1, 6) : months(Number(m[1]), 7, 12);
  if ((m = QUARTER.exec(input))) {
    const q = Number(m[2]);
    return months(Number(m[1]), 3 * q - 2, 3 * q);
  }
  if ((m = MONTH.exec(input))) return months(Number(m[1]), Number(m[2]), Number(m[2]));
  throw new QueryParameterError(
    'period',
    `${JSON.stringify(input)} is not a period; use YYYY, YYYY-H1, YYYY-H2, YYYY-Q1…Q4, YYYY-MM, or from/to dates`,
  );
}

function explicitPeriod(from: string | null | undefined, to: string | null | undefined): Period {
  if (from == null || to == null) throw new QueryParameterError(from == null ? 'from' : 'to', 'both from and to are required');
  if (!isValidLocalDate(from)) throw new QueryParameterError('from', `${JSON.stringify(from)} is not a date YYYY-MM-DD`);
  if (!isValidLocalDate(to)) throw new QueryParameterError('to', `${JSON.stringify(to)} is not a date YYYY-MM-DD`);
  assertQueryDate('from', from);
  assertQueryDate('to', to);
  if (from > to) throw new QueryParameterError('to', `${to} is before from ${from}`);
  return { from, to };
}

export function periodDays(period: Period): { fromDay: number; toDay: number } {
  return { fromDay: toEpochDay(period.from), toDay: toEpochDay(period.to) };
}

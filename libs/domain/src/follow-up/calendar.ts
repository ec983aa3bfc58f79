import type { FollowUpRuleSet } from '../deadlines/follow-up-rule-sets';
import { civilFromDayNumber, dayNumberFromCivil, daysInMonth } from '../deadlines/local-date';

/* Calendar pieces of the follow-up rules, on day numbers (days since 1970-01-01). */

export interface DayRange {
  startDay: number;
  /** inclusive */
  endDay: number;
}

/** The calendar quarter (1 Jan, 1 Apr, 1 Jul, 1 Oct) holding a day. */
export function quarterOf(day: number): DayRange {
  const { year, month } = civilFromDayNumber(day);
  const first = month - ((month - 1) % 3);
  return {
    startDay: dayNumberFromCivil(year, first, 1),
    endDay: dayNumberFromCivil(first === 10 ? year + 1 : year, first === 10 ? 1 : first + 3, 1) - 1,
  };
}

/** The calendar quarters that share at least a day with [fromDay, toDay], in order. */
export function quartersTouching(fromDay: number, toDay: number): DayRange[] {
  const quarters: DayRange[] = [];
  for (let day = fromDay; day <= toDay;) {
    const q = quarterOf(day);
    quarters.push(q);
    day = q.endDay + 1;
  }
  return quarters;
}

/** The half-year (H1 1 Jan–30 Jun, H2 1 Jul–31 Dec) holding a day. */
export function halfYearOf(day: number): DayRange {
  const { year, month } = civilFromDayNumber(day);
  return month <= 6
    ? { startDay: dayNumberFromCivil(year, 1, 1), endDay: dayNumberFromCivil(year, 6, 30) }
    : { startDay: dayNumberFromCivil(year, 7, 1), endDay: dayNumberFromCivil(year, 12, 31) };
}

export function yearStartDay(day: number): number {
  return dayNumberFromCivil(civilFromDayNumber(day).year, 1, 1);
}

/** `addMonths` (domstolloven § 148) on day numbers, without a date string in between (the rules call it per child and query). */
export function addMonthsToDay(day: number, months: number): number {
  if (!Number.isSafeInteger(months)) throw new RangeError(`Number of months must be an integer, got ${months}`);
  const { year, month, day: dayOfMonth } = civilFromDayNumber(day);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return dayNumberFromCivil(targetYear, targetMonth, Math.min(dayOfMonth, daysInMonth(targetYear, targetMonth)));
}

/**
 * Age from the birth year alone (DOMAIN.md §7, "Ages from birth year"): `year − birth year`,
 * exact on 31.12 and the statistics' convention on every other day. No birth year: under age.
 */
export function ageOnDay(childBirthYear: number | null, day: number): number | null {
  return childBirthYear === null ? null : civilFromDayNumber(day).year - childBirthYear;
}

export function isUnderAgeOnDay(childBirthYear: number | null, day: number, ruleSet: FollowUpRuleSet): boolean {
  const age = ageOnDay(childBirthYear, day);
  return age === null || age < ruleSet.children.adultAge;
}

/**
 * The day the obligations towards the child end, as a spell's end day (things dated that day
 * still count): 31.12 of the year the child turns `adultAge` [config]. No birth year: never.
 */
export function obligationsEndDay(childBirthYear: number | null, ruleSet: FollowUpRuleSet): number | null {
  return childBirthYear === null ? null : dayNumberFromCivil(childBirthYear + ruleSet.children.adultAge, 12, 31);
}

/** A spell [startDay, endDay) is active on a day: started by it and not ended on or before it. */
export function isActiveOnDay(spell: { startDay: number; endDay: number | null }, day: number): boolean {
  return spell.startDay <= day && (spell.endDay === null || spell.endDay > day);
}

/** Active on at least one day of [fromDay, toDay]. */
export function isActiveDuring(spell: { startDay: number; endDay: number | null }, fromDay: number, toDay: number): boolean {
  return spell.startDay <= toDay && (spell.endDay === null || spell.endDay > fromDay);
}

/**
 * Start of the unbroken run ending in a spell that starts on `since`: earlier spells join it while
 * their last day reaches the day before the run (a move or a new measure on the day another ends
 * is no break). `lastDay` is inclusive; open spells have an infinite one.
 */
export function unbrokenRunStart(spells: readonly { startDay: number; lastDay: number }[], since: number): number {
  let start = since;
  for (let extended = true; extended;) {
    extended = false;
    for (const s of spells) {
      if (s.startDay < start && s.lastDay >= start - 1) {
        start = s.startDay;
        extended = true;
      }
    }
  }
  return start;
}

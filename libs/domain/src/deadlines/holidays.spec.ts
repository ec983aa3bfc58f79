import { easterSunday, isNorwegianPublicHoliday, isWeekendOrNorwegianPublicHoliday, nextWorkingDayOnOrAfter } from './holidays';

describe('easterSunday (anonymous Gregorian algorithm)', () => {
  it.each([
    [1993, '1993-04-11'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2022, '2022-04-17'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('given the year %i when computing Easter then it is %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });
});

describe('isWeekendOrNorwegianPublicHoliday', () => {
  it.each([
    ['2024-01-01', 'nyttårsdag'],
    ['2024-03-28', 'skjærtorsdag'],
    ['2024-03-29', 'langfredag'],
    ['2024-03-31', 'første påskedag'],
    ['2024-04-01', 'andre påskedag'],
    ['2024-05-01', 'arbeidernes dag'],
    ['2024-05-09', 'Kristi himmelfartsdag'],
    ['2024-05-17', 'grunnlovsdag'],
    ['2024-05-19', 'første pinsedag'],
    ['2024-05-20', 'andre pinsedag'],
    ['2024-12-25', 'første juledag'],
    ['2024-12-26', 'andre juledag'],
    ['2025-04-17', 'skjærtorsdag 2025'],
    ['2025-04-21', 'andre påskedag 2025'],
    ['2025-05-29', 'Kristi himmelfartsdag 2025'],
    ['2025-06-09', 'andre pinsedag 2025'],
  ])('given %s (%s) when checking then it is a public holiday and not a working day', (d) => {
    expect(isNorwegianPublicHoliday(d)).toBe(true);
    expect(isWeekendOrNorwegianPublicHoliday(d)).toBe(true);
  });

  it.each([
    ['2024-06-01', 'Saturday'],
    ['2024-06-02', 'Sunday'],
  ])('given %s (%s) when checking then it is not a working day but not a holiday either', (d) => {
    expect(isNorwegianPublicHoliday(d)).toBe(false);
    expect(isWeekendOrNorwegianPublicHoliday(d)).toBe(true);
  });

  it.each([
    ['2024-12-24', 'julaften is not a public holiday'],
    ['2024-12-31', 'nyttårsaften is not a public holiday'],
    ['2024-05-08', 'frigjøringsdagen is not a public holiday'],
    ['2024-04-02', 'Tuesday after Easter'],
    ['2024-06-03', 'ordinary Monday'],
    ['2024-05-21', 'Tuesday after Whitsun'],
  ])('given %s (%s) when checking then it is a working day', (d) => {
    expect(isWeekendOrNorwegianPublicHoliday(d)).toBe(false);
  });

  it('given an invalid date when checking then it throws', () => {
    expect(() => isWeekendOrNorwegianPublicHoliday('2023-02-29')).toThrow(RangeError);
    expect(() => isNorwegianPublicHoliday('nonsense')).toThrow(RangeError);
  });
});

describe('nextWorkingDayOnOrAfter (domstolloven § 149)', () => {
  it.each([
    ['2024-06-03', '2024-06-03', 'a working day stays'],
    ['2024-06-01', '2024-06-03', 'Saturday moves to Monday'],
    ['2024-06-02', '2024-06-03', 'Sunday moves to Monday'],
    ['2024-03-28', '2024-04-02', 'Maundy Thursday moves past Easter to Tuesday'],
    ['2025-04-21', '2025-04-22', 'Easter Monday moves to Tuesday'],
    ['2024-05-17', '2024-05-21', '17 May (Friday) moves past Whitsun to Tuesday'],
    ['2025-05-17', '2025-05-19', '17 May (Saturday) moves to Monday'],
    ['2024-12-25', '2024-12-27', 'Christmas Day moves to 27 December'],
    ['2022-12-31', '2023-01-02', 'New Year weekend and 1 January move to 2 January'],
  ])('given %s when rolling forward then it is %s (%s)', (d, expected) => {
    expect(nextWorkingDayOnOrAfter(d)).toBe(expected);
  });
});

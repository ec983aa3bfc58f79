export * from './timeline';
export {
  addMonthsToDay,
  ageOnDay,
  halfYearOf,
  isActiveDuring,
  isActiveOnDay,
  isUnderAgeOnDay,
  obligationsEndDay,
  quarterOf,
  quartersTouching,
  yearStartDay,
  type DayRange,
} from './calendar';
export * from './plans';
export * from './visits';
export * from './aftercare';
export * from './open-items';
export * from './activity';
export * from './open-items-days';

import { ageAtYearEnd, categoriesOfType, isAftercareAge, isEmergencyPlacement, isUnder18, placementType } from './child-figures';

describe('child figures: ages from birth year', () => {
  it('is exact on 31.12 and unknown without a birth year', () => {
    expect(ageAtYearEnd(2006, 2024)).toBe(18);
    expect(ageAtYearEnd(null, 2024)).toBeNull();
  });

  it('counts a child without a birth year as under 18, and aftercare as 18–24', () => {
    expect([isUnder18(null), isUnder18(17), isUnder18(18)]).toEqual([true, true, false]);
    expect([17, 18, 24, 25, null].map(isAftercareAge)).toEqual([false, true, true, false, false]);
  });
});

describe('child figures: placement types', () => {
  it('sorts the register categories into the types the state reports use', () => {
    expect(['1.1', '2.1', '2.6', '2.2', '2.5', '8.2'].map(placementType)).toEqual([
      'institution',
      'foster_home_kinship',
      'foster_home_kinship',
      'foster_home_other',
      'emergency_home',
      'supported_housing',
    ]);
    expect(categoriesOfType('foster_home_kinship')).toEqual(['2.1', '2.6']);
  });

  it('takes an emergency placement from the flag or the basis, so a voluntary placement can be one', () => {
    expect(isEmergencyPlacement('voluntary', true)).toBe(true);
    expect(isEmergencyPlacement('emergency')).toBe(true);
    expect(isEmergencyPlacement('care_order', false)).toBe(false);
  });
});

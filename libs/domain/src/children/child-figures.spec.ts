import { categoriesOfType, isEmergencyPlacement, placementType } from './child-figures';

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
    // the flag, when given, wins over the basis (as the case state says)
    expect(isEmergencyPlacement('emergency', false)).toBe(false);
  });
});

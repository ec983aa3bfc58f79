import { recordIdProblem } from './record-id';

describe('recordIdProblem: the id shape', () => {
  it.each([
    ['a UUID', '3f2504e0-4f89-41d3-9a0c-0305e82c3301'],
    ['a plain number', '91234567'],
    ['a 13-digit timestamp in an id', 'c-1733356800000'],
    ['a short code', 'n1'],
    ['a prefix and digits', 'c-3201-000123'],
    ['an id word', 'case-42'],
    ['a ULID', '01ARZ3NDEKTSV4RRFFQ69G5FAV'],
    ['long hex', 'deadbeefcafe0123456789ab'],
  ])('accepts %s', (_label, id) => {
    expect(recordIdProblem(id)).toBeUndefined();
  });

  it.each([
    ['a name and an address', 'Ola_Nordmann_Storgata_1'],
    ['a phone number with a prefix', 'tlf-91234567'],
    ['a name in lower case', 'kari-nordmann'],
    ['an identity number with separators', '010170-101-70'],
    ['an identity number in a UUID', '00000000-0000-4000-8000-001017010170'],
    ['a space', 'n 1'],
  ])('refuses %s', (_label, id) => {
    expect(recordIdProblem(id)).toEqual(expect.any(String));
  });

  it('does not quote the refused word back', () => {
    expect(recordIdProblem('Ola_Nordmann_Storgata_1')).not.toMatch(/Ola|Nordmann|Storgata/);
  });
});

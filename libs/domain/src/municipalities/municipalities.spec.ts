import { isValidOn, KNOWN_MUNICIPALITIES, municipality, municipalityLabel } from './municipalities';

describe('municipalities: kommunenummer to name', () => {
  it('names the 2024 numbers and the 2020–2023 numbers they replaced, with their validity', () => {
    expect(municipalityLabel('3201')).toBe('Bærum (3201)');
    expect(municipalityLabel('3802')).toBe('Holmestrand (3802, til 2023)');
    expect(municipality('3802')).toMatchObject({ successor: '3903', validTo: '2023-12-31' });
    expect(municipality('3903')).toMatchObject({ name: 'Holmestrand', validFrom: '2024-01-01', validTo: null });
  });

  it('knows every municipality of the seeds', () => {
    for (const n of ['3903', '1579', '3305', '3236', '3201', '3203', '5603', '3911']) expect(municipality(n)).toBeDefined();
  });

  it('shows an unknown number as itself', () => {
    expect(municipalityLabel('9999')).toBe('9999');
  });

  it('has every successor in the list, valid the day after its predecessor ended', () => {
    for (const m of KNOWN_MUNICIPALITIES) {
      if (m.successor === null) continue;
      const next = municipality(m.successor);
      expect({ number: m.number, successor: next?.name }).toEqual({ number: m.number, successor: expect.any(String) });
      const dayAfter = new Date(Date.parse(`${m.validTo}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect({ number: m.number, valid: isValidOn(next!, dayAfter) }).toEqual({ number: m.number, valid: true });
    }
  });
});

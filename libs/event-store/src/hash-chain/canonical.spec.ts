import fc from 'fast-check';
import { canonicalize } from './canonical';

describe('canonicalize', () => {
  it('sorts keys by UTF-16 code units at every depth and writes no whitespace', () => {
    expect(canonicalize({ b: [3, { z: 1, a: 'x' }], a: null, é: 1, Z: true })).toBe('{"Z":true,"a":null,"b":[3,{"a":"x","z":1}],"é":1}');
  });

  it('writes strings and numbers as JSON.stringify does (RFC 8785 for event values)', () => {
    expect(canonicalize({ s: 'æøå "q"\n\u0001🚸', n: [1.5, -0, 1e21, 0.1 + 0.2, 100] })).toBe(
      '{"n":[1.5,0,1e+21,0.30000000000000004,100],"s":"æøå \\"q\\"\\n\\u0001🚸"}',
    );
  });

  it('writes the same value for any JSON value, idempotently, with integer-like keys sorted as text', () => {
    expect(canonicalize({ '10': 1, '9': 2, '': 3 })).toBe('{"":3,"10":1,"9":2}');
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalize(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalize(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

import { hashSeed, Prng } from './random';

describe('Prng', () => {
  it('repeats its sequence for a seed and differs for another', () => {
    const draw = (seed: number) =>
      Array.from(
        { length: 5 },
        (() => {
          const r = new Prng(seed);
          return () => r.nextUint32();
        })(),
      );
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('draws uniformly enough in [0, 1)', () => {
    const r = new Prng(1);
    let sum = 0;
    for (let i = 0; i < 20_000; i += 1) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    expect(sum / 20_000).toBeCloseTo(0.5, 1);
  });

  it('makes version-4-shaped UUIDs', () => {
    const r = Prng.fromKey('ids');
    for (let i = 0; i < 100; i += 1) {
      expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('keeps Poisson and geometric means', () => {
    const r = new Prng(3);
    let p = 0;
    let g = 0;
    for (let i = 0; i < 20_000; i += 1) {
      p += r.poisson(1.4);
      g += r.geometric(0.73);
    }
    expect(p / 20_000).toBeCloseTo(1.4, 1);
    expect(g / 20_000).toBeCloseTo(0.73, 1);
  });

  it('hashes keys to distinct seeds', () => {
    expect(hashSeed('1:c-3201-000001')).not.toBe(hashSeed('1:c-3201-000002'));
  });
});

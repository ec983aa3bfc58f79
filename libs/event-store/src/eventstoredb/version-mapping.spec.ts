import { NO_STREAM } from '@eventstore/db-client';
import { revisionOfVersion, toExpectedRevision, toStreamVersion } from './version-mapping';

describe('version ⇔ revision mapping', () => {
  it.each<[number, typeof NO_STREAM | bigint]>([
    [0, NO_STREAM],
    [1, 0n],
    [2, 1n],
    [10, 9n],
    [Number.MAX_SAFE_INTEGER, BigInt(Number.MAX_SAFE_INTEGER) - 1n],
  ])('expected version %p appends at expected revision %p', (version, revision) => {
    expect(toExpectedRevision(version)).toBe(revision);
  });

  it.each<[typeof NO_STREAM | bigint, number]>([
    [NO_STREAM, 0],
    [-1n, 0],
    [0n, 1],
    [1n, 2],
    [9n, 10],
  ])('current revision %p is stream version %p', (revision, version) => {
    expect(toStreamVersion(revision)).toBe(version);
  });

  it('round-trips every version through the expected revision', () => {
    for (const version of [0, 1, 2, 3, 100, 65_536]) {
      const revision = toExpectedRevision(version);
      expect(toStreamVersion(revision)).toBe(version);
    }
  });

  it('reads version n from revision n - 1', () => {
    expect(revisionOfVersion(1)).toBe(0n);
    expect(revisionOfVersion(7)).toBe(6n);
    expect(() => revisionOfVersion(0)).toThrow(RangeError);
  });

  it('rejects what has no meaning', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) expect(() => toExpectedRevision(bad)).toThrow(RangeError);
    expect(() => toStreamVersion(-2n)).toThrow(RangeError);
    expect(() => toStreamVersion(BigInt(Number.MAX_SAFE_INTEGER))).toThrow(RangeError);
    expect(() => toStreamVersion('any')).toThrow(/non-numeric/);
  });
});

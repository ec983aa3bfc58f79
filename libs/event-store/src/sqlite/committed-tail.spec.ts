import { CommittedTail } from './committed-tail';
import type { AppendJob, WrittenRun } from './sqlite-appender';

function appended(streamId: string, firstPosition: number, count: number): [AppendJob, WrittenRun] {
  const batch = Array.from({ length: count }, (_, i) => ({
    eventId: `${streamId}-${firstPosition + i}`,
    type: 'DeadlineSet',
    data: JSON.stringify({ n: firstPosition + i }),
    metadata: '{}',
  }));
  const job: AppendJob = { streamId, batch, expectedVersion: 0, recordedBy: 'user:tail', recordedAt: '2024-03-01T09:00:00.000Z' };
  const hashes = batch.map((_, i) => `h${firstPosition + i}`);
  return [job, { kind: 'written', version: count, position: firstPosition + count - 1, hashes }];
}

describe('CommittedTail', () => {
  it('given appends at 1-3 and 6-7, serves each run and nothing across the gap another writer filled', () => {
    const tail = new CommittedTail();
    tail.add(...appended('a', 1, 3));
    tail.add(...appended('b', 6, 2));

    expect(tail.read(0, 100)?.map((e) => e.position)).toEqual([1, 2, 3]);
    expect(tail.read(1, 1)?.map((e) => e.position)).toEqual([2]);
    expect(tail.read(3, 100)).toBeUndefined();
    expect(tail.read(5, 100)?.map((e) => [e.position, e.streamId, e.data, e.hash])).toEqual([
      [6, 'b', { n: 6 }, 'h6'],
      [7, 'b', { n: 7 }, 'h7'],
    ]);
    expect(tail.read(7, 100)).toBeUndefined();
  });

  it('gives every read its own objects, as a read of the file would', () => {
    const tail = new CommittedTail();
    tail.add(...appended('a', 1, 1));
    const [first] = tail.read(0, 1) ?? [];
    (first.data as { n: number }).n = 99;
    expect(tail.read(0, 1)?.[0].data).toEqual({ n: 1 });
  });

  it('forgets the oldest positions beyond its capacity', () => {
    const tail = new CommittedTail(4);
    tail.add(...appended('a', 1, 3));
    tail.add(...appended('b', 4, 3));
    expect(tail.read(0, 100)).toBeUndefined();
    expect(tail.read(2, 100)?.map((e) => e.position)).toEqual([3, 4, 5, 6]);
  });
});

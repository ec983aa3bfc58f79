import { backoffDelay, retryUntilDone, sleep, StoppedError } from './backoff';

describe('backoffDelay', () => {
  const options = { initialMs: 100, maxMs: 1000 };

  it('doubles per failure up to the cap, half of it jittered', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, options, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, options, () => 1))).toEqual([100, 200, 400, 800, 1000]);
  });

  it('stays finite for absurd failure counts', () => {
    expect(backoffDelay(10_000, options, () => 0.5)).toBe(750);
  });
});

describe('retryUntilDone', () => {
  it('retries until the operation succeeds, reporting each failure', async () => {
    let calls = 0;
    const failures: number[] = [];
    const result = await retryUntilDone(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error(`fail ${calls}`);
        return 'done';
      },
      { backoff: { initialMs: 1, maxMs: 2 }, onFailure: (_e, n) => failures.push(n) },
    );
    expect(result).toBe('done');
    expect(failures).toEqual([1, 2]);
  });

  it('throws a permanent error at once', async () => {
    let calls = 0;
    const permanent = new Error('no');
    await expect(
      retryUntilDone(
        async () => {
          calls += 1;
          throw permanent;
        },
        { isPermanent: (e) => e === permanent },
      ),
    ).rejects.toBe(permanent);
    expect(calls).toBe(1);
  });

  it('gives up with StoppedError when the signal aborts during the wait', async () => {
    const controller = new AbortController();
    const running = retryUntilDone(
      async () => {
        throw new Error('down');
      },
      { signal: controller.signal, backoff: { initialMs: 60_000, maxMs: 60_000 }, onFailure: () => controller.abort() },
    );
    await expect(running).rejects.toBeInstanceOf(StoppedError);
  });
});

describe('sleep', () => {
  it('rejects at once on an aborted signal', async () => {
    await expect(sleep(10, AbortSignal.abort())).rejects.toBeInstanceOf(StoppedError);
  });
});

import fc from 'fast-check';
import { VersionConflictError } from '@fristvakt/event-store';
import { retryOnVersionConflict } from './retry-on-version-conflict';

describe('retryOnVersionConflict', () => {
  it('given n conflicts before a success, then it tries min(n + 1, max) times and settles as the last try did', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(6), fc.integer({ min: 1, max: 5 }), async (conflicts, maxAttempts) => {
        let tries = 0;
        const attempt = async () => {
          tries++;
          if (tries <= conflicts) throw new VersionConflictError('s', tries - 1, tries);
          return 'recorded';
        };
        const outcome = await retryOnVersionConflict(attempt, maxAttempts).catch((error: unknown) => error);
        expect(tries).toBe(Math.min(conflicts + 1, maxAttempts));
        if (conflicts < maxAttempts) expect(outcome).toBe('recorded');
        else expect(outcome).toMatchObject({ name: 'VersionConflictError', actualVersion: maxAttempts });
      }),
    );
  });

  it('given any other error, then it does not retry', async () => {
    let tries = 0;
    const refusal = new Error('store unavailable');
    await expect(
      retryOnVersionConflict(async () => {
        tries++;
        throw refusal;
      }, 3),
    ).rejects.toBe(refusal);
    expect(tries).toBe(1);
  });
});

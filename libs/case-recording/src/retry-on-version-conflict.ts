import { VersionConflictError } from '@fristvakt/event-store';

/**
 * Runs `attempt` until it settles with anything but a version conflict, at most `maxAttempts` times;
 * the last conflict is thrown. Each attempt must read what it decides on afresh: retrying a decision
 * made on the state that lost the race would lose it again.
 */
export async function retryOnVersionConflict<T>(attempt: () => Promise<T>, maxAttempts: number): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof VersionConflictError) || tries >= maxAttempts) throw error;
    }
  }
}

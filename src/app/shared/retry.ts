import { StorageConflictError } from '../../ports/errors.js';
import type { SessionDeps } from './deps.js';

/** Full jitter, capped at 200 ms: contending writers spread out instead of colliding again. */
export const defaultBackoff = (attempt: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** attempt)));

/**
 * Retries after an ETag conflict. Each round at least one of the contending writers wins, so
 * n clicks of one office on one row need at most n rounds; 30 covers a burst of repeated
 * clicks with room to spare before the user is asked to try again.
 */
export const MAX_ATTEMPTS = 30;

/**
 * Runs one read-decide-write attempt and repeats it after an ETag conflict, re-reading each
 * time. Only for use cases that set a value (safe to repeat); the last conflict is rethrown.
 */
export async function retryOnConflict<T>(
  deps: Pick<SessionDeps, 'backoff'>,
  attempt: () => Promise<T>,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (!(e instanceof StorageConflictError) || n >= MAX_ATTEMPTS) throw e;
      await (deps.backoff ?? defaultBackoff)(n);
    }
  }
}

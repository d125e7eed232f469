import type { Body } from '../domain/body.js';
import type { Clock } from '../ports/clock.js';
import { StorageConflictError } from '../ports/errors.js';
import type { GremienStore } from '../ports/gremien-store.js';
import type { NotificationPlanner } from '../ports/notification-planner.js';

/** What the session use cases need. `GremienStore` is backend-neutral (Table Storage or in memory). */
export type SessionDeps = {
  readonly store: GremienStore;
  readonly bodies: ReadonlyMap<string, Body>;
  readonly clock: Clock;
  readonly newId: () => string;
  /** Pause between conflict retries (injected so tests need not wait). */
  readonly backoff?: (attempt: number) => Promise<void>;
  /** Extra SPK people per body (configuration); none when absent. */
  readonly secretariatMembers?: (bodyId: string) => readonly string[];
  /** Plans what the bot sends on its own (reminders, agenda, Umlauf); absent in narrow unit tests. */
  readonly planner?: NotificationPlanner;
};

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

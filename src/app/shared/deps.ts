import type { Body } from '../../domain/body.js';
import type { BodyVersion } from '../../domain/body-versions.js';
import type { Clock } from '../../ports/clock.js';
import type { GremienStore } from '../../ports/gremien-store.js';
import type { NotificationPlanner } from '../../ports/notification-planner.js';

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
  /** Every stored version of a body's rules, oldest first (names of retired offices); none when absent. */
  readonly history?: (bodyId: string) => readonly BodyVersion[];
};

export type MembershipDeps = SessionDeps & {
  readonly secretariatMembers: (bodyId: string) => readonly string[];
};

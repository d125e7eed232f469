import { randomBytes, randomUUID } from 'node:crypto';
import { BodyRegistry } from './app/bodies/registry.js';
import { SchedulerRunner } from './app/notifications/runner.js';
import { Scheduler } from './app/notifications/scheduler.js';
import type { Config } from './config.js';
import type { Body } from './domain/body.js';
import { renderFile } from './files/documents.js';
import { type Clock, ShiftableClock } from './ports/clock.js';
import type { ConversationStore } from './ports/conversation-store.js';
import type { GremienStore } from './ports/gremien-store.js';
import type { GroupDrive } from './ports/group-drive.js';
import { logSafely } from './ports/log-safety.js';
import type { Logger } from './ports/logger.js';
import type { NotificationStore } from './ports/notifications.js';
import type { BotDeps } from './teams/handlers/deps.js';
import { TeamsMessenger } from './teams/messenger.js';
import { composeNotification } from './teams/notification-content.js';

/** The stores and the clock a bot runs on: Table Storage in production, in memory in fast tests. */
export type Adapters = {
  readonly store: GremienStore;
  readonly conversations: ConversationStore;
  readonly notifications: NotificationStore;
  /** The body files (templates and seed of the stored bodies, src/app/bodies/registry.ts). */
  readonly bodies: readonly Body[];
  /** Their file names, where they came from files (`bodies[i]` from `bodyFiles[i]`). */
  readonly bodyFiles?: readonly string[];
  readonly clock: Clock;
  readonly newId?: () => string;
  /** Where released protocols are filed (000 §6); none: nothing is filed. */
  readonly drive?: GroupDrive;
};

export type ComposedBot = {
  /** What the Teams layer and the HTTP server are given. */
  readonly deps: BotDeps;
  readonly scheduler: Scheduler;
  readonly runner: SchedulerRunner;
  readonly messenger: TeamsMessenger;
  /** Local development only: the clock the scheduler trigger may move forward. */
  readonly devClock?: ShiftableClock;
  /** The bodies from storage; `seed()` must have run before the bot serves. */
  readonly registry: BodyRegistry;
  /** Takes over the body files and reads the stored bodies (before serving). */
  seedBodies(): Promise<void>;
};

/**
 * Wires use cases, scheduler and Teams layer to a set of adapters; starts nothing and opens no
 * port. `bootstrap.ts` gives it Table Storage and serves it over HTTP; tests give it in-memory
 * stores and push activities through its routes in-process (test/support/in-process-bot.ts).
 */
export function composeBot(config: Config, rawLogger: Logger, adapters: Adapters): ComposedBot {
  // Every logging path (handlers, scheduler, the SDK) goes through one redaction.
  const logger = logSafely(rawLogger);
  // Local development lets the trigger move time forward; production time is the system's.
  const devClock = config.auth.mode === 'local-dev' ? new ShiftableClock(adapters.clock) : undefined;
  const clock = devClock ?? adapters.clock;
  const bodies = new BodyRegistry(adapters.store, clock, logger);
  const newId = adapters.newId ?? (() => randomUUID());
  const secretariatMembers = (bodyId: string) => [
    ...(config.secretariatMembers.get('*') ?? []),
    ...(config.secretariatMembers.get(bodyId) ?? []),
  ];
  const messenger = new TeamsMessenger(config.scheduler.sendTimeoutMs);
  const { store, conversations, notifications } = adapters;
  const scheduler = new Scheduler({
    store,
    bodies,
    clock,
    newId,
    notifications,
    conversations,
    messenger,
    logger,
    instanceId: config.scheduler.instanceId,
    secretariatMembers,
    history: (bodyId) => bodies.history(bodyId),
    ...(adapters.drive ? { drive: adapters.drive } : {}),
    refreshBodies: (full) => bodies.refresh(full),
    compose: composeNotification,
    renderFile,
  });
  const runner = new SchedulerRunner(scheduler, logger);
  // Download links need a key shared by all instances; local development makes one up.
  const filesSecret =
    config.filesSigningSecret ??
    (config.auth.mode === 'local-dev' ? randomBytes(32).toString('base64url') : undefined);
  const deps: BotDeps = {
    config,
    logger,
    clock,
    conversations,
    notifications,
    store,
    bodies,
    newId,
    planner: scheduler,
    secretariatMembers,
    registry: bodies,
    history: (bodyId) => bodies.history(bodyId),
    ...(adapters.drive ? { drive: adapters.drive } : {}),
    ...(filesSecret ? { files: { secret: filesSecret, baseUrl: config.publicBaseUrl ?? '' } } : {}),
  };
  const seedBodies = () =>
    bodies.seed(
      adapters.bodies.map((body, i) => ({ body, file: adapters.bodyFiles?.[i] ?? `${body.id}.yaml` })),
    );
  return {
    deps,
    scheduler,
    runner,
    messenger,
    registry: bodies,
    seedBodies,
    ...(devClock ? { devClock } : {}),
  };
}

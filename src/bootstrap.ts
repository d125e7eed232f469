import { randomBytes, randomUUID } from 'node:crypto';
import { SchedulerRunner } from './app/notifications/runner.js';
import { Scheduler } from './app/notifications/scheduler.js';
import { MOVE_RANGE_DAYS } from './app/sessions/session-queries.js';
import { loadBodies } from './body-files.js';
import type { Config } from './config.js';
import type { Body } from './domain/body.js';
import { addDays, localDateOf } from './domain/calendar.js';
import { type Clock, ShiftableClock, systemClock } from './ports/clock.js';
import type { GremienStore } from './ports/gremien-store.js';
import type { Logger } from './ports/logger.js';
import { CONVERSATIONS_TABLE, TableConversationStore } from './storage/conversation-table.js';
import { TableGremienStore } from './storage/gremien-store.js';
import { NOTIFICATIONS_TABLE, TableNotificationStore } from './storage/notification-store.js';
import { storageHealthProbe } from './storage/storage-health.js';
import { createTableClients, ensureTable } from './storage/table-client.js';
import { TablePartitionStore } from './storage/table-partition-store.js';
import { type RunningServer, startHttpServer } from './teams/http/server.js';
import { TeamsMessenger } from './teams/messenger.js';

/**
 * Composition root: builds the adapters for a configuration and starts the server.
 * Used by main.ts, the local run script and the HTTP tests alike.
 */
/** `clock` is injected by tests that need a fixed "now"; production uses the system clock. */
export async function startBot(
  config: Config,
  logger: Logger,
  options: { clock?: Clock } = {},
): Promise<RunningServer> {
  const clients = createTableClients(config.storage, {
    tablePrefix: config.tablePrefix,
    timeoutMs: config.storageTimeoutMs,
  });
  const bodies = loadBodies(config.bodiesDir);
  const conversationsTable = clients.table(CONVERSATIONS_TABLE);
  const gremienTable = clients.table('gremien');
  await ensureTable(conversationsTable, config.storageTimeoutMs);
  await ensureTable(gremienTable, config.storageTimeoutMs);
  const notificationsTable = clients.table(NOTIFICATIONS_TABLE);
  await ensureTable(notificationsTable, config.storageTimeoutMs);

  if (config.auth.mode === 'local-dev') {
    logger.warn(
      '!!! LOCAL DEVELOPMENT MODE: requests to /api/messages are NOT authenticated. Loopback only; never use this in production.',
      { host: config.host },
    );
  }
  const baseClock = options.clock ?? systemClock;
  // Local development lets the trigger move time forward; production time is the system's.
  const devClock = config.auth.mode === 'local-dev' ? new ShiftableClock(baseClock) : undefined;
  const clock = devClock ?? baseClock;
  const store = new TableGremienStore(new TablePartitionStore(gremienTable, config.storageTimeoutMs));
  const conversations = new TableConversationStore(conversationsTable, config.storageTimeoutMs);
  const notifications = new TableNotificationStore(
    new TablePartitionStore(notificationsTable, config.storageTimeoutMs),
  );
  const bodyMap = new Map(bodies.map((b) => [b.id, b]));
  const newId = () => randomUUID();
  const messenger = new TeamsMessenger(config.scheduler.sendTimeoutMs);
  const scheduler = new Scheduler({
    store,
    bodies: bodyMap,
    clock,
    newId,
    notifications,
    conversations,
    messenger,
    logger,
    instanceId: config.scheduler.instanceId,
    secretariatMembers: (bodyId) => [
      ...(config.secretariatMembers.get('*') ?? []),
      ...(config.secretariatMembers.get(bodyId) ?? []),
    ],
  });
  const runner = new SchedulerRunner(scheduler, logger);
  // Download links need a key shared by all instances; local development makes one up.
  const filesSecret =
    config.filesSigningSecret ??
    (config.auth.mode === 'local-dev' ? randomBytes(32).toString('base64url') : undefined);
  const server = await startHttpServer({
    config,
    logger,
    clock,
    conversations,
    store,
    bodies: bodyMap,
    newId,
    planner: scheduler,
    ...(filesSecret ? { files: { secret: filesSecret, baseUrl: config.publicBaseUrl ?? '' } } : {}),
    secretariatMembers: (bodyId) => [
      ...(config.secretariatMembers.get('*') ?? []),
      ...(config.secretariatMembers.get(bodyId) ?? []),
    ],
    health: [storageHealthProbe(conversationsTable, config.storageTimeoutMs), runner.health()],
    scheduling: { runner, messenger, notifications, ...(devClock ? { devClock } : {}) },
  });
  // Plans for sessions created before this instance ran (only future instants: nothing is sent twice).
  await ensurePlans(scheduler, store, bodyMap, clock).catch((e) =>
    logger.error('could not check notification plans', { error: e }),
  );
  runner.start(config.scheduler.intervalSeconds);
  logger.info('bot listening', {
    url: `${server.url}/api/messages`,
    auth: config.auth.mode,
    bodies: bodies.map((b) => b.id),
  });
  return {
    ...server,
    close: async () => {
      runner.stop();
      await server.close();
    },
  };
}

async function ensurePlans(
  scheduler: Scheduler,
  store: GremienStore,
  bodies: ReadonlyMap<string, Body>,
  clock: Clock,
): Promise<void> {
  const now = clock.now();
  for (const body of bodies.values()) {
    for (const { sessionId, session } of await store.sessionsFrom(
      body.id,
      addDays(localDateOf(now), -MOVE_RANGE_DAYS),
    )) {
      await scheduler.planSession(body, sessionId, session, now, false);
    }
  }
}

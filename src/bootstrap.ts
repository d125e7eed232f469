import { ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import { loadBodyFiles } from './body-files.js';
import { composeBot } from './compose.js';
import type { Config } from './config.js';
import { type Clock, systemClock } from './ports/clock.js';
import type { GroupDrive } from './ports/group-drive.js';
import { logSafely } from './ports/log-safety.js';
import type { Logger } from './ports/logger.js';
import { CONVERSATIONS_TABLE, TableConversationStore } from './storage/conversation-table.js';
import { DiskGroupDrive } from './storage/disk-drive.js';
import { GraphGroupDrive } from './storage/graph-drive.js';
import { TableGremienStore } from './storage/gremien-store.js';
import { NOTIFICATIONS_TABLE, TableNotificationStore } from './storage/notification-store.js';
import { storageHealthProbe } from './storage/storage-health.js';
import { createTableClients, ensureTable } from './storage/table-client.js';
import { TablePartitionStore } from './storage/table-partition-store.js';
import { GREMIEN_TABLE } from './storage/tables.js';
import { type RunningServer, startHttpServer } from './teams/http/server.js';

/**
 * Composition root: builds the Table Storage adapters for a configuration, composes the bot on
 * them (compose.ts) and serves it over HTTP. Used by main.ts, the local run script and the HTTP tests.
 */
/** `clock` is injected by tests that need a fixed "now"; production uses the system clock. */
export async function startBot(
  config: Config,
  rawLogger: Logger,
  options: {
    clock?: Clock;
    /** Sees every storage request (benchmarks count round trips with it). */
    observeStorage?: (request: { method: string; url: string }) => void;
  } = {},
): Promise<RunningServer> {
  const logger = logSafely(rawLogger);
  const clients = createTableClients(config.storage, {
    tablePrefix: config.tablePrefix,
    timeoutMs: config.storageTimeoutMs,
    ...(options.observeStorage ? { observe: options.observeStorage } : {}),
  });
  const bodyFiles = loadBodyFiles(config.bodiesDir);
  const conversationsTable = clients.table(CONVERSATIONS_TABLE);
  const gremienTable = clients.table(GREMIEN_TABLE);
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
  const notifications = new TableNotificationStore(
    new TablePartitionStore(notificationsTable, config.storageTimeoutMs),
  );
  const { deps, scheduler, runner, messenger, devClock, registry, seedBodies } = composeBot(config, logger, {
    store: new TableGremienStore(new TablePartitionStore(gremienTable, config.storageTimeoutMs)),
    conversations: new TableConversationStore(conversationsTable, config.storageTimeoutMs),
    notifications,
    bodies: bodyFiles.map((f) => f.body),
    bodyFiles: bodyFiles.map((f) => f.file),
    clock: options.clock ?? systemClock,
    ...groupDriveOf(config),
  });
  // The bodies come from storage; the files are taken over first (once per content).
  await seedBodies();
  const server = await startHttpServer({
    ...deps,
    health: [storageHealthProbe(conversationsTable, config.storageTimeoutMs), runner.health()],
    scheduling: { runner, messenger, notifications, ...(devClock ? { devClock } : {}) },
  });
  // Plans for sessions created before this instance ran (only future instants: nothing is sent twice).
  await scheduler.checkPlans().catch((e) => logger.error('could not check notification plans', { error: e }));
  runner.start(config.scheduler.intervalSeconds);
  logger.info('bot listening', {
    url: `${server.url}/api/messages`,
    auth: config.auth.mode,
    bodies: [...registry.keys()],
  });
  return {
    ...server,
    close: async () => {
      runner.stop();
      await server.close();
    },
  };
}

/** The group drive the configuration names: a folder, or the channel's files through Graph. */
function groupDriveOf(config: Config): { drive?: GroupDrive } {
  const drive = config.groupDrive;
  if (!drive) return {};
  if (drive.kind === 'disk') return { drive: new DiskGroupDrive(drive.dir) };
  // The bot's own identity: its managed identity, or its app registration's secret.
  const auth = config.auth;
  const credential =
    auth.mode === 'bot-framework' && auth.clientSecret
      ? new ClientSecretCredential(auth.tenantId, auth.clientId, auth.clientSecret)
      : new ManagedIdentityCredential(
          auth.mode === 'bot-framework' && auth.managedIdentityClientId
            ? { clientId: auth.managedIdentityClientId }
            : {},
        );
  return {
    drive: new GraphGroupDrive(async () => {
      const token = await credential.getToken('https://graph.microsoft.com/.default');
      if (!token) throw new Error('no Graph token');
      return token.token;
    }),
  };
}

import { randomUUID } from 'node:crypto';
import { loadBodies } from './body-files.js';
import type { Config } from './config.js';
import { type Clock, systemClock } from './ports/clock.js';
import type { Logger } from './ports/logger.js';
import { CONVERSATIONS_TABLE, TableConversationStore } from './storage/conversation-table.js';
import { GremienStore } from './storage/gremien-store.js';
import { storageHealthProbe } from './storage/storage-health.js';
import { createTableClients, ensureTable } from './storage/table-client.js';
import { TablePartitionStore } from './storage/table-partition-store.js';
import { type RunningServer, startHttpServer } from './teams/http-server.js';

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

  if (config.auth.mode === 'local-dev') {
    logger.warn(
      '!!! LOCAL DEVELOPMENT MODE: requests to /api/messages are NOT authenticated. Loopback only; never use this in production.',
      { host: config.host },
    );
  }
  const server = await startHttpServer({
    config,
    logger,
    clock: options.clock ?? systemClock,
    conversations: new TableConversationStore(conversationsTable, config.storageTimeoutMs),
    store: new GremienStore(new TablePartitionStore(gremienTable, config.storageTimeoutMs)),
    bodies: new Map(bodies.map((b) => [b.id, b])),
    newId: () => randomUUID(),
    secretariatMembers: (bodyId) => [
      ...(config.secretariatMembers.get('*') ?? []),
      ...(config.secretariatMembers.get(bodyId) ?? []),
    ],
    health: [storageHealthProbe(conversationsTable, config.storageTimeoutMs)],
  });
  logger.info('bot listening', {
    url: `${server.url}/api/messages`,
    auth: config.auth.mode,
    bodies: bodies.map((b) => b.id),
  });
  return server;
}

import type { Config } from './config.js';
import { systemClock } from './ports/clock.js';
import type { Logger } from './ports/logger.js';
import { CONVERSATIONS_TABLE, TableConversationStore } from './storage/conversation-table.js';
import { storageHealthProbe } from './storage/storage-health.js';
import { createTableClients, ensureTable } from './storage/table-client.js';
import { type RunningServer, startHttpServer } from './teams/http-server.js';

/**
 * Composition root: builds the adapters for a configuration and starts the server.
 * Used by main.ts, the local run script and the HTTP tests alike.
 */
export async function startBot(config: Config, logger: Logger): Promise<RunningServer> {
  const clients = createTableClients(config.storage, {
    tablePrefix: config.tablePrefix,
    timeoutMs: config.storageTimeoutMs,
  });
  const conversationsTable = clients.table(CONVERSATIONS_TABLE);
  await ensureTable(conversationsTable, config.storageTimeoutMs);

  if (config.auth.mode === 'local-dev') {
    logger.warn(
      '!!! LOCAL DEVELOPMENT MODE: requests to /api/messages are NOT authenticated. Loopback only; never use this in production.',
      { host: config.host },
    );
  }
  const server = await startHttpServer({
    config,
    logger,
    clock: systemClock,
    conversations: new TableConversationStore(conversationsTable, config.storageTimeoutMs),
    health: [storageHealthProbe(conversationsTable, config.storageTimeoutMs)],
  });
  logger.info('bot listening', { url: `${server.url}/api/messages`, auth: config.auth.mode });
  return server;
}

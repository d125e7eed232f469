import express from 'express';
import type { Scheduler } from '../../src/app/notifications/scheduler.js';
import { loadBodies, loadBodyFiles } from '../../src/body-files.js';
import { composeBot } from '../../src/compose.js';
import { loadConfig } from '../../src/load-config.js';
import { InMemoryConversationStore } from '../../src/ports/conversation-store.js';
import type { GremienStore } from '../../src/ports/gremien-store.js';
import { InMemoryPartitionStore } from '../../src/ports/in-memory-partition-store.js';
import { RecordingLogger } from '../../src/ports/logger.js';
import type { NotificationStore } from '../../src/ports/notifications.js';
import { TableGremienStore } from '../../src/storage/gremien-store.js';
import { TableNotificationStore } from '../../src/storage/notification-store.js';
import { createBot } from '../../src/teams/app.js';
import { TEST_NOW } from './bot.js';
import { devEnv } from './test-env.js';

/**
 * The real bot — middleware, command table, action table, handlers, use cases — composed on
 * in-memory stores, with activities pushed through the Teams SDK's own routing in-process (no
 * port, no Azurite), as bolt-js's FakeReceiver does. What the bot sends goes to the Bot
 * Connector client as in production; tests capture it with `captureConnector`. Authentication,
 * HTTP hardening and storage stay with the HTTP tests on Azurite.
 */
export type InProcessBot = {
  /** One inbound activity, as the SDK's HTTP route would hand it over: the invoke answer. */
  deliver(activity: unknown): Promise<{ status: number; body: unknown }>;
  readonly store: GremienStore;
  readonly scheduler: Scheduler;
  readonly notifications: NotificationStore;
  readonly logger: RecordingLogger;
  close(): Promise<void>;
};

export async function startInProcessBot(overrides: Record<string, string> = {}): Promise<InProcessBot> {
  const config = loadConfig(devEnv(overrides));
  const logger = new RecordingLogger();
  let tick = 0;
  const store = new TableGremienStore(new InMemoryPartitionStore(), 0);
  const notifications = new TableNotificationStore(new InMemoryPartitionStore());
  const composed = composeBot(config, logger, {
    store,
    conversations: new InMemoryConversationStore(),
    notifications,
    bodies: loadBodies(config.bodiesDir),
    bodyFiles: loadBodyFiles(config.bodiesDir).map((f) => f.file),
    // Starts at TEST_NOW and moves 1 ms per reading, so events keep their order.
    clock: { now: () => new Date(TEST_NOW.getTime() + ++tick) },
  });
  await composed.seedBodies();
  const app = createBot(composed.deps, express());
  await app.initialize();
  composed.messenger.bind(app);
  return {
    store,
    scheduler: composed.scheduler,
    notifications,
    logger,
    deliver: async (activity) => {
      const body = activity as { serviceUrl?: string };
      const res = await app.process({
        token: {
          appId: '',
          from: 'azure',
          fromId: '',
          serviceUrl: body.serviceUrl ?? '',
          isExpired: () => false,
        },
        body: activity as Parameters<typeof app.process>[0]['body'],
      });
      return { status: res.status ?? 200, body: res.body };
    },
    close: async () => {},
  };
}

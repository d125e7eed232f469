import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { Scheduler } from '../../../src/app/notifications/scheduler.js';
import { createSession } from '../../../src/app/sessions/create-session.js';
import { renderFile } from '../../../src/files/documents.js';
import { InMemoryConversationStore } from '../../../src/ports/conversation-store.js';
import { RecordingLogger } from '../../../src/ports/logger.js';
import type { Messenger } from '../../../src/ports/messenger.js';
import { TableGremienStore } from '../../../src/storage/gremien-store.js';
import { TableNotificationStore } from '../../../src/storage/notification-store.js';
import { ensureTable } from '../../../src/storage/table-client.js';
import { TablePartitionStore } from '../../../src/storage/table-partition-store.js';
import { composeNotification } from '../../../src/teams/notification-content.js';
import { makeBody } from '../../../test/support/bodies.js';
import { personalChat, teamsUserId } from '../../../test/support/real-ids.js';
import { audit } from '../../../test/support/session-seed.js';
import { RecordingPartitionStore } from './measure.js';

/**
 * 7. One notification (the agenda) to a large audience on Azurite: members with real-shaped ids
 * (GUIDs, `29:…` and `a:…` of about 90 characters), a Bot Connector that answers at once. The
 * figures: the pass's time, and its storage requests per recipient — the floor is two writes per
 * recipient (marked "sending" before the send, "sent" after it: what makes a send exactly once
 * when an instance stops), plus the expansion in batches of 99 and the archive.
 */
export async function audienceFigures(connectionString: string, people: number): Promise<string[]> {
  const tenant = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
  const channel = '19:4b7f2e0c9d8a4e6fb1c2d3e4f5a6b7c8@thread.tacv2';
  const spk = randomUUID();
  const client = TableClient.fromConnectionString(connectionString, `aud${randomUUID().slice(0, 8)}`, {
    allowInsecureConnection: true,
  });
  await ensureTable(client, 10_000);
  const partitions = new RecordingPartitionStore(new TablePartitionStore(client, 30_000));
  const body = makeBody({ voting: 26 });
  let now = new Date('2026-12-04T10:00:00Z');
  const store = new TableGremienStore(partitions);
  const notifications = new TableNotificationStore(partitions);
  const conversations = new InMemoryConversationStore();
  let sends = 0;
  const messenger: Messenger = {
    send: async () => {
      sends++;
      return { activityId: `m-${sends}` };
    },
  };
  const deps = {
    store,
    bodies: new Map([[body.id, body]]),
    clock: { now: () => now },
    newId: () => randomUUID(),
    secretariatMembers: () => [spk],
  };
  const scheduler = new Scheduler({
    compose: composeNotification,
    renderFile,
    ...deps,
    notifications,
    conversations,
    messenger,
    logger: new RecordingLogger(),
    instanceId: 'bench',
    sleep: async () => undefined,
  });
  await store.linkChannel(
    { bodyId: body.id, tenantId: tenant, channelId: channel, linkedBy: spk, linkedAt: now.toISOString() },
    audit('link', now),
  );
  await conversations.save({
    tenantId: tenant,
    conversationId: channel,
    kind: 'channel',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    botId: '28:bot',
    channelId: 'msteams',
    updatedAt: now.toISOString(),
  });
  const offices = body.offices.filter((o) => o.role === 'voting');
  for (let i = 0; i < people; i++) {
    const aad = randomUUID();
    await store.saveMember(
      body.id,
      aad,
      {
        officeId: offices[i % offices.length]?.id ?? '',
        status: 'approved',
        role: i < offices.length ? 'representative' : 'deputy',
        displayName: `Vorname Nachname ${i}`,
        since: now.toISOString(),
        teamsUserId: teamsUserId(i),
      },
      undefined,
      audit('seed', now),
    );
    await conversations.save(personalChat(tenant, i, aad, now));
  }
  await createSession(
    { ...deps, planner: scheduler },
    {
      bodyId: body.id,
      date: '2026-12-10',
      time: '10:00',
      place: 'Raum 1',
      actor: { aadObjectId: spk, displayName: 'SPK', principalNames: async () => [] },
      activityId: 'bench',
    },
  );
  now = new Date('2026-12-05T07:00:00Z');
  partitions.take();
  partitions.recording = true;
  const t = performance.now();
  const report = await scheduler.runPass(now);
  const ms = performance.now() - t;
  partitions.recording = false;
  const ops = partitions.take();
  const recipients = report.sent[0]?.recipients ?? 0;
  const commits = ops.filter((o) => o.kind === 'commit').length;
  const reads = ops.length - commits;
  await client.deleteTable().catch(() => undefined);
  return [
    `7. One agenda to ${people} members and the channel (Azurite, a Bot Connector that answers at once)`,
    `sent ${recipients} messages in ${ms.toFixed(0)} ms (${(ms / Math.max(1, recipients)).toFixed(1)} ms per recipient)`,
    `storage requests: ${ops.length} (${commits} transactions, ${reads} reads) = ${(ops.length / Math.max(1, recipients)).toFixed(2)} per recipient`,
    'floor: 2 transactions per recipient (marked "sending" before the send, "sent" after it); the',
    'expansion writes 99 recipients per transaction, the archive 100 rows per transaction.',
  ];
}

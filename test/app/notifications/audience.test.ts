import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../../src/app/notifications/scheduler.js';
import { createSession } from '../../../src/app/sessions/create-session.js';
import { renderFile } from '../../../src/files/documents.js';
import { InMemoryConversationStore } from '../../../src/ports/conversation-store.js';
import { InMemoryPartitionStore } from '../../../src/ports/in-memory-partition-store.js';
import { RecordingLogger } from '../../../src/ports/logger.js';
import type { Destination, Messenger, OutgoingMessage } from '../../../src/ports/messenger.js';
import type { PartitionStore } from '../../../src/ports/partition-store.js';
import { TableGremienStore } from '../../../src/storage/gremien-store.js';
import { TableNotificationStore } from '../../../src/storage/notification-store.js';
import { TablePartitionStore } from '../../../src/storage/table-partition-store.js';
import { composeNotification } from '../../../src/teams/notification-content.js';
import { makeBody } from '../../support/bodies.js';
import { personalChat, teamsUserId } from '../../support/real-ids.js';
import { audit } from '../../support/session-seed.js';
import { tableClient } from '../../support/stores.js';

/**
 * Any audience size: 500 members with Teams ids as Teams sends them (`29:1…` of ~90 characters,
 * `a:1…` personal chats, GUIDs) each get the agenda exactly once, on both stores — also when the
 * instance sending it stops half-way and another takes over.
 */
const TENANT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const CHANNEL = '19:4b7f2e0c9d8a4e6fb1c2d3e4f5a6b7c8@thread.tacv2';
const SPK = '0f8fad5b-d9cb-469f-a165-70867728950e';
const PEOPLE = Number(process.env.AUDIENCE ?? 500);

const guid = (i: number) => `${randomUUID().slice(0, 24)}${String(i).padStart(12, '0')}`;

class CountingMessenger implements Messenger {
  readonly sent = new Map<string, number>();
  async send(to: Destination, _message: OutgoingMessage) {
    this.sent.set(to.conversationId, (this.sent.get(to.conversationId) ?? 0) + 1);
    return { activityId: `x-${this.sent.size}` };
  }
}

/** An instance that stops after `n` sends: its next send never returns (nor does anything after it). */
function stoppingAfter(n: number, inner: Messenger): Messenger {
  let left = n;
  return {
    send: async (to, message) => {
      if (left-- <= 0) await new Promise(() => {});
      return inner.send(to, message);
    },
  };
}

const stores: [string, () => Promise<PartitionStore>][] = [
  ['in memory', async () => new InMemoryPartitionStore()],
  [
    'Azurite',
    async () => new TablePartitionStore(await tableClient(`aud${randomUUID().slice(0, 6)}`), 20_000),
  ],
];

describe.each(stores)(`an audience of ${PEOPLE} people (%s)`, (_name, makeStore) => {
  it(`the agenda reaches ${PEOPLE} members exactly once, also across a takeover`, async () => {
    const body = makeBody({ voting: 20 });
    // After the registration reminder's instant: only the agenda is planned.
    let now = new Date('2026-12-04T10:00:00Z');
    const partitions = await makeStore();
    const store = new TableGremienStore(partitions);
    const notifications = new TableNotificationStore(partitions);
    const conversations = new InMemoryConversationStore();
    const messenger = new CountingMessenger();
    const deps = {
      store,
      bodies: new Map([[body.id, body]]),
      clock: { now: () => now },
      newId: () => randomUUID(),
      secretariatMembers: () => [SPK],
    };
    const scheduler = (instanceId: string, via: Messenger = messenger) =>
      new Scheduler({
        compose: composeNotification,
        renderFile,
        ...deps,
        notifications,
        conversations,
        messenger: via,
        logger: new RecordingLogger(),
        instanceId,
        leaseMs: 60_000,
        sleep: async () => undefined,
      });
    await store.linkChannel(
      { bodyId: body.id, tenantId: TENANT, channelId: CHANNEL, linkedBy: SPK, linkedAt: now.toISOString() },
      { ...audit('link', now), actorAadObjectId: SPK },
    );
    await conversations.save({
      tenantId: TENANT,
      conversationId: CHANNEL,
      kind: 'channel',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      botId: '28:bot',
      channelId: 'msteams',
      updatedAt: now.toISOString(),
    });
    const offices = body.offices.filter((o) => o.role === 'voting');
    for (let i = 0; i < PEOPLE; i++) {
      const aad = guid(i);
      await store.saveMember(
        body.id,
        aad,
        {
          officeId: offices[i % offices.length]?.id ?? '',
          status: 'approved',
          role: i < offices.length ? 'representative' : 'deputy',
          displayName: `Vorname Nachname-Doppelname ${i}`,
          since: now.toISOString(),
          teamsUserId: teamsUserId(i),
        },
        undefined,
        audit('seed', now),
      );
      // Every tenth person never opened a personal chat: reached through the channel.
      if (i % 10 !== 0)
        await conversations.save(personalChat(TENANT, i, aad, now, i % 3 === 0 ? 'en-US' : 'de-DE'));
    }
    const created = await createSession(
      { ...deps, planner: scheduler('a') },
      {
        bodyId: body.id,
        date: '2026-12-10',
        time: '10:00',
        place: 'Raum 1',
        actor: { aadObjectId: SPK, displayName: 'SPK', principalNames: async () => [] },
        activityId: 'create',
      },
    );
    expect(created.kind).toBe('created');
    // The agenda is due; instance A stops after 200 sends.
    now = new Date('2026-12-05T07:00:00Z');
    const stopAt = Math.min(200, PEOPLE / 2);
    void scheduler('a', stoppingAfter(stopAt, messenger))
      .runPass(now)
      .catch(() => undefined);
    for (let i = 0; i < 3000 && messenger.sent.size < stopAt; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(messenger.sent.size).toBe(stopAt);
    // B takes over once A's lease has run out, and finishes.
    now = new Date('2026-12-05T07:05:00Z');
    // B's first claim may meet A's last write (A has not noticed it is stopped): then the next pass.
    const flagged: unknown[] = [];
    for (let pass = 0; pass < 3; pass++) {
      const r = await scheduler('b').runPass(now);
      flagged.push(...r.flagged);
      if (r.busy === 0) break;
      now = new Date(now.getTime() + 60_000);
    }
    const report = { flagged };
    const personal = [...messenger.sent.keys()].filter((k) => k.startsWith('a:'));
    // Everyone, but for at most the one A had marked as being sent when it stopped: that one is
    // flagged (it may have arrived) and never sent again. (Whether A got to mark it before B took
    // over is a matter of timing; either way nobody is reached twice.)
    expect(report.flagged.length).toBeLessThanOrEqual(1);
    expect(personal.length + report.flagged.length).toBe(PEOPLE - PEOPLE / 10);
    expect([...messenger.sent.values()].every((n) => n === 1)).toBe(true);
    expect(messenger.sent.get(CHANNEL)).toBe(1);
    // Nothing left, nothing twice.
    now = new Date('2026-12-05T08:00:00Z');
    const last = await scheduler('c').runPass(now);
    expect(last.sent).toHaveLength(0);
    expect(last.due).toBe(0);
    const [finished] = await notifications.finished(
      new Date('2026-12-05T00:00:00Z'),
      new Date('2026-12-05T23:00:00Z'),
    );
    expect(finished?.value.recipients.filter((r) => r.kind === 'personal')).toHaveLength(
      PEOPLE - PEOPLE / 10,
    );
  }, 120_000);
});

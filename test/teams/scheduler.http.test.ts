import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { GremienStore } from '../../src/ports/gremien-store.js';
import type { NotificationStore } from '../../src/ports/notifications.js';
import { TableGremienStore } from '../../src/storage/gremien-store.js';
import { notificationKeys, TableNotificationStore } from '../../src/storage/notification-store.js';
import { TablePartitionStore } from '../../src/storage/table-partition-store.js';
import { signTrigger } from '../../src/teams/http/trigger-auth.js';
import { captureConnector, runScheduler, startTestBot, type TestBot } from '../support/bot.js';
import { audit } from '../support/session-seed.js';
import { CHANNEL, click, invoke, PLANUNG, SERVICE_URL, SPK } from '../support/teams-actions.js';
import { TEST_TENANT, uniqueTablePrefix } from '../support/test-env.js';

/**
 * Several bot instances against one Azurite: every due notification is sent exactly once,
 * counted at the connector (nock). Time is moved with the local-development trigger.
 */
const prefix = uniqueTablePrefix();
let bots: TestBot[] = [];
let store: GremienStore;
let notifications: NotificationStore;

const table = (name: string) =>
  TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${name}`, {
    allowInsecureConnection: true,
  });

/** A planned session (its row) and its 7-day reminder row, without going through chat. */
async function seedReminder(date: string, time: string, dueAt: string) {
  const sessionId = `${date}-${time.replace(':', '')}`;
  await store.commitSession(
    PLANUNG,
    sessionId,
    [
      {
        kind: 'session',
        value: {
          date,
          startTime: time,
          durationMinutes: 120,
          place: '',
          status: 'planned',
          updatedAt: dueAt,
          sequence: 0,
        },
      },
    ],
    audit('seed', new Date(dueAt)),
  );
  await notifications.plan([
    {
      plannedAt: new Date(dueAt),
      row: {
        kind: 'registrationReminder',
        key: 'reminder-7',
        bodyId: PLANUNG,
        subjectId: sessionId,
        planFor: `${date}T${time}`,
        before: 7,
        dueAt,
        state: 'pending',
        createdAt: dueAt,
      },
    },
  ]);
  return { sessionId, rowKey: notificationKeys.row(PLANUNG, sessionId, 'reminder-7', new Date(dueAt)) };
}

beforeAll(async () => {
  const env = { TABLE_PREFIX: prefix, SECRETARIAT_MEMBERS: `*:${SPK.aadObjectId}` };
  bots = [
    await startTestBot({ ...env, INSTANCE_ID: 'instance-a' }),
    await startTestBot({ ...env, INSTANCE_ID: 'instance-b' }),
    await startTestBot({ ...env, INSTANCE_ID: 'instance-c' }),
  ];
  store = new TableGremienStore(new TablePartitionStore(table('gremien'), 5000));
  notifications = new TableNotificationStore(new TablePartitionStore(table('notifications'), 5000));
  // The channel is linked (and so known to the bot with its service URL).
  captureConnector(SERVICE_URL);
  expect(await invoke(bots[0] as TestBot, click(SPK, 'body.link', { bodyId: PLANUNG }))).toContain(
    'gehört jetzt',
  );
});
afterAll(async () => {
  for (const bot of bots) await bot.close();
});

describe('exactly once across three instances', () => {
  it('100 due notifications, three instances passing at once: one send each', async () => {
    const seeded: { sessionId: string; rowKey: string }[] = [];
    for (let i = 0; i < 100; i++) {
      const minutes = 8 * 60 + i * 5;
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      seeded.push(await seedReminder('2026-12-10', time, '2026-12-03T07:00:00.000Z'));
    }
    const { sent } = captureConnector(SERVICE_URL);
    const reports = await Promise.all(bots.map((bot) => runScheduler(bot, '2026-12-03T07:00:30Z')));
    expect(reports.map((r) => r.status)).toEqual([200, 200, 200]);
    const byInstance = reports.map((r) => (r.body.sent as unknown[]).length);
    expect(byInstance.reduce((a, b) => a + b, 0)).toBe(100);
    expect(sent.filter((s) => s.conversationId === CHANNEL)).toHaveLength(100);
    // Each session's reminder once: the card names its start time.
    const times = new Set(sent.map((s) => /10\. Dez\. 2026, (\d\d:\d\d)/.exec(JSON.stringify(s.body))?.[1]));
    expect(times.size).toBe(100);
    // All rows finished and moved out of the due partitions.
    const again = await Promise.all(bots.map((bot) => runScheduler(bot, '2026-12-03T07:05:00Z')));
    expect(again.map((r) => r.body.due)).toEqual([0, 0, 0]);
    expect(sent).toHaveLength(100);
    const done = await notifications.finished(
      new Date('2026-12-03T07:00:00Z'),
      new Date('2026-12-03T07:00:00Z'),
    );
    expect(done.filter((d) => seeded.some((s) => s.rowKey === d.rowKey))).toHaveLength(100);
    expect(
      done.every((d) => d.value.recipients.every((r) => r.state === 'sent' && r.activityId !== '')),
    ).toBe(true);
  }, 60_000);

  it('an instance that stopped after claiming: another sends once its lease has expired', async () => {
    const { rowKey } = await seedReminder('2026-12-11', '10:00', '2026-12-04T07:00:00.000Z');
    const [row] = (await notifications.dueUpTo(new Date('2026-12-04T07:00:00Z'))).filter(
      (r) => r.rowKey === rowKey,
    );
    if (!row) throw new Error('row not planned');
    // "instance-x" claimed it at 07:00 with a two-minute lease and was never heard of again.
    await notifications.update(row, {
      ...row.value,
      leaseOwner: 'instance-x',
      leaseUntil: '2026-12-04T07:02:00.000Z',
    });
    const { sent } = captureConnector(SERVICE_URL);
    const during = await runScheduler(bots[1] as TestBot, '2026-12-04T07:01:00Z');
    expect(during.body.busy).toBe(1);
    expect(sent).toHaveLength(0);
    const after = await runScheduler(bots[2] as TestBot, '2026-12-04T07:03:00Z');
    expect((after.body.sent as unknown[]).length).toBe(1);
    expect(sent).toHaveLength(1);
  });

  it('a connector answering 429 then 200 gives one message', async () => {
    await seedReminder('2026-12-14', '10:00', '2026-12-07T07:00:00.000Z');
    const throttled = nock(new URL(SERVICE_URL).origin)
      .post((uri) => uri.includes('/v3/conversations/'))
      .once()
      .reply(429, { error: { code: 'Throttled' } }, { 'Retry-After': '1' });
    const { sent } = captureConnector(SERVICE_URL);
    const report = await runScheduler(bots[0] as TestBot, '2026-12-07T07:00:10Z');
    expect(throttled.isDone()).toBe(true);
    expect((report.body.sent as unknown[]).length).toBe(1);
    expect(report.body.flagged).toEqual([]);
    expect(sent).toHaveLength(1);
  });

  it('a 503 with unknown outcome is flagged, not sent again', async () => {
    await seedReminder('2026-12-15', '10:00', '2026-12-08T07:00:00.000Z');
    const failing = nock(new URL(SERVICE_URL).origin)
      .post((uri) => uri.includes('/v3/conversations/'))
      .once()
      .reply(503, 'Service Unavailable');
    const { sent } = captureConnector(SERVICE_URL);
    const report = await runScheduler(bots[0] as TestBot, '2026-12-08T07:00:10Z');
    expect(failing.isDone()).toBe(true);
    expect(report.body.flagged).toMatchObject([{ recipient: 'channel', state: 'unknown' }]);
    await runScheduler(bots[1] as TestBot, '2026-12-08T08:00:00Z');
    await runScheduler(bots[2] as TestBot, '2026-12-08T09:00:00Z');
    expect(sent).toHaveLength(0);
  });
});

describe('restarts, clock skew and a connector that never answers', () => {
  it('an instance 90 s ahead sent a reminder; a restarted instance behind it plans and sends nothing again', async () => {
    const { rowKey } = await seedReminder('2026-12-17', '10:00', '2026-12-10T07:00:00.000Z');
    const { sent } = captureConnector(SERVICE_URL);
    // Instance A's clock is 90 s ahead of the others: it sends at what is 06:59:00 for them.
    const ahead = await runScheduler(bots[0] as TestBot, '2026-12-10T07:00:30Z');
    expect((ahead.body.sent as { id: string }[]).map((x) => x.id)).toContain(rowKey);
    expect(sent).toHaveLength(1);
    // Instance B restarts: at start-up it plans what it sees as still to come.
    await bots[1]?.close();
    const restarted = await startTestBot({
      TABLE_PREFIX: prefix,
      SECRETARIAT_MEMBERS: `*:${SPK.aadObjectId}`,
      INSTANCE_ID: 'instance-b',
    });
    bots[1] = restarted;
    expect(await notifications.dueUpTo(new Date('2026-12-10T07:59:00Z'))).not.toContainEqual(
      expect.objectContaining({ rowKey }),
    );
    const behind = await runScheduler(restarted, '2026-12-10T06:59:30Z');
    const later = await runScheduler(restarted, '2026-12-10T07:01:00Z');
    const ids = [...(behind.body.sent as { id: string }[]), ...(later.body.sent as { id: string }[])].map(
      (x) => x.id,
    );
    expect(ids).not.toContain(rowKey);
    const reminders = sent.filter((x) => JSON.stringify(x.body).includes('17. Dez. 2026'));
    expect(reminders).toHaveLength(1);
    // The record says what happened: one send, to the channel.
    const [done] = (
      await notifications.finished(new Date('2026-12-10T07:00:00Z'), new Date('2026-12-10T07:00:00Z'))
    ).filter((d) => d.rowKey === rowKey);
    expect(done?.value.recipients.filter((r) => r.state === 'sent')).toHaveLength(reminders.length);
  }, 60_000);

  it('a second row for a sent notification (planned by an old instance) is discarded by the pass, not sent', async () => {
    const { rowKey } = await seedReminder('2026-12-18', '10:00', '2026-12-11T07:00:00.000Z');
    const { sent } = captureConnector(SERVICE_URL);
    await runScheduler(bots[0] as TestBot, '2026-12-11T07:00:10Z');
    expect(sent).toHaveLength(1);
    // An instance that does not check the finished rows plans it again, blindly.
    await notifications.plan([
      {
        plannedAt: new Date('2026-12-11T07:00:00.000Z'),
        row: {
          kind: 'registrationReminder',
          key: 'reminder-7',
          bodyId: PLANUNG,
          subjectId: '2026-12-18-1000',
          planFor: '2026-12-18T10:00',
          before: 7,
          dueAt: '2026-12-11T07:00:00.000Z',
          state: 'pending',
          createdAt: '2026-12-11T07:00:00.000Z',
        },
      },
    ]);
    const report = await runScheduler(bots[2] as TestBot, '2026-12-11T07:02:00Z');
    expect(report.body.skipped).toContainEqual(
      expect.objectContaining({ id: rowKey, reason: 'already sent' }),
    );
    expect(sent).toHaveLength(1);
    expect(await notifications.dueUpTo(new Date('2026-12-11T08:00:00Z'))).not.toContainEqual(
      expect.objectContaining({ rowKey }),
    );
  });

  it('a connector that accepts and never answers: the send is abandoned, flagged unknown, not repeated; later passes run', async () => {
    const slow = await startTestBot({
      TABLE_PREFIX: prefix,
      SECRETARIAT_MEMBERS: `*:${SPK.aadObjectId}`,
      INSTANCE_ID: 'instance-slow',
      SEND_TIMEOUT_MS: '500',
    });
    try {
      const { rowKey } = await seedReminder('2026-12-21', '10:00', '2026-12-14T07:00:00.000Z');
      const hung = nock(new URL(SERVICE_URL).origin)
        .post((uri) => uri.includes('/v3/conversations/'))
        .once()
        .delay(60_000)
        .reply(201, { id: 'never' });
      const { sent } = captureConnector(SERVICE_URL);
      const started = Date.now();
      const report = await runScheduler(slow, '2026-12-14T07:00:10Z');
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(hung.isDone()).toBe(true);
      // The first send hangs (whichever notification it is): abandoned, flagged, never repeated.
      const flagged = report.body.flagged as {
        id: string;
        recipient: string;
        state: string;
        error: string;
      }[];
      expect(flagged).toHaveLength(1);
      expect(flagged[0]).toMatchObject({ recipient: 'channel', state: 'unknown' });
      expect(flagged[0]?.error).toContain('no answer within 500 ms');
      // The rest of the pass went on: the reminder due now was sent.
      expect((report.body.sent as { id: string }[]).map((x) => x.id)).toContain(rowKey);
      const before = sent.length;
      const next = await runScheduler(slow, '2026-12-14T08:00:00Z');
      expect(next.status).toBe(200);
      expect((next.body.sent as { id: string }[]).map((x) => x.id)).not.toContain(flagged[0]?.id);
      expect(sent.length).toBe(before);
      const health = await fetch(`${slow.url}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await slow.close();
    }
  }, 30_000);
});

describe('the trigger endpoint', () => {
  const SECRET = 'a-long-shared-secret-for-the-timer-0123456789';
  let prod: TestBot;
  beforeAll(async () => {
    prod = await startTestBot({
      LOCAL_DEV_MODE: 'false',
      CLIENT_ID: '0c1b2a39-8e7d-4c6b-9a5f-4e3d2c1b0a99',
      CLIENT_SECRET: 'test-secret',
      TENANT_ID: TEST_TENANT,
      SCHEDULER_TRIGGER_SECRET: SECRET,
    });
  });
  afterAll(async () => {
    await prod.close();
  });
  const signed = (body: string, at = new Date(), nonce = randomUUID()) => ({
    'x-gremienbot-signature': signTrigger(SECRET, body, at, nonce),
  });

  it('runs a pass for a signed request, once', async () => {
    const headers = signed('{}');
    const first = await runScheduler(prod, undefined, headers);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ due: expect.any(Number), sent: [] });
    const replay = await runScheduler(prod, undefined, headers);
    expect(replay.status).toBe(401);
  });

  it.each([
    ['no signature', {}],
    [
      'a forged signature',
      {
        'x-gremienbot-signature': signTrigger(
          'another-secret-of-enough-length-000000',
          '{}',
          new Date(),
          randomUUID(),
        ),
      },
    ],
    [
      'an old request',
      {
        'x-gremienbot-signature': signTrigger(SECRET, '{}', new Date(Date.now() - 10 * 60_000), randomUUID()),
      },
    ],
    ['garbage', { 'x-gremienbot-signature': 'hello' }],
  ])('refuses %s with 401', async (_name, headers) => {
    expect((await runScheduler(prod, undefined, headers as Record<string, string>)).status).toBe(401);
  });

  it('refuses a simulated "now" outside local development', async () => {
    const body = JSON.stringify({ now: '2027-01-01T00:00:00Z' });
    const res = await fetch(`${prod.url}/api/scheduler/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed(body) },
      body,
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('only in local development');
  });

  it('does not exist without a secret outside local development', async () => {
    const plain = await startTestBot({
      LOCAL_DEV_MODE: 'false',
      CLIENT_ID: '0c1b2a39-8e7d-4c6b-9a5f-4e3d2c1b0a99',
      CLIENT_SECRET: 'test-secret',
      TENANT_ID: TEST_TENANT,
    });
    try {
      expect((await runScheduler(plain)).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

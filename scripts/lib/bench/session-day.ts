import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { registerTopic } from '../../../src/app/agenda/register-topic.js';
import { linkChannel } from '../../../src/app/membership/link-channel.js';
import { Scheduler } from '../../../src/app/notifications/scheduler.js';
import { saveProtocol } from '../../../src/app/protocol/save-protocol.js';
import { checkIn } from '../../../src/app/session-run/check-in.js';
import { endSession } from '../../../src/app/session-run/end-session.js';
import { startSession } from '../../../src/app/session-run/start-session.js';
import { createSession } from '../../../src/app/sessions/create-session.js';
import type { MembershipDeps } from '../../../src/app/shared/deps.js';
import { sessionAgenda } from '../../../src/app/shared/session-agenda.js';
import { castBallot } from '../../../src/app/voting/cast-ballot.js';
import { closeVote } from '../../../src/app/voting/close-vote.js';
import { openVote } from '../../../src/app/voting/open-vote.js';
import type { Body } from '../../../src/domain/body.js';
import { renderFile } from '../../../src/files/documents.js';
import { RecordingLogger } from '../../../src/ports/logger.js';
import type { Messenger } from '../../../src/ports/messenger.js';
import { CONVERSATIONS_TABLE, TableConversationStore } from '../../../src/storage/conversation-table.js';
import { TableGremienStore } from '../../../src/storage/gremien-store.js';
import { NOTIFICATIONS_TABLE, TableNotificationStore } from '../../../src/storage/notification-store.js';
import { ensureTable } from '../../../src/storage/table-client.js';
import { TablePartitionStore } from '../../../src/storage/table-partition-store.js';
import { composeNotification } from '../../../src/teams/notification-content.js';
import { aadOf, personOf, seedMember } from '../../../test/support/session-seed.js';
import { RoundTrips } from './measure.js';

/** A clock the driver moves. */
export class DriverClock {
  constructor(public at: Date) {}
  now = () => new Date(this.at.getTime());
  set(iso: string) {
    this.at = new Date(iso);
  }
}

/** Use cases on Table Storage (Azurite) with every request counted: what a bench drives. */
export async function benchDeps(
  connectionString: string,
  prefix: string,
  bodies: Body[],
  clock: DriverClock,
) {
  const trips = new RoundTrips();
  const table = async (name: string) => {
    const client = TableClient.fromConnectionString(connectionString, `${prefix}${name}`, {
      allowInsecureConnection: true,
    });
    client.pipeline.addPolicy({
      name: 'count',
      sendRequest: (request, next) => {
        trips.observe();
        return next(request);
      },
    });
    await ensureTable(client, 10_000);
    return client;
  };
  const gremien = await table('gremien');
  const store = new TableGremienStore(new TablePartitionStore(gremien, 30_000));
  const conversations = new TableConversationStore(await table(CONVERSATIONS_TABLE), 30_000);
  const notifications = new TableNotificationStore(
    new TablePartitionStore(await table(NOTIFICATIONS_TABLE), 30_000),
  );
  // A Bot Connector that takes every message: sending costs no storage; recording who got it does.
  const messenger: Messenger = { send: async () => ({ activityId: randomUUID() }) };
  const base = {
    store,
    bodies: new Map(bodies.map((b) => [b.id, b])),
    clock,
    newId: () => randomUUID(),
    secretariatMembers: () => [aadOf('spk')],
  };
  const scheduler = new Scheduler({
    compose: composeNotification,
    renderFile,
    ...base,
    notifications,
    conversations,
    messenger,
    logger: new RecordingLogger(),
    instanceId: 'bench',
  });
  const deps: MembershipDeps = { ...base, planner: scheduler };
  return { deps, scheduler, trips, gremien, conversations, notifications };
}

/**
 * One whole session of a body of 11 voting offices and 2 commissioners, through the use cases:
 * the SPK creates it, 10 topics are registered, the reminders and the agenda go out, 13 offices
 * check in, 5 votes with 11 ballots each, the session ends and its protocol is released and sent.
 * Returns the storage round trips of each step.
 */
export async function sessionDay(connectionString: string, body: Body): Promise<[string, number][]> {
  const clock = new DriverClock(new Date('2026-11-02T09:00:00Z'));
  const { deps, scheduler, trips, conversations } = await benchDeps(connectionString, 'day', [body], clock);
  const spk = personOf('spk');
  const act = () => `a-${randomUUID()}`;
  const steps: [string, number][] = [];
  const step = async (name: string, f: () => Promise<unknown>) => {
    const { trips: n } = await trips.during(f);
    steps.push([name, n]);
  };
  const offices = body.offices.filter((o) => o.id !== body.secretariat);
  // Set-up, not counted: members, the channel, everyone's personal chat.
  await connectEveryone(deps, conversations, body, clock);
  let sessionId = '';
  await step('create the session (and plan its reminders)', async () => {
    const r = await createSession(deps, {
      bodyId: body.id,
      date: '2026-12-10',
      time: '10:00',
      place: 'Rathaus',
      actor: spk,
      activityId: act(),
    });
    if (r.kind !== 'created') throw new Error(`session: ${r.kind}`);
    sessionId = r.summary.sessionId;
  });
  await step('register 10 topics', async () => {
    for (let i = 0; i < 10; i++) {
      const r = await registerTopic(deps, {
        bodyId: body.id,
        sessionId,
        input: {
          title: `Thema ${i + 1}`,
          purpose: i < 5 ? 'decision' : 'information',
          description: 'Beschreibung',
          documents: 'https://intranet.berlin.de/vorlage.pdf',
          conflictsOfGoals: 'keine',
        },
        submitLate: false,
        actor: personOf(offices[i % offices.length]?.id ?? 'amt-1'),
        activityId: act(),
      });
      if (r.kind !== 'registered') throw new Error(`topic: ${JSON.stringify(r)}`);
    }
  });
  for (const [name, at] of [
    ['reminder 7 days before (pass)', '2026-12-03T07:00:30Z'],
    ['reminder 5 days before and agenda (pass)', '2026-12-05T07:00:30Z'],
  ] as const)
    await step(name, async () => {
      clock.set(at);
      await scheduler.runPass(clock.now());
    });
  clock.set('2026-12-10T08:55:00Z');
  await step('start the session', async () => {
    const r = await startSession(deps, { bodyId: body.id, sessionId, actor: spk, activityId: act() });
    if (r.kind === 'refused') throw new Error(`start: ${r.reason}`);
  });
  await step(`${body.offices.length} check-ins`, async () => {
    for (const o of body.offices)
      await checkIn(deps, { bodyId: body.id, sessionId, actorAadObjectId: aadOf(o.id), activityId: act() });
  });
  const voters = offices.filter((o) => o.role === 'voting');
  const snapshot = await deps.store.loadSession(body.id, sessionId);
  const decisions = snapshot ? sessionAgenda(snapshot).filter((i) => i.row.purpose === 'decision') : [];
  for (const [k, entry] of decisions.entries()) {
    await step(`vote ${k + 1}: open, ${voters.length} ballots, close`, async () => {
      const opened = await openVote(deps, {
        bodyId: body.id,
        sessionId,
        itemNumber: entry.number,
        actor: spk,
        activityId: act(),
      });
      if (opened.kind === 'refused') throw new Error(`open: ${opened.reason}`);
      for (const o of voters)
        await castBallot(deps, {
          bodyId: body.id,
          sessionId,
          voteId: opened.view.voteId,
          actorAadObjectId: aadOf(o.id),
          choice: 'yes',
          activityId: act(),
        });
      await closeVote(deps, { bodyId: body.id, sessionId, actor: spk, activityId: act() });
    });
  }
  clock.set('2026-12-10T10:50:00Z');
  await step('end the session (draft protocol)', async () => {
    const r = await endSession(deps, { bodyId: body.id, sessionId, actor: spk, activityId: act() });
    if (r.kind !== 'ended') throw new Error(`end: ${r.kind}`);
  });
  await step('release the protocol', async () => {
    const r = await saveProtocol(deps, {
      bodyId: body.id,
      sessionId,
      actor: spk,
      activityId: act(),
      input: { notes: {}, remarks: '' },
      release: true,
    });
    if (r.kind !== 'released') throw new Error(`release: ${r.kind}`);
  });
  await step('send the protocol (pass)', async () => {
    await scheduler.runPass(clock.now());
  });
  return steps;
}

/**
 * Set-up, not counted: every office's person an approved member, the body's channel linked, and
 * a personal chat with each of them.
 */
export async function connectEveryone(
  deps: MembershipDeps,
  conversations: TableConversationStore,
  body: Body,
  clock: DriverClock,
): Promise<void> {
  for (const o of body.offices)
    await seedMember(
      deps.store,
      body.id,
      { aadObjectId: aadOf(o.id), officeId: o.id, name: o.name, teamsUserId: `29:${o.id}` },
      clock.now(),
    );
  const spk = personOf('spk');
  const act = () => `a-${randomUUID()}`;
  const tenantId = 'tenant';
  await linkChannel(deps, {
    tenantId,
    channelId: '19:day@thread.tacv2',
    bodyId: body.id,
    actor: spk,
    activityId: act(),
  });
  const reference = {
    tenantId,
    serviceUrl: 'http://127.0.0.1/',
    botId: '28:bot',
    channelId: 'msteams',
    locale: 'de-DE',
    updatedAt: clock.now().toISOString(),
  };
  await conversations.save({ ...reference, conversationId: '19:day@thread.tacv2', kind: 'channel' });
  for (const o of body.offices)
    await conversations.save({
      ...reference,
      conversationId: `a:${o.id}`,
      kind: 'personal',
      userAadObjectId: aadOf(o.id),
    });
}

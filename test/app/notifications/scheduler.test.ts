import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { Scheduler } from '../../../src/app/notifications/scheduler.js';
import { changeSession } from '../../../src/app/sessions/change-session.js';
import { createSession } from '../../../src/app/sessions/create-session.js';
import { castUmlaufBallot } from '../../../src/app/umlauf/cast-umlauf-ballot.js';
import { openUmlauf } from '../../../src/app/umlauf/open-umlauf.js';
import type { Body } from '../../../src/domain/body.js';
import { renderFile } from '../../../src/files/documents.js';
import { InMemoryConversationStore } from '../../../src/ports/conversation-store.js';
import type { GremienStore } from '../../../src/ports/gremien-store.js';
import { InMemoryPartitionStore } from '../../../src/ports/in-memory-partition-store.js';
import { RecordingLogger } from '../../../src/ports/logger.js';
import {
  type Destination,
  type Messenger,
  type OutgoingMessage,
  SendFailure,
} from '../../../src/ports/messenger.js';
import type { NotificationStore } from '../../../src/ports/notifications.js';
import type { PartitionStore } from '../../../src/ports/partition-store.js';
import { TableGremienStore } from '../../../src/storage/gremien-store.js';
import { TableNotificationStore } from '../../../src/storage/notification-store.js';
import { composeNotification } from '../../../src/teams/notification-content.js';
import { makeBody } from '../../support/bodies.js';
import { cardText } from '../../support/bot.js';
import { seedMember } from '../../support/session-seed.js';

/**
 * The scheduler on the in-memory twin with a clock the test moves: every notification fires
 * at its instant in Europe/Berlin (also across both daylight-saving changes), once.
 */
const TENANT = 'tenant-1';
const CHANNEL = '19:channel@thread.tacv2';
const SPK_AAD = 'aad-spk';
const spk = { aadObjectId: SPK_AAD, displayName: 'SPK', principalNames: async () => [] };

class FakeMessenger implements Messenger {
  sent: { to: Destination; message: OutgoingMessage; text: string }[] = [];
  failures: SendFailure[] = [];
  async send(to: Destination, message: OutgoingMessage) {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push({ to, message, text: cardText(message.card) });
    return { activityId: `a-${this.sent.length}` };
  }
}

let body: Body;
let now: Date;
let messenger: FakeMessenger;
let store: GremienStore;
let notifications: NotificationStore;
let conversations: InMemoryConversationStore;
let scheduler: Scheduler;
const deps = () => ({
  store,
  bodies: new Map([[body.id, body]]),
  clock: { now: () => now },
  newId: () => randomUUID(),
  backoff: async () => undefined,
  secretariatMembers: () => [SPK_AAD],
  planner: scheduler,
});

async function member(office: string, personalChat: boolean) {
  await seedMember(
    store,
    body.id,
    { aadObjectId: `aad-${office}`, officeId: office, name: `Person ${office}`, teamsUserId: `29:${office}` },
    now,
  );
  if (personalChat) {
    await conversations.save({
      tenantId: TENANT,
      conversationId: `a:${office}`,
      kind: 'personal',
      serviceUrl: 'https://smba.example/',
      botId: '28:bot',
      channelId: 'msteams',
      userAadObjectId: `aad-${office}`,
      locale: office === 'amt-2' ? 'en-US' : 'de-DE',
      updatedAt: now.toISOString(),
    });
  }
}

beforeEach(async () => {
  body = makeBody({ voting: 4, commissioners: 1 });
  now = new Date('2026-11-22T10:00:00Z');
  messenger = new FakeMessenger();
  store = new TableGremienStore(new InMemoryPartitionStore());
  notifications = new TableNotificationStore(new InMemoryPartitionStore());
  conversations = new InMemoryConversationStore();
  scheduler = new Scheduler({
    compose: composeNotification,
    renderFile,
    ...deps(),
    notifications,
    conversations,
    messenger,
    logger: new RecordingLogger(),
    instanceId: 'test',
    sleep: async () => undefined,
  });
  await store.linkChannel(
    { bodyId: body.id, tenantId: TENANT, channelId: CHANNEL, linkedBy: SPK_AAD, linkedAt: now.toISOString() },
    {
      id: randomUUID(),
      at: now,
      actorAadObjectId: SPK_AAD,
      actorOfficeId: 'spk',
      action: 'link',
      target: '',
      before: '',
      after: '',
      activityId: '',
    },
  );
  await conversations.save({
    tenantId: TENANT,
    conversationId: CHANNEL,
    kind: 'channel',
    serviceUrl: 'https://smba.example/',
    botId: '28:bot',
    channelId: 'msteams',
    updatedAt: now.toISOString(),
  });
  await member('amt-1', true);
  await member('amt-2', true);
  await member('amt-3', false); // never opened a personal chat: reached through the channel
});

async function create(date: string, time = '10:00') {
  const result = await createSession(deps(), {
    bodyId: body.id,
    date,
    time,
    place: 'Raum 1',
    actor: spk,
    activityId: `create-${date}`,
  });
  expect(result.kind).toBe('created');
}

/** A new instance on the same stores (a restart, with `body` and `notifications` as they are now). */
function restart(instanceId: string) {
  scheduler = new Scheduler({
    compose: composeNotification,
    renderFile,
    ...deps(),
    notifications,
    conversations,
    messenger,
    logger: new RecordingLogger(),
    instanceId,
    sleep: async () => undefined,
  });
}

/** Runs a pass at `at` and returns what it sent. */
async function passAt(at: string) {
  now = new Date(at);
  const before = messenger.sent.length;
  const report = await scheduler.runPass();
  return { report, sent: messenger.sent.slice(before) };
}

describe('scheduled notifications fire at their local instant, exactly once', () => {
  it('for three sessions, including across both daylight-saving changes', async () => {
    await create('2026-12-10'); // winter time
    await create('2027-04-02'); // reminder before, agenda after the change to summer time (28 March)
    await create('2027-11-05'); // reminder before, agenda after the change to winter time (31 October)
    const expected = [
      ['2026-12-03T07:00:00Z', 'Anmeldeschluss heute, 23:59'], // Thu 3 Dec, 08:00 CET
      ['2026-12-05T07:00:00Z', 'Einladung und Tagesordnung'], // Sat 5 Dec, 08:00 CET
      ['2027-03-26T07:00:00Z', 'Anmeldeschluss heute, 23:59'], // Fri 26 Mar, 08:00 CET
      ['2027-03-28T06:00:00Z', 'Einladung und Tagesordnung'], // Sun 28 Mar, 08:00 CEST
      ['2027-10-29T06:00:00Z', 'Anmeldeschluss heute, 23:59'], // Fri 29 Oct, 08:00 CEST
      ['2027-10-31T07:00:00Z', 'Einladung und Tagesordnung'], // Sun 31 Oct, 08:00 CET
    ] as const;
    for (const [instant, text] of expected) {
      const oneMinuteBefore = new Date(new Date(instant).getTime() - 60_000).toISOString();
      expect((await passAt(oneMinuteBefore)).sent, `nothing before ${instant}`).toHaveLength(0);
      const { sent, report } = await passAt(instant);
      // Channel + the two members with a personal chat; the third is @mentioned in the channel.
      expect(sent.map((s) => s.to.conversationId).sort(), instant).toEqual(
        [CHANNEL, 'a:amt-1', 'a:amt-2'].sort(),
      );
      expect(
        sent.every(
          (s) =>
            s.text.includes(text) ||
            s.text.includes('Invitation and agenda') ||
            s.text.includes('Registration closes today'),
        ),
      ).toBe(true);
      expect(report.sent[0]?.late).toBe(false);
      const channelPost = sent.find((s) => s.to.conversationId === CHANNEL);
      expect(channelPost?.message.mentions).toEqual([{ teamsUserId: '29:amt-3', name: 'Person amt-3' }]);
      // The list of people without a personal chat is not posted into the channel.
      expect(channelPost?.text).not.toContain('Person amt-3');
      // English for the member whose client is English.
      expect(sent.find((s) => s.to.conversationId === 'a:amt-2')?.message.card.lang).toBe('en');
      expect((await passAt(new Date(new Date(instant).getTime() + 60_000).toISOString())).sent).toHaveLength(
        0,
      );
    }
  });

  it('a moved session gets new instants; a cancelled one gets none', async () => {
    await create('2026-12-10');
    await create('2027-01-14');
    const moved = await changeSession(deps(), {
      kind: 'move',
      bodyId: body.id,
      date: '2026-12-10',
      toDate: '2026-12-17',
      toTime: '14:00',
      actor: spk,
      activityId: 'move-1',
    });
    expect(moved.kind).toBe('moved');
    const cancelled = await changeSession(deps(), {
      kind: 'cancel',
      bodyId: body.id,
      date: '2027-01-14',
      actor: spk,
      activityId: 'cancel-1',
    });
    expect(cancelled.kind).toBe('cancelled');
    // Members are told at once: channel and personal chats, for the move and for the cancellation.
    const told = await passAt('2026-11-22T10:01:00Z');
    expect(told.sent.filter((s) => s.to.conversationId === CHANNEL).map((s) => s.text)).toEqual([
      expect.stringContaining(
        'Die Sitzung vom Do, 10. Dez. 2026, 10:00 findet am Do, 17. Dez. 2026, 14:00 statt.',
      ),
      expect.stringContaining('Die Sitzung am Do, 14. Jan. 2027, 10:00 findet nicht statt.'),
    ]);
    expect(told.sent.filter((s) => s.to.conversationId === 'a:amt-1')).toHaveLength(2);
    expect(told.sent.find((s) => s.to.conversationId === 'a:amt-2')?.text).toContain('Session moved');
    expect((await passAt('2026-11-22T10:02:00Z')).sent).toHaveLength(0); // once
    expect((await passAt('2026-12-03T07:00:00Z')).sent).toHaveLength(0); // the old date's reminder
    expect((await passAt('2026-12-05T07:00:00Z')).sent).toHaveLength(0); // and agenda
    const reminder = await passAt('2026-12-10T07:00:00Z');
    expect(reminder.sent).toHaveLength(3);
    expect(reminder.sent[0]?.text).toContain('17. Dez. 2026, 14:00');
    expect((await passAt('2026-12-12T07:00:00Z')).sent).toHaveLength(3);
    expect((await passAt('2027-01-07T07:00:00Z')).sent).toHaveLength(0);
    expect((await passAt('2027-01-09T07:00:00Z')).sent).toHaveLength(0);
  });

  it('a session moved away and back gets its reminders on the old date again (withdrawn rows are planned anew)', async () => {
    await create('2026-12-10');
    const move = (date: string, toDate: string, n: number) =>
      changeSession(deps(), {
        kind: 'move',
        bodyId: body.id,
        date,
        toDate,
        toTime: '',
        actor: spk,
        activityId: `move-${n}`,
      });
    expect((await move('2026-12-10', '2026-12-17', 1)).kind).toBe('moved');
    expect((await move('2026-12-17', '2026-12-10', 2)).kind).toBe('moved');
    // Both moves are told at once (channel and the two personal chats).
    expect((await passAt('2026-11-22T10:01:00Z')).sent).toHaveLength(6);
    const reminder = await passAt('2026-12-03T07:00:00Z');
    expect(reminder.sent).toHaveLength(3);
    expect(reminder.sent[0]?.text).toContain('10. Dez. 2026');
    expect((await passAt('2026-12-05T07:00:00Z')).sent).toHaveLength(3);
    // Nothing for the 17th, and nothing twice.
    expect((await passAt('2026-12-10T07:00:00Z')).sent).toHaveLength(0);
    expect((await passAt('2026-12-12T07:00:00Z')).sent).toHaveLength(0);
  });

  it('changed reminder settings re-plan at the next start-up: the new time only, never both', async () => {
    await create('2026-12-10');
    // A restart with the body's reminder time moved from 08:00 to 09:00.
    body = { ...body, deadlines: { ...body.deadlines, reminderTime: '09:00', agendaDispatchTime: '09:00' } };
    restart('restarted');
    await scheduler.checkPlans(now);
    expect((await passAt('2026-12-03T07:00:00Z')).sent).toHaveLength(0); // 08:00: the old time
    expect((await passAt('2026-12-03T08:00:00Z')).sent).toHaveLength(3); // 09:00
    expect((await passAt('2026-12-05T07:00:00Z')).sent).toHaveLength(0);
    expect((await passAt('2026-12-05T08:00:00Z')).sent).toHaveLength(3);
    // A second check changes nothing.
    await scheduler.checkPlans(now);
    expect((await passAt('2026-12-09T08:00:00Z')).sent).toHaveLength(0);
  });

  it('a planning that fails after a stored move: the answer says moved, and the plan check makes it good', async () => {
    await create('2026-12-10');
    const failing = notifications;
    let fail = true;
    notifications = new Proxy(failing, {
      get(target, prop, receiver) {
        if (fail && (prop === 'pendingRows' || prop === 'plan' || prop === 'planUnlessFinished'))
          return async () => {
            throw new Error('storage down');
          };
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    restart('flaky');
    const moved = await changeSession(deps(), {
      kind: 'move',
      bodyId: body.id,
      date: '2026-12-10',
      toDate: '2026-12-17',
      toTime: '',
      actor: spk,
      activityId: 'move-flaky',
    });
    expect(moved.kind).toBe('moved');
    fail = false;
    await scheduler.checkPlans(now);
    expect((await passAt('2026-12-03T07:00:00Z')).sent).toHaveLength(0);
    const reminder = await passAt('2026-12-10T07:00:00Z');
    expect(reminder.sent).toHaveLength(3);
    expect(reminder.sent[0]?.text).toContain('17. Dez. 2026');
  });

  it('an Umlauf whose planning fails is still opened (never a second one); the plan check posts its card', async () => {
    const working = notifications;
    let fail = true;
    notifications = new Proxy(working, {
      get(target, prop, receiver) {
        if (fail && (prop === 'plan' || prop === 'planUnlessFinished'))
          return async () => {
            throw new Error('storage down');
          };
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    restart('flaky');
    const open = () =>
      openUmlauf(
        { ...deps(), planner: scheduler },
        {
          bodyId: body.id,
          actor: spk,
          title: 'Eilsache',
          text: 'Bitte zustimmen.',
          documents: '',
          deadlineDate: '',
          deadlineTime: '',
          activityId: 'umlauf-flaky',
        },
      );
    const first = await open();
    expect(first.kind).toBe('opened');
    // The same click delivered again is the same Umlauf.
    expect((await open()).kind).toBe('exists');
    fail = false;
    await scheduler.checkPlans(now);
    const { sent } = await passAt(new Date(now.getTime() + 1000).toISOString());
    expect(sent.filter((s) => s.to.conversationId === CHANNEL)).toHaveLength(1);
    expect(sent[0]?.text).toContain('Eilsache');
  });

  it('sends late, marked as late, what fell due while no instance ran; not after the session began', async () => {
    await create('2026-12-10');
    const late = await passAt('2026-12-05T12:00:00Z'); // both the reminder and the agenda are due
    expect(late.sent).toHaveLength(6);
    expect(late.report.sent.every((s) => s.late)).toBe(true);
    expect(late.sent[0]?.text).toContain('Verspätet zugestellt');
    await create('2026-12-17');
    const afterStart = await passAt('2026-12-17T12:00:00Z');
    expect(afterStart.sent).toHaveLength(0);
    expect(afterStart.report.skipped.map((s) => s.reason)).toEqual([
      'session has begun',
      'session has begun',
    ]);
  });

  it('a session created after its agenda instant sends the agenda at once, and no stale reminder', async () => {
    now = new Date('2026-12-07T10:00:00Z');
    await create('2026-12-10');
    const { sent } = await passAt('2026-12-07T10:00:01Z');
    expect(sent).toHaveLength(3);
    expect(sent[0]?.text).toContain('Einladung und Tagesordnung');
  });
});

describe('failures', () => {
  it('a 429 is retried after its Retry-After and sends one message', async () => {
    await create('2026-12-10');
    messenger.failures.push(new SendFailure('retry', 429, 'Too Many Requests', 1000));
    const { sent, report } = await passAt('2026-12-03T07:00:00Z');
    expect(sent).toHaveLength(3);
    expect(report.flagged).toEqual([]);
  });

  it('an unknown outcome is flagged and never sent again', async () => {
    await create('2026-12-10');
    messenger.failures.push(new SendFailure('unknown', 503, 'Service Unavailable'));
    const first = await passAt('2026-12-03T07:00:00Z');
    expect(first.report.flagged).toMatchObject([{ recipient: 'channel', state: 'unknown' }]);
    expect(first.sent).toHaveLength(2); // the personal chats
    expect((await passAt('2026-12-03T08:00:00Z')).sent).toHaveLength(0);
  });

  it('a long wait is left to a later pass, which sends only what is missing', async () => {
    await create('2026-12-10');
    messenger.failures.push(new SendFailure('retry', 503, 'busy', 120_000));
    const first = await passAt('2026-12-03T07:00:00Z');
    expect(first.sent).toHaveLength(0);
    expect(first.report.deferred).toHaveLength(1);
    expect((await passAt('2026-12-03T07:01:00Z')).sent).toHaveLength(0); // not before Retry-After
    expect((await passAt('2026-12-03T07:02:30Z')).sent).toHaveLength(3);
  });
});

describe('scan cost', () => {
  it('storage operations per pass are the same with 10 and with 5,000 past sessions', async () => {
    const counting = new CountingStore();
    notifications = new TableNotificationStore(counting);
    scheduler = new Scheduler({
      compose: composeNotification,
      renderFile,
      ...deps(),
      notifications,
      conversations,
      messenger,
      logger: new RecordingLogger(),
      instanceId: 'test',
    });
    const plant = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const day = new Date(Date.UTC(2010, 0, 1) + i * 86_400_000);
        await notifications.plan([
          {
            plannedAt: day,
            row: {
              kind: 'agenda',
              key: 'agenda',
              bodyId: body.id,
              subjectId: `s-${i}`,
              before: 5,
              dueAt: day.toISOString(),
              state: 'pending',
              createdAt: day.toISOString(),
            },
          },
        ]);
        const [row] = await notifications.dueUpTo(day);
        if (row)
          await notifications.archive(await notifications.update(row, { ...row.value, state: 'done' }));
      }
    };
    const measure = async () => {
      counting.reset();
      now = new Date('2026-11-30T10:00:00Z');
      const report = await scheduler.runPass();
      return { ops: counting.ops, rows: counting.rowsRead, due: report.due };
    };
    await plant(10);
    const small = await measure();
    await plant(4990);
    const large = await measure();
    expect(large).toEqual(small);
    expect(small).toEqual({ ops: 1, rows: 0, due: 0 });
  });
});

describe('Umlaufverfahren through the scheduler', () => {
  it('card to channel and voters, a reminder only to offices that have not voted, result at the deadline', async () => {
    const opened = await openUmlauf(
      { ...deps(), planner: scheduler },
      {
        bodyId: body.id,
        actor: spk,
        title: 'Stellungnahme Schulneubau',
        text: 'Die AG unterstützt den Standort.',
        documents: '',
        deadlineDate: '2026-11-25',
        deadlineTime: '12:00',
        activityId: 'umlauf-1',
      },
    );
    expect(opened.kind).toBe('opened');
    if (opened.kind !== 'opened') return;
    const id = opened.view.umlaufId;
    const card = await passAt('2026-11-22T10:00:01Z');
    expect(card.sent.map((s) => s.to.conversationId).sort()).toEqual([CHANNEL, 'a:amt-1', 'a:amt-2'].sort());
    expect(card.sent[0]?.text).toContain('Umlaufverfahren: Stellungnahme Schulneubau');
    now = new Date('2026-11-22T12:00:00Z');
    const ballot = await castUmlaufBallot(
      { ...deps(), planner: scheduler },
      {
        bodyId: body.id,
        umlaufId: id,
        actorAadObjectId: 'aad-amt-1',
        choice: 'yes',
        argument: 'dringend',
        activityId: 'b1',
      },
    );
    expect(ballot.kind).toBe('recorded');
    // 48 h before 25 Nov 12:00 CET (11:00Z): only amt-2 (personal) and amt-3 (channel, @mention) have not voted.
    const reminder = await passAt('2026-11-23T11:00:00Z');
    expect(reminder.sent.map((s) => s.to.conversationId).sort()).toEqual([CHANNEL, 'a:amt-2'].sort());
    expect(reminder.sent.find((s) => s.to.conversationId === CHANNEL)?.message.mentions).toEqual([
      { teamsUserId: '29:amt-3', name: 'Person amt-3' },
    ]);
    // After the deadline, before any pass has closed it: refused all the same, nothing written.
    now = new Date('2026-11-25T11:00:00Z');
    const late = await castUmlaufBallot(
      { ...deps(), planner: scheduler },
      {
        bodyId: body.id,
        umlaufId: id,
        actorAadObjectId: 'aad-amt-2',
        choice: 'yes',
        argument: '',
        activityId: 'b-late',
      },
    );
    expect(late).toEqual({ kind: 'refused', reason: 'deadlinePassed' });
    const atDeadline = await passAt('2026-11-25T11:00:00Z');
    expect(atDeadline.sent).toHaveLength(1);
    expect(atDeadline.sent[0]?.text).toContain('Nicht zustande gekommen'); // 1 of 4 took part, 2 needed
    expect((await passAt('2026-11-25T12:00:00Z')).sent).toHaveLength(0);
  });
});

/** Counts the storage operations callers make (and rows read), for the scan-cost test. */
class CountingStore implements PartitionStore {
  private readonly inner = new InMemoryPartitionStore();
  ops = 0;
  rowsRead = 0;
  reset() {
    this.ops = 0;
    this.rowsRead = 0;
  }
  async readAcross(...args: Parameters<PartitionStore['readAcross']>) {
    this.ops++;
    const rows = await this.inner.readAcross(...args);
    this.rowsRead += rows.length;
    return rows;
  }
  async readPartition(...args: Parameters<PartitionStore['readPartition']>) {
    this.ops++;
    const rows = await this.inner.readPartition(...args);
    this.rowsRead += rows.length;
    return rows;
  }
  async readRow(...args: Parameters<PartitionStore['readRow']>) {
    this.ops++;
    return this.inner.readRow(...args);
  }
  async commit(...args: Parameters<PartitionStore['commit']>) {
    this.ops++;
    return this.inner.commit(...args);
  }
}

describe('an Umlauf closed early by an instance that stopped before planning its result', () => {
  it('gets its result posted at the deadline, once', async () => {
    const opened = await openUmlauf(
      { ...deps(), planner: scheduler },
      {
        bodyId: body.id,
        actor: spk,
        title: 'Eilsache',
        text: 'Text',
        documents: '',
        deadlineDate: '2026-11-25',
        deadlineTime: '12:00',
        activityId: 'umlauf-gap',
      },
    );
    if (opened.kind !== 'opened') throw new Error(opened.kind);
    await passAt('2026-11-22T10:00:01Z');
    // The objection settles it; the result is never planned (the instance stopped).
    const forgetful = Object.assign(Object.create(scheduler) as Scheduler, {
      planUmlaufResult: async () => undefined,
    });
    now = new Date('2026-11-22T12:00:00Z');
    const objected = await castUmlaufBallot(
      { ...deps(), planner: forgetful },
      {
        bodyId: body.id,
        umlaufId: opened.view.umlaufId,
        actorAadObjectId: 'aad-amt-1',
        choice: 'object',
        argument: '',
        activityId: 'o1',
      },
    );
    expect(objected.kind).toBe('recordedAndClosed');
    expect((await passAt('2026-11-22T12:01:00Z')).sent).toHaveLength(0);
    const atDeadline = await passAt('2026-11-25T11:00:00Z');
    const afterwards = await passAt('2026-11-25T11:01:00Z');
    const results = [...atDeadline.sent, ...afterwards.sent].filter((s) =>
      s.text.includes('Ergebnis des Umlaufverfahrens'),
    );
    expect(results).toHaveLength(1);
    expect(results[0]?.text).toContain('Widerspruch gegen das Verfahren');
    expect((await passAt('2026-11-26T11:00:00Z')).sent).toHaveLength(0);
  });
});

describe('quiet notifications', () => {
  it('who could not be reached personally goes to the SPK once, in a note of its own', async () => {
    await conversations.save({
      tenantId: TENANT,
      conversationId: 'a:spk',
      kind: 'personal',
      serviceUrl: 'https://smba.example/',
      botId: '28:bot',
      channelId: 'msteams',
      userAadObjectId: SPK_AAD,
      locale: 'de-DE',
      updatedAt: now.toISOString(),
    });
    await create('2026-12-10');
    const { sent } = await passAt('2026-12-03T07:00:00Z');
    const notes = sent.filter((s) => s.to.conversationId === 'a:spk');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.text).toContain('Erinnerung an die Themenanmeldung');
    expect(notes[0]?.text).toContain('Person amt-3');
    expect(sent.filter((s) => s.text.includes('Person amt-3'))).toHaveLength(1);
  });
});

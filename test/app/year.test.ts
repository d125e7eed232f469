import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TableClient } from '@azure/data-tables';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { registerTopic } from '../../src/app/agenda/register-topic.js';
import { archiveYear } from '../../src/app/archive/archive-year.js';
import {
  addFollowUp,
  completeFollowUp,
  followUpsOnAgenda,
  listFollowUps,
} from '../../src/app/follow-ups/follow-ups.js';
import { setMeetingSeries } from '../../src/app/meetings/meeting-series.js';
import { changeMembership } from '../../src/app/membership/change-membership.js';
import { decideMembership } from '../../src/app/membership/decide-membership.js';
import { requestMembership } from '../../src/app/membership/request-membership.js';
import { Scheduler } from '../../src/app/notifications/scheduler.js';
import { personalData } from '../../src/app/privacy/personal-data.js';
import { protocolDraft } from '../../src/app/protocol/protocol-draft.js';
import { saveProtocol } from '../../src/app/protocol/save-protocol.js';
import { startCorrection } from '../../src/app/protocol/start-correction.js';
import { listDecisions } from '../../src/app/register/list-decisions.js';
import { voteRef } from '../../src/app/register/record-decision.js';
import { checkIn } from '../../src/app/session-run/check-in.js';
import { endSession } from '../../src/app/session-run/end-session.js';
import { startSession } from '../../src/app/session-run/start-session.js';
import { currentSession } from '../../src/app/session-run/todays-session.js';
import { changeSession } from '../../src/app/sessions/change-session.js';
import { createSession } from '../../src/app/sessions/create-session.js';
import { proposeSessions } from '../../src/app/sessions/session-queries.js';
import type { MembershipDeps } from '../../src/app/shared/deps.js';
import { castUmlaufBallot } from '../../src/app/umlauf/cast-umlauf-ballot.js';
import { openUmlauf } from '../../src/app/umlauf/open-umlauf.js';
import { castBallot } from '../../src/app/voting/cast-ballot.js';
import { annulVote, closeVote } from '../../src/app/voting/close-vote.js';
import { openVote } from '../../src/app/voting/open-vote.js';
import { voteView } from '../../src/app/voting/vote-view.js';
import type { Body } from '../../src/domain/body.js';
import { instantAt, localDateOf, localTimeOf, type PlainDate } from '../../src/domain/calendar.js';
import { renderFile } from '../../src/files/documents.js';
import { renderArchive } from '../../src/files/xdomea.js';
import { backupTables, restoreTables } from '../../src/ops/backup.js';
import { InMemoryConversationStore } from '../../src/ports/conversation-store.js';
import { DriveError, type GroupDrive } from '../../src/ports/group-drive.js';
import { InMemoryPartitionStore } from '../../src/ports/in-memory-partition-store.js';
import { RecordingLogger } from '../../src/ports/logger.js';
import type { Destination, Messenger, OutgoingMessage } from '../../src/ports/messenger.js';
import type { PartitionStore } from '../../src/ports/partition-store.js';
import { DiskGroupDrive } from '../../src/storage/disk-drive.js';
import { TableGremienStore } from '../../src/storage/gremien-store.js';
import { TableNotificationStore } from '../../src/storage/notification-store.js';
import { TablePartitionStore } from '../../src/storage/table-partition-store.js';
import { composeNotification } from '../../src/teams/notification-content.js';
import { makeBody } from '../support/bodies.js';
import { cardText } from '../support/bot.js';
import { docxParagraphs } from '../support/docx.js';
import { audit } from '../support/session-seed.js';
import { tableClient } from '../support/stores.js';
import { validateXdomea } from '../support/xdomea.js';

/**
 * One working group through a year of its monthly cadence, driven by the clock (no sleeps): the
 * scheduler runs at every instant something is due. Sessions are created from the plan; one is
 * postponed and moved back, one cancelled, one ended the next morning, one has a vote annulled;
 * people join, change office and leave; the rules are amended (3/4 majority) and the reminder
 * time changed between restarts; both daylight-saving changes fall in it. After every step the
 * invariants hold: nothing sent twice, nothing for the cancelled session, every ended session has
 * its protocol, every announced result unchanged, the audit trail complete.
 */
const TENANT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const CHANNEL = '19:6a1b2c3d4e5f40718293a4b5c6d7e8f9@thread.tacv2';
const SPK = 'a3c2f1e0-9b8a-4d7c-8e6f-5a4b3c2d1e0f';
const SPK_CHAT = `a:1${SPK.replace(/-/g, '')}${'s'.repeat(52)}`;
const spk = { aadObjectId: SPK, displayName: 'Sabine Petersen (SPK)', principalNames: async () => [] };
const aad = (office: string) => `5a1d0c6e-0000-4a00-8000-${office.replace(/\D/g, '').padStart(12, '0')}`;
const person = (office: string) => ({
  aadObjectId: aad(office),
  displayName: `Vertretung ${office}`,
  teamsUserId: `29:1${aad(office).replace(/-/g, '')}${'x'.repeat(50)}`,
  principalNames: async () => [],
});

class ClockMessenger implements Messenger {
  readonly sent: { conversationId: string; at: Date; lang: string; text: string; links: string[] }[] = [];
  constructor(private readonly now: () => Date) {}
  async send(to: Destination, message: OutgoingMessage) {
    this.sent.push({
      conversationId: to.conversationId,
      at: this.now(),
      lang: message.card.lang ?? '',
      text: cardText(message.card),
      links: linksOf(message),
    });
    return { activityId: `m-${this.sent.length}` };
  }
  /** A redraw replaces what the post shows (its links included). */
  async update(_to: Destination, activityId: string, message: OutgoingMessage) {
    const post = this.sent[Number(activityId.slice(2)) - 1];
    if (post) {
      post.text = cardText(message.card);
      post.links = linksOf(message);
    }
  }
}

/** An answer without the storage's etags (a restored row has a new one). */
function withoutEtags(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEtags);
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== 'etag')
      .map(([k, v]) => [k, withoutEtags(v)]),
  );
}

const linksOf = (m: OutgoingMessage) =>
  ((m.card as { actions?: { type: string; url?: string }[] }).actions ?? []).flatMap((a) =>
    a.type === 'Action.OpenUrl' && a.url ? [a.url] : [],
  );

/** Each store, and on Azurite the table it keeps (the backup's restore is checked there). */
const stores: [string, () => Promise<{ partitions: PartitionStore; table?: TableClient }>][] = [
  ['in memory', async () => ({ partitions: new InMemoryPartitionStore() })],
  [
    'Azurite',
    async () => {
      const table = await tableClient(`year${randomUUID().slice(0, 6)}`);
      return { partitions: new TablePartitionStore(table, 20_000), table };
    },
  ],
];

describe.each(stores)('a working group’s year (%s)', (_name, makeStore) => {
  it('twelve months of sessions, people and rule changes: every invariant holds after every step', async () => {
    const { partitions, table } = await makeStore();
    const store = new TableGremienStore(partitions);
    const notifications = new TableNotificationStore(partitions);
    const conversations = new InMemoryConversationStore();
    let now = new Date('2027-01-04T08:00:00Z');
    let tick = 0;
    const clock = { now: () => new Date(now.getTime() + (tick++ % 1000)) };
    const messenger = new ClockMessenger(() => now);
    // The group drive: a folder, throttled once (429 with Retry-After) to show the retry: the
    // first protocol's post goes out before it is filed, and gets its link once it is.
    const driveRoot = mkdtempSync(path.join(tmpdir(), 'drive-'));
    const disk = new DiskGroupDrive(driveRoot);
    let throttleOnce = true;
    const drive: GroupDrive = {
      kind: 'disk',
      file: async (...args) => {
        if (throttleOnce && args[2].includes('Ergebnisprotokoll')) {
          throttleOnce = false;
          throw new DriveError('retry', 'throttled', 60_000, 429);
        }
        // February's team site has not granted the app access.
        if (args[2].startsWith('2027-02-11') && args[2].includes('Ergebnisprotokoll'))
          throw new DriveError('permission', 'Graph 403: the app needs write access', undefined, 403);
        const filed = await disk.file(...args);
        // As Graph answers: with the document's web address.
        return {
          ...filed,
          webUrl: `https://contoso.sharepoint.com/sites/test-ag/${encodeURIComponent(filed.path)}`,
        };
      },
    };
    let body: Body = makeBody({ voting: 6, commissioners: 1 });
    let deps!: MembershipDeps & { planner: Scheduler };

    /** A (re)start: the bot with the body as configured now, its plans checked. */
    async function start(next: Body) {
      body = next;
      const base = {
        store,
        bodies: new Map([[body.id, body]]),
        clock,
        newId: () => randomUUID(),
        backoff: async () => undefined,
        secretariatMembers: () => [SPK],
      };
      const scheduler = new Scheduler({
        compose: composeNotification,
        renderFile,
        ...base,
        notifications,
        conversations,
        messenger,
        drive,
        logger: new RecordingLogger(),
        instanceId: `i-${randomUUID().slice(0, 4)}`,
        sleep: async () => undefined,
      });
      deps = { ...base, planner: scheduler };
      await scheduler.checkPlans(now);
    }

    /** Runs the scheduler at every instant something is due, up to `until`. */
    async function runUntil(until: string) {
      const end = new Date(until);
      for (let guard = 0; guard < 500; guard++) {
        const next = (await notifications.pendingRows())
          .map((r) => new Date(r.value.notBefore || r.value.dueAt))
          .filter((d) => d.getTime() > now.getTime() - 1 && d.getTime() <= end.getTime())
          .sort((a, b) => a.getTime() - b.getTime())[0];
        if (!next) break;
        now = new Date(Math.max(next.getTime(), now.getTime()));
        await deps.planner.runPass(now);
        now = new Date(now.getTime() + 1000);
        await invariants();
      }
      now = new Date(Math.max(end.getTime(), now.getTime()));
    }

    const announced = new Map<string, { sessionId: string; outcome: string }>();
    const held: string[] = [];
    const cancelled: string[] = [];
    const expectedAudit: Record<string, number> = {};
    const did = (action: string) => {
      expectedAudit[action] = (expectedAudit[action] ?? 0) + 1;
    };

    /** Follow-ups set so far (rows are never doubled, whatever restarts and moves happen). */
    let followUpsSet = 0;
    const lastVoteOf = (sessionId: string) =>
      [...announced]
        .filter(([, a]) => a.sessionId === sessionId)
        .map(([v]) => v)
        .at(-1) ?? '';
    /** The SPK sets a follow-up of a session's decision for an office, due by the next session. */
    async function followUp(sessionId: string, officeId: string, what: string): Promise<string> {
      const r = await addFollowUp(deps, {
        body,
        actor: spk,
        ref: voteRef(sessionId, lastVoteOf(sessionId)),
        what,
        officeId,
        due: 'next',
        activityId: `fu-${what}`,
      });
      if (r.kind !== 'added') throw new Error(r.kind);
      did('followUp.added');
      followUpsSet += 1;
      return r.view.id;
    }
    /** The follow-ups on a session's agenda, as its agenda card lists them. */
    async function onAgenda(sessionId: string): Promise<string[]> {
      const s = (await store.loadSession(body.id, sessionId))?.session.value;
      if (!s) throw new Error(sessionId);
      return (await followUpsOnAgenda(deps, body, { sessionId, date: s.date, status: s.status })).map(
        (v) => `${v.row.what}${v.row.status === 'done' ? ' (erledigt)' : ''}`,
      );
    }

    async function invariants() {
      expect(await store.followUps(body.id)).toHaveLength(followUpsSet);
      // Every session keeps the Teams meeting it was created with, whatever the body's link became.
      for (const s of await store.sessionsFrom(body.id, '2027-01-01'))
        expect(s.session.joinUrl, s.sessionId).toBe(SERIES_LINK);
      // Nothing sent twice: per session (or Umlauf), notification key and recipient.
      const finished = await notifications.finished(new Date(0), new Date('2029-01-01'));
      const seen = new Map<string, number>();
      for (const n of finished)
        for (const r of n.value.recipients)
          if (r.state === 'sent') {
            const k = `${n.value.subjectId}|${n.value.key}|${r.id}`;
            seen.set(k, (seen.get(k) ?? 0) + 1);
          }
      expect([...seen.entries()].filter(([, c]) => c > 1)).toEqual([]);
      // Nothing about a cancelled session after its cancellation but the notice of it.
      for (const id of cancelled)
        expect(
          finished.filter(
            (n) => n.value.subjectId === id && n.value.kind !== 'sessionChanged' && n.value.state === 'done',
          ),
        ).toEqual([]);
      // Every ended session has its protocol; every announced result is what was announced.
      for (const id of held) {
        expect((await store.loadProtocol(body.id, id)).versions.length, id).toBeGreaterThan(0);
      }
      for (const [voteId, a] of announced) {
        const snapshot = await store.loadSession(body.id, a.sessionId);
        if (!snapshot) throw new Error(a.sessionId);
        expect(voteView(body, snapshot, voteId)?.outcome.kind, voteId).toBe(a.outcome);
      }
    }

    async function holdSession(
      sessionId: string,
      opts: { yes: number; annul?: boolean; endNextMorning?: boolean },
    ) {
      const snapshot = await store.loadSession(body.id, sessionId);
      if (!snapshot) throw new Error(sessionId);
      const date = snapshot.session.value.date as PlainDate;
      await runUntil(instantAt(date, '07:00').toISOString());
      now = instantAt(date, '09:55');
      const act = (n: string) => ({
        bodyId: body.id,
        sessionId,
        actor: spk,
        activityId: `${sessionId}-${n}`,
      });
      expect((await startSession(deps, act('start'))).kind).toBe('started');
      did('session.started');
      // amt-3 until they leave in June (refused after), amt-6 once it joined in June.
      const present = ['amt-1', 'amt-2', 'amt-3', 'amt-4', 'amt-5', 'amt-6'];
      for (const o of present) {
        const r = await checkIn(deps, {
          bodyId: body.id,
          sessionId,
          actorAadObjectId: aad(o),
          activityId: `${sessionId}-${o}`,
        });
        if (r.kind !== 'refused') did('attendance.checkedIn');
      }
      const vote = async (voteId: string) => {
        const members = (await store.members(body.id)).filter((m) => m.value.status === 'approved');
        let yes = 0;
        for (const m of members) {
          if (!present.includes(m.value.officeId)) continue;
          const r = await castBallot(deps, {
            bodyId: body.id,
            sessionId,
            voteId,
            actorAadObjectId: m.aadObjectId,
            choice: yes++ < opts.yes ? 'yes' : 'no',
            activityId: `${voteId}-${m.aadObjectId}`,
          });
          if (r.kind === 'recorded') did('ballot.cast');
        }
      };
      const opened = await openVote(deps, { ...act('open'), itemNumber: 1 });
      if (opened.kind !== 'opened') throw new Error(`${sessionId}: ${opened.kind}`);
      did('vote.opened');
      await vote(opened.view.voteId);
      let voteId = opened.view.voteId;
      if (opts.annul) {
        expect((await annulVote(deps, act('annul'))).kind).toBe('annulled');
        did('vote.annulled');
        const again = await openVote(deps, { ...act('reopen'), itemNumber: 1 });
        if (again.kind !== 'opened') throw new Error(again.kind);
        did('vote.opened');
        voteId = again.view.voteId;
        await vote(voteId);
      }
      if (opts.endNextMorning) {
        // Nobody ends it: the next morning it is still the current session, overdue.
        now = new Date(now.getTime() + 22 * 3_600_000);
        const current = await currentSession(deps, body);
        expect(current).toMatchObject({ overdue: true, snapshot: { sessionId } });
      } else now = new Date(now.getTime() + 2 * 3_600_000);
      const closed = await closeVote(deps, act('close'));
      if (closed.kind !== 'closed') throw new Error(closed.kind);
      did('vote.closed');
      announced.set(voteId, { sessionId, outcome: closed.view.outcome.kind });
      expect((await endSession(deps, act('end'))).kind).toBe('ended');
      did('session.ended');
      const released = await saveProtocol(deps, {
        ...act('release'),
        input: { notes: {}, remarks: '' },
        release: true,
      });
      expect(released.kind).toBe('released');
      did('protocol.released');
      held.push(sessionId);
      await invariants();
    }

    // January: the channel and five members (one office joins in June).
    await start(body);
    await store.linkChannel(
      { bodyId: body.id, tenantId: TENANT, channelId: CHANNEL, linkedBy: SPK, linkedAt: now.toISOString() },
      { ...audit('body.linked', now), actorAadObjectId: SPK },
    );
    did('body.linked');
    await conversations.save({
      tenantId: TENANT,
      conversationId: CHANNEL,
      kind: 'channel',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      botId: '28:bot',
      channelId: 'msteams',
      updatedAt: now.toISOString(),
    });
    const join = async (office: string) => {
      const p = person(office);
      expect(
        (
          await requestMembership(deps, {
            bodyId: body.id,
            officeId: office,
            person: p,
            activityId: `join-${office}`,
          })
        ).kind,
      ).toBe('requested');
      did('member.requested');
      expect(
        (
          await decideMembership(deps, {
            bodyId: body.id,
            memberAadObjectId: p.aadObjectId,
            shown: { officeId: office, requestedAt: '' },
            approve: true,
            actor: spk,
            activityId: `approve-${office}`,
          })
        ).kind,
      ).toBe('approved');
      did('member.approved');
      await conversations.save({
        tenantId: TENANT,
        conversationId: `a:1${p.aadObjectId.replace(/-/g, '')}${'y'.repeat(50)}`,
        kind: 'personal',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        botId: '28:bot',
        channelId: 'msteams',
        userAadObjectId: p.aadObjectId,
        locale: office === 'amt-2' ? 'en-US' : 'de-DE',
        updatedAt: now.toISOString(),
      });
    };
    for (const o of ['amt-1', 'amt-2', 'amt-3', 'amt-4', 'amt-5']) await join(o);
    // The SPK's personal chat (where notes for the SPK go).
    await conversations.save({
      tenantId: TENANT,
      conversationId: SPK_CHAT,
      kind: 'personal',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      botId: '28:bot',
      channelId: 'msteams',
      userAadObjectId: SPK,
      locale: 'de-DE',
      updatedAt: now.toISOString(),
    });

    // The working group meets in a standing Teams meeting: the SPK saves its link first.
    expect(
      (
        await setMeetingSeries(deps, {
          bodyId: body.id,
          joinUrl: SERIES_LINK,
          shown: '',
          actor: spk,
          activityId: 'series-1',
        })
      ).kind,
    ).toBe('set');
    did('body.meetingLinkSet');
    // The year's sessions from the body's cadence (the second Thursday of every month).
    const dates = await proposeSessions(deps, body, 12);
    expect(dates).toHaveLength(12);
    const ids: string[] = [];
    for (const date of dates) {
      const created = await createSession(deps, {
        bodyId: body.id,
        date,
        time: '10:00',
        place: 'Rathaus',
        actor: spk,
        activityId: `c-${date}`,
      });
      if (created.kind !== 'created') throw new Error(created.kind);
      did('session.created');
      ids.push(created.summary.sessionId);
      const topic = await registerTopic(deps, {
        bodyId: body.id,
        sessionId: created.summary.sessionId,
        input: {
          title: `Beschlussvorlage ${date}`,
          purpose: 'decision',
          description: 'Vorlage',
          documents: 'https://intranet.berlin.de/vorlagen/v.pdf',
          conflictsOfGoals: 'keine',
        },
        submitLate: false,
        actor: person('amt-1'),
        activityId: `t-${date}`,
      });
      expect(topic.kind).toBe('registered');
      did('topic.registered');
    }
    const [jan, feb, mar, apr, may, jun, jul, aug, sep, oct, nov, dec] = ids as [string, ...string[]];
    // A new meeting series for next year: no session already created changes (the invariant).
    expect(
      (
        await setMeetingSeries(deps, {
          bodyId: body.id,
          joinUrl: 'https://teams.microsoft.com/meet/3561234567890?p=Neu2028',
          shown: SERIES_LINK,
          actor: spk,
          activityId: 'series-2',
        })
      ).kind,
    ).toBe('set');
    did('body.meetingLinkSet');
    await invariants();

    await holdSession(jan, { yes: 4 });
    // A follow-up of January's decision for the next session (February), for amt-4.
    const costs = await followUp(jan, 'amt-4', 'Kosten prüfen');
    // February's session is postponed by a week, then moved back to its day.
    now = new Date('2027-01-20T09:00:00Z');
    const move = (from: string, to: string, n: string) =>
      changeSession(deps, {
        kind: 'move',
        bodyId: body.id,
        date: from,
        toDate: to,
        toTime: '',
        actor: spk,
        activityId: n,
      });
    expect((await move('2027-02-11', '2027-02-18', 'm1')).kind).toBe('moved');
    expect((await move('2027-02-18', '2027-02-11', 'm2')).kind).toBe('moved');
    did('session.moved');
    did('session.moved');
    // The follow-up went along with the move and back: on February's agenda, and in its reminders.
    expect(await onAgenda(feb ?? '')).toEqual(['Kosten prüfen']);
    await holdSession(feb ?? '', { yes: 4 });
    expect(
      messenger.sent.some(
        (m) => m.text.includes('Wiedervorlagen zu dieser Sitzung') && m.text.includes('Kosten prüfen'),
      ),
    ).toBe(true);
    // Not done by February: overdue the day after, and on March's agenda too.
    const later = { store, clock: { now: () => new Date('2027-02-12T09:00:00Z') } };
    expect((await listFollowUps(later, body))[0]).toMatchObject({
      overdue: true,
      row: { what: 'Kosten prüfen' },
    });
    expect(await onAgenda(mar ?? '')).toEqual(['Kosten prüfen']);
    await holdSession(mar ?? '', { yes: 4, annul: true });
    // amt-4 marks it done in March: reported there, then no more.
    const done = await completeFollowUp(deps, {
      body,
      id: costs,
      actor: person('amt-4'),
      note: 'Kosten liegen vor',
      activityId: 'fu-done-costs',
    });
    expect(done).toMatchObject({ kind: 'done', already: false });
    did('followUp.done');
    expect(await onAgenda(mar ?? '')).toEqual(['Kosten prüfen (erledigt)']);
    expect(await onAgenda(apr ?? '')).toEqual([]);
    // April: reminders after the change to summer time (28 March) go out at 08:00 local.
    await holdSession(apr ?? '', { yes: 3 });
    await holdSession(may ?? '', { yes: 4, endNextMorning: true });
    // May's follow-up is due at June's session ...
    await followUp(may ?? '', 'amt-2', 'Standorte vergleichen');
    expect(await onAgenda(jun ?? '')).toEqual(['Standorte vergleichen']);
    // June's session is cancelled; an office joins, a person changes office, another leaves.
    now = new Date('2027-05-20T09:00:00Z');
    expect(
      (
        await changeSession(deps, {
          kind: 'cancel',
          bodyId: body.id,
          date: '2027-06-10',
          actor: spk,
          activityId: 'x',
        })
      ).kind,
    ).toBe('cancelled');
    did('session.cancelled');
    cancelled.push(jun ?? '');
    // ... which is cancelled: July's session takes it over.
    expect(await onAgenda(jun ?? '')).toEqual([]);
    expect(await onAgenda(jul ?? '')).toEqual(['Standorte vergleichen']);
    await runUntil('2027-06-01T08:00:00Z');
    await join('amt-6');
    now = new Date('2027-06-15T08:00:00Z');
    expect(
      (
        await changeMembership(deps, {
          bodyId: body.id,
          change: {
            kind: 'move',
            memberAadObjectId: aad('amt-5'),
            shownOfficeId: 'amt-5',
            toOfficeId: 'beauftragte-1',
          },
          actor: spk,
          activityId: 'move-5',
        })
      ).kind,
    ).toBe('moved');
    did('member.moved');
    expect(
      (
        await changeMembership(deps, {
          bodyId: body.id,
          change: { kind: 'leave' },
          actor: person('amt-3'),
          activityId: 'leave-3',
        })
      ).kind,
    ).toBe('left');
    did('member.left');
    // July: the Geschäftsordnung is amended (3/4 majority); the bot restarts with it.
    now = new Date('2027-06-30T20:00:00Z');
    await start({ ...body, majority: { ...body.majority, fraction: { numerator: 3, denominator: 4 } } });
    // After the restart with the amended rules it is still there.
    expect(await onAgenda(jul ?? '')).toEqual(['Standorte vergleichen']);
    await holdSession(jul ?? '', { yes: 3 });
    // August: an Umlaufverfahren, closed by its deadline.
    await runUntil('2027-08-02T08:00:00Z');
    const umlauf = await openUmlauf(deps, {
      bodyId: body.id,
      actor: spk,
      title: 'Eilbedürftige Stellungnahme',
      text: 'Zustimmung zur Stellungnahme des Bezirksamts.',
      documents: '',
      deadlineDate: '',
      deadlineTime: '',
      activityId: 'u1',
    });
    if (umlauf.kind !== 'opened') throw new Error(umlauf.kind);
    did('umlauf.opened');
    for (const o of ['amt-1', 'amt-2', 'amt-4', 'amt-6']) {
      const r = await castUmlaufBallot(deps, {
        bodyId: body.id,
        umlaufId: umlauf.view.umlaufId,
        actorAadObjectId: aad(o),
        choice: 'yes',
        argument: '',
        activityId: `u-${o}`,
      });
      expect(r.kind, o).not.toBe('refused');
    }
    await runUntil('2027-08-06T12:00:00Z');
    const closedUmlauf = await store.loadUmlauf(body.id, umlauf.view.umlaufId);
    expect(closedUmlauf?.umlauf.value.status).toBe('closed');
    await holdSession(aug ?? '', { yes: 4 });
    // September: the reminder time moves to 09:00, and the period after which people who left
    // are pseudonymised is set to 60 days; the bot restarts with both.
    now = new Date('2027-08-20T12:00:00Z');
    // The protocols released while amt-3 took part stay as they were released.
    const releasedBefore = new Map<string, string[]>();
    for (const id of held)
      releasedBefore.set(
        id,
        (await store.loadProtocol(body.id, id)).versions.map((v) => v.document),
      );
    // They name the office that was present (people are named only as the chair).
    expect([...releasedBefore.values()].flat().some((d) => d.includes('Amt 3'))).toBe(true);
    expect(await store.rowsNaming(body.id, [aad('amt-3')])).not.toEqual([]);
    await start({
      ...body,
      deadlines: { ...body.deadlines, reminderTime: '09:00', agendaDispatchTime: '09:00' },
      retention: { formerMemberDays: 60 },
    });
    await holdSession(sep ?? '', { yes: 4 });
    // 60 days after 15 June: the first pass pseudonymised amt-3's records, once.
    did('member.pseudonymised');
    expect(await store.rowsNaming(body.id, [aad('amt-3')])).toEqual([]);
    const byName = await store.rowsNaming(body.id, ['Vertretung amt-3']);
    expect(byName.map((r) => r.kind)).toEqual(byName.map(() => 'protocolVersion'));
    // January's check-in and ballot of amt-3 are there, by office, under the pseudonym.
    const janAfter = await store.loadSession(body.id, jan);
    const pseudonym = janAfter?.attendance.get('amt-3')?.value.by ?? '';
    expect(pseudonym).toMatch(/^ehemalig-/);
    expect(
      [...(janAfter?.ballots.values() ?? [])]
        .filter((b) => b.value.officeId === 'amt-3')
        .map((b) => b.value.castBy),
    ).toContain(pseudonym);
    expect((await store.bodyAudit(body.id)).filter((a) => a.action === 'member.pseudonymised')).toEqual([
      expect.objectContaining({ target: pseudonym, actorOfficeId: 'spk' }),
    ]);
    for (const [id, docs] of releasedBefore)
      expect(
        (await store.loadProtocol(body.id, id)).versions.map((v) => v.document).slice(0, docs.length),
      ).toEqual(docs);
    expect(await conversations.ofPerson(TENANT, aad('amt-3'))).toEqual([]);
    await holdSession(oct ?? '', { yes: 4 });
    // November: after the change to winter time (31 October).
    await holdSession(nov ?? '', { yes: 4 });
    await holdSession(dec ?? '', { yes: 4 });
    // December: January's protocol is corrected — a new version, filed beside the first.
    now = new Date('2027-12-15T10:00:00Z');
    expect(
      (await startCorrection(deps, { bodyId: body.id, sessionId: jan, actor: spk, activityId: 'corr' })).kind,
    ).toBe('correcting');
    const corrected = await saveProtocol(deps, {
      bodyId: body.id,
      sessionId: jan,
      actor: spk,
      activityId: 'corr-release',
      input: { notes: {}, remarks: 'Anwesenheit des Umweltamts nachgetragen.' },
      release: true,
      correctionReason: 'Anwesenheit ergänzt',
    });
    expect(corrected.kind).toBe('released');
    did('protocol.correctionStarted');
    did('protocol.corrected');
    await runUntil('2027-12-31T12:00:00Z');
    await invariants();

    // Each session that took place: its reminder and agenda to every member of the day, once, at
    // the configured local time; the cancelled one: neither.
    const finished = await notifications.finished(new Date(0), new Date('2029-01-01'));
    for (const id of held) {
      for (const key of ['reminder-7', 'agenda']) {
        const rows = finished.filter(
          (n) => n.value.subjectId === id && n.value.key === key && n.value.state === 'done',
        );
        expect(rows, `${id} ${key}`).toHaveLength(1);
        const row = rows[0];
        const personal =
          row?.value.recipients.filter((r) => r.kind === 'personal' && r.state === 'sent') ?? [];
        expect(personal.length, `${id} ${key}`).toBeGreaterThanOrEqual(4);
        const at = new Date(row?.value.dueAt ?? 0);
        expect(localTimeOf(at), `${id} ${key}`).toBe(id >= (sep ?? '') ? '09:00' : '08:00');
      }
    }
    // Every released protocol is filed once, Word and Markdown, by body, year and date.
    const filed = readdirSync(path.join(driveRoot, 'Test-AG', '2027')).sort();
    // Every protocol version but February's (no access), and each session's agenda when it went out.
    const protocols = filed.filter((f) => f.includes('Ergebnisprotokoll'));
    expect(protocols).toHaveLength(held.length * 2);
    expect(protocols[0]).toBe('2027-01-14 10.00 Ergebnisprotokoll (Fassung 1).docx');
    expect(protocols[2]).toBe('2027-01-14 10.00 Ergebnisprotokoll (Fassung 2).docx');
    expect(protocols.some((f) => f.startsWith('2027-02-11'))).toBe(false);
    const agendas = filed.filter((f) => f.endsWith('Tagesordnung.docx'));
    expect(agendas).toEqual(held.map((id) => `${id.slice(0, 10)} 10.00 Tagesordnung.docx`).sort());
    // The SPK was told once, for February's, what to do; for the others nobody was bothered.
    const notes = messenger.sent.filter((s) => s.conversationId === SPK_CHAT);
    expect(
      notes.filter((s) => s.text.includes('konnte nicht im Gruppenlaufwerk abgelegt werden')),
    ).toHaveLength(1);
    expect(notes.find((s) => s.text.includes('konnte nicht'))?.text).toContain('Schreibzugriff');
    // (Filings and protocol posts are planned for no instant: their finished rows are filed under 1970.)
    // The protocol's post says where it is filed.
    expect(messenger.sent.map((s) => s.text).join('\n')).toContain(
      'Abgelegt im Gruppenlaufwerk: Test-AG/2027/2027-01-14 10.00 Ergebnisprotokoll (Fassung 1).docx',
    );
    // Each protocol post in the channel links to its filed document (redrawn once it was filed);
    // February's, whose filing failed, names no link.
    const protocolPosts = messenger.sent.filter(
      (s) => s.conversationId === CHANNEL && s.text.includes('Abgelegt im Gruppenlaufwerk'),
    );
    expect(protocolPosts).toHaveLength(held.length + 1);
    for (const p of protocolPosts) {
      const february = p.text.includes('2027-02-11');
      expect(p.links.length, p.text.slice(0, 80)).toBe(february ? 0 : 1);
      if (!february)
        expect(p.links[0]).toMatch(
          /^https:\/\/contoso\.sharepoint\.com\/sites\/test-ag\/.*Ergebnisprotokoll/,
        );
    }
    const filings = (await notifications.finished(new Date(0), new Date('2029-01-01'))).filter(
      (n) => n.value.kind === 'fileProtocol',
    );
    expect(filings.filter((n) => n.value.state === 'done')).toHaveLength(held.length + 1);
    const drives = filings.flatMap((n) => n.value.recipients.filter((r) => r.kind === 'drive'));
    expect(drives.filter((r) => r.state === 'failed')).toHaveLength(1);
    expect(drives.filter((r) => r.state === 'sent')).toHaveLength(held.length);
    // The person who left gets nothing after leaving.
    const leftChat = `a:1${aad('amt-3').replace(/-/g, '')}`;
    expect(
      messenger.sent.filter(
        (s) => s.conversationId.startsWith(leftChat) && s.at > new Date('2027-06-15T08:00:00Z'),
      ),
    ).toEqual([]);
    // The amendment never changed what was announced before it (checked after every step); the
    // votes name the rules they were decided under: 2/3 before July, 3/4 from July on.
    const ruleOf = async (sessionId: string) => {
      const d = await protocolDraft(deps, body, sessionId, spk);
      if (typeof d === 'string') throw new Error(d);
      return d.document.items[0]?.vote?.rule;
    };
    expect(await ruleOf(jan)).toMatchObject({ numerator: 2, denominator: 3 });
    expect(await ruleOf(jul ?? '')).toMatchObject({ numerator: 3, denominator: 4 });
    // The protocols read back as released, with their results.
    const draft = await protocolDraft(deps, body, mar ?? '', spk);
    if (typeof draft === 'string') throw new Error(draft);
    expect(draft.document.items[0]?.annulledVotes).toHaveLength(1);
    // The register: every announced decision numbered per year in the order of decision (the
    // annulled vote not), unchanged by the correction, with each office's ballot.
    const register = await store.decisions(body.id);
    expect(register.map((d) => d.label)).toEqual(
      Array.from({ length: held.length + 1 }, (_, i) => `Test-AG 2027/${String(i + 1).padStart(2, '0')}`),
    );
    expect(register.map((d) => d.decidedAt)).toEqual([...register.map((d) => d.decidedAt)].sort());
    expect(register.filter((d) => d.kind === 'umlauf').map((d) => d.title)).toEqual([
      'Eilbedürftige Stellungnahme',
    ]);
    // The Umlauf's result card names its number.
    const umlaufLabel = register.find((d) => d.kind === 'umlauf')?.label ?? '';
    expect(
      messenger.sent.some(
        (s) =>
          s.conversationId === CHANNEL &&
          s.text.includes(`Beschluss ${umlaufLabel}`) &&
          s.text.includes('Eilbedürftige'),
      ),
    ).toBe(true);
    for (const d of register.filter((e) => e.kind === 'vote')) {
      const [, sessionId = '', voteId = ''] = d.ref.split('/');
      expect(announced.get(voteId)?.outcome, d.label).toBe(d.outcome);
      expect(d.sessionId).toBe(sessionId);
      expect(d.ballots.length).toBeGreaterThanOrEqual(3);
    }
    const corrected2 = await protocolDraft(deps, body, jan, spk);
    if (typeof corrected2 === 'string') throw new Error(corrected2);
    expect(corrected2.document.items[0]?.vote?.register).toBe('Test-AG 2027/01');
    const latest = await listDecisions(deps, body, '2027');
    expect(latest.entries[0]?.label).toBe(register.at(-1)?.label);
    expect((await listDecisions(deps, body, 'stellungnahme')).entries.map((d) => d.kind)).toEqual(['umlauf']);
    did('decision.registered');
    expectedAudit['decision.registered'] = held.length + 1;
    // The audit trail has every step.
    const trail = await store.bodyAudit(body.id);
    const counts: Record<string, number> = {};
    for (const a of trail) counts[a.action] = (counts[a.action] ?? 0) + 1;
    for (const [action, n] of Object.entries(expectedAudit)) expect(counts[action] ?? 0, action).toBe(n);
    expect(localDateOf(now) >= '2027-12-31').toBe(true);

    // The year handed to the Landesarchiv in January: an xdomea 0503 message that validates
    // against the 3.0.0 schemas, one case per session (the cancelled one included) and Umlauf,
    // and every file it names in the zip.
    const archive = await archiveYear(deps, body, 2027, new Date('2028-01-05T09:00:00Z'));
    const zip = await renderArchive(archive, renderFile);
    const entries = unzipSync(new Uint8Array(zip.content));
    const messageName =
      Object.keys(entries).find((n) => n.endsWith('_Aussonderung.Aussonderung.0503.xml')) ?? '';
    expect(messageName).toBe(`${archive.processId}_Aussonderung.Aussonderung.0503.xml`);
    const message = Buffer.from(entries[messageName] ?? new Uint8Array()).toString('utf8');
    expect(await validateXdomea(message)).toEqual([]);
    expect(message.match(/<xdomea:Vorgang>/g)).toHaveLength(held.length + cancelled.length + 1);
    const named = [...message.matchAll(/<xdomea:Dateiname>([^<]+)<\/xdomea:Dateiname>/g)].map(
      (m) => m[1] ?? '',
    );
    expect(named.sort()).toEqual(
      Object.keys(entries)
        .filter((n) => n !== messageName)
        .sort(),
    );
    // Every released protocol version is in it (January's corrected one twice), readable.
    const protocolFiles = named.filter((n) => n.includes('Ergebnisprotokoll'));
    expect(protocolFiles).toHaveLength(held.length + 1);
    expect(docxParagraphs(entries[protocolFiles[0] ?? ''] ?? new Uint8Array()).join('\n')).toContain(
      'Test-AG',
    );
    expect(named.filter((n) => n.includes('Entscheidungsgrundlage'))).toHaveLength(register.length);

    // Art. 15: a member's own data over the whole year, cross-checked against what the store and
    // the messenger say; the person who left in June still gets theirs.
    const privacyDeps = { ...deps, conversations, notifications };
    const mine = await personalData(privacyDeps, { aadObjectId: aad('amt-1'), tenantId: TENANT });
    const records = mine.bodies.flatMap((b) => b.records);
    const ofKind = (kind: string) => records.filter((r) => r.kind === kind);
    expect(ofKind('member')).toHaveLength(1);
    const allSessions = await store.sessionsFrom(body.id, '2000-01-01');
    let checkIns = 0;
    let ballots = 0;
    for (const { sessionId } of allSessions) {
      const snap = await store.loadSession(body.id, sessionId);
      checkIns += [...(snap?.attendance.values() ?? [])].filter((a) => a.value.by === aad('amt-1')).length;
      ballots += [...(snap?.ballots.values() ?? [])].filter((b) => b.value.castBy === aad('amt-1')).length;
    }
    for (const { umlaufId } of await store.umlaufsFrom(body.id, ''))
      ballots += [...((await store.loadUmlauf(body.id, umlaufId))?.ballots.values() ?? [])].filter(
        (b) => b.value.castBy === aad('amt-1'),
      ).length;
    expect(checkIns).toBeGreaterThanOrEqual(held.length);
    expect(ofKind('attendance')).toHaveLength(checkIns);
    expect(ofKind('ballot')).toHaveLength(ballots);
    expect(ofKind('audit').length).toBeGreaterThan(checkIns);
    // Every message the messenger delivered to their chat is listed, and nothing else personal.
    const chatOf1 = `a:1${aad('amt-1').replace(/-/g, '')}`;
    const delivered = messenger.sent.filter((m) => m.conversationId.startsWith(chatOf1)).length;
    expect(delivered).toBeGreaterThan(10);
    expect(mine.notifications.filter((n) => n.how === 'personal' && n.state === 'sent')).toHaveLength(
      delivered,
    );
    expect(mine.conversations.map((c) => c.conversationId)).toEqual([
      expect.stringMatching(new RegExp(`^${chatOf1}`)),
    ]);
    // Nothing in it names another member.
    for (const other of ['amt-2', 'amt-3', 'amt-4', 'amt-5'])
      expect(JSON.stringify(mine)).not.toContain(aad(other));
    // The person who left in June was pseudonymised in September: nothing names them any more.
    const left = await personalData(privacyDeps, { aadObjectId: aad('amt-3'), tenantId: TENANT });
    expect(left.bodies).toEqual([]);
    expect(left.conversations).toEqual([]);

    // Backup → restore: the year's tables, restored into an empty table, give the same answers.
    if (table) {
      const dir = path.join(mkdtempSync(path.join(tmpdir(), 'year-backup-')), 'b');
      const manifest = await backupTables([{ name: 'gremien', client: table }], dir, {
        host: 'azurite',
        tablePrefix: 'year',
      });
      expect(manifest.tables[0]?.rows).toBeGreaterThan(100);
      const restoredTable = await tableClient(`restored${randomUUID().slice(0, 6)}`);
      await restoreTables(dir, () => restoredTable);
      const restored = new TablePartitionStore(restoredTable, 20_000);
      const answersOf = async (p: PartitionStore) => {
        const s = new TableGremienStore(p);
        const n = new TableNotificationStore(p);
        const d = { ...deps, store: s, clock: { now: () => new Date(now) } };
        const sessions = await s.sessionsFrom(body.id, '2000-01-01');
        return withoutEtags({
          sessions,
          protocols: await Promise.all(
            sessions.map(async ({ sessionId }) => {
              const draft = await protocolDraft(d, body, sessionId, spk);
              return [
                sessionId,
                typeof draft === 'string' ? draft : draft.document,
                await s.loadProtocol(body.id, sessionId),
              ];
            }),
          ),
          register: await s.decisions(body.id),
          listed: await listDecisions(d, body, '2027'),
          followUps: await listFollowUps(d, body),
          members: await s.members(body.id),
          audit: await s.bodyAudit(body.id),
          umlaufs: await s.umlaufsFrom(body.id, ''),
          versions: await s.bodyVersions(body.id),
          notifications: await n.finished(new Date(0), new Date('2029-01-01')),
          pending: await n.pendingRows(),
        });
      };
      const before = await answersOf(partitions);
      expect(JSON.stringify(before)).toContain('Test-AG 2027/01');
      expect(await answersOf(restored)).toEqual(before);
    }
  }, 600_000);
});
/** The body's standing Teams meeting, as the invitation gives it (kept without the organiser). */
const SERIES_LINK = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_WWVhcjIwMjc%40thread.v2/0';

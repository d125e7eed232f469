import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GremienStore } from '../../src/ports/gremien-store.js';
import {
  type ActivityJson,
  captureConnector,
  cardOf,
  cardText,
  eventually,
  fixture,
  postActivity,
  type SentActivity,
  TEST_NOW,
  type TestBot,
} from '../support/bot.js';
import { startWithSession, testItem } from '../support/http-setup.js';
import { teamsUserId } from '../support/real-ids.js';
import { audit } from '../support/session-seed.js';
import {
  CHANNEL,
  click,
  inMeetingChatOf,
  invoke,
  officePeople,
  type Person,
  reply,
  SERVICE_URL,
  SPK,
  say,
} from '../support/teams-actions.js';
import { OTHER_TENANT, TEST_TENANT } from '../support/test-env.js';

/**
 * The session inside its Teams meeting (#28) over HTTP, with activities shaped as Teams sends
 * them: `sitzung verbinden` in the meeting chat; meetingStart and meetingEnd with PascalCase
 * fields (a channel meeting with an empty MeetingType and JoinUrl null), repeated and out of
 * order, for an unlinked meeting, from another tenant, unreadable; none answered with an error,
 * and nothing about attendance changes without a click.
 */
const BODY = 'test-ag';
const SESSION = '2026-11-22-1200';
const MEETING =
  'MCMxOTptZWV0aW5nX05qUXlaR0V4T0dVdE5HRmlNeTAwWXpJMUxXSTBOMkl0WlRZNU1qRTRaamRsTnpNNEB0aHJlYWQudjIjMA==';
const MEETING_CHAT = '19:meeting_NjQyZGExOGUtNGFiMy00YzI1LWI0N2ItZTY5MjE4ZjdlNzM4@thread.v2';
const CHANNEL_MEETING = 'MCMxOTpjaGFubmVsbWVldGluZ19hYmNkZWZAdGhyZWFkLnRhY3YyIzE3OTUxNjI4NDQ1MTE=';
const person = officePeople(40, '7d1e2f3a-4b5c-4d6e-8f70');
const offices = ['amt-1', 'amt-2', 'amt-3'];

let bot: TestBot;
let store: GremienStore;

/** An activity in the meeting chat. */
const inMeetingChat = (changes: Record<string, unknown>, tenant = TEST_TENANT): ActivityJson =>
  inMeetingChatOf(MEETING, MEETING_CHAT, changes, tenant);

const meetingEvent = (
  name: 'meetingStart' | 'meetingEnd',
  value: Record<string, unknown>,
  where = inMeetingChat,
) =>
  where({
    type: 'event',
    name: `application/vnd.microsoft.${name}`,
    text: undefined,
    entities: undefined,
    from: { id: teamsUserId(90), aadObjectId: SPK.aadObjectId },
    value,
  });

const start = (extra: Record<string, unknown> = {}) =>
  meetingEvent('meetingStart', {
    Id: MEETING,
    MeetingType: 'Scheduled',
    JoinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQy%40thread.v2/0',
    Title: 'AG Planung – Sitzung',
    StartTime: '2026-11-22T11:58:00Z',
    ...extra,
  });
const end = (extra: Record<string, unknown> = {}) =>
  meetingEvent('meetingEnd', {
    Id: MEETING,
    MeetingType: 'Scheduled',
    JoinUrl: null,
    Title: 'AG Planung – Sitzung',
    EndTime: '2026-11-22T13:30:00Z',
    ...extra,
  });

/** Posts an activity and returns what the bot sent in answer (nothing, for an ignored event). */
async function deliver(activity: unknown, settleMs = 400): Promise<{ status: number; sent: SentActivity[] }> {
  const { sent } = captureConnector(SERVICE_URL);
  const { status } = await postActivity(bot, activity);
  await new Promise((r) => setTimeout(r, settleMs));
  return { status, sent: sent.filter((s) => !s.updates) };
}

const texts = (sent: SentActivity[]) => sent.map((s) => cardText(cardOf(s.body) ?? {}));

beforeAll(async () => {
  ({ bot, store } = await startWithSession(offices, person));
});
afterAll(async () => {
  await bot.close();
});

describe('the session inside its Teams meeting', () => {
  it('an unlinked meeting, an unreadable event, another tenant: ignored, never an error', async () => {
    for (const activity of [
      start(),
      end(),
      start({ Id: undefined }),
      meetingEvent('meetingStart', { Id: 42 }),
      { ...start(), name: 'application/vnd.microsoft.meetingSomethingNew' },
      inMeetingChat({
        type: 'event',
        name: 'application/vnd.microsoft.meetingStart',
        value: null,
        text: undefined,
      }),
    ]) {
      const r = await deliver(activity, 150);
      expect(r.status, JSON.stringify((activity as { value?: unknown }).value)).toBeLessThan(300);
      expect(r.sent).toEqual([]);
    }
    const foreign = await deliver(
      meetingEvent('meetingStart', { Id: MEETING, MeetingType: 'Scheduled' }, (c) =>
        inMeetingChat(c, OTHER_TENANT),
      ),
      150,
    );
    expect(foreign.status).toBeLessThan(300);
    expect(foreign.sent).toEqual([]);
    expect(await store.meetingLink(TEST_TENANT, MEETING)).toBeUndefined();
  });

  it('only the SPK links the meeting chat to today’s session; a member cannot', async () => {
    expect(
      await reply(
        bot,
        inMeetingChat({ text: '<at>Gremienbot</at> sitzung verbinden', from: person('amt-1') }),
      ),
    ).toContain('Geschäftsstelle');
    expect(await reply(bot, say(SPK, 'sitzung verbinden'))).toContain('nur im Chat einer Teams-Besprechung');
    expect(
      await reply(bot, inMeetingChat({ text: '<at>Gremienbot</at> sitzung verbinden', from: SPK })),
    ).toContain('Diese Besprechung gehört jetzt zur Sitzung der Test-AG am');
    expect(
      await reply(bot, inMeetingChat({ text: '<at>Gremienbot</at> sitzung verbinden', from: SPK })),
    ).toContain('gehört schon zur Sitzung');
    expect((await store.meetingLink(TEST_TENANT, MEETING))?.value).toMatchObject({
      bodyId: BODY,
      sessionId: SESSION,
      kind: 'chat',
    });
  });

  it('the meeting starts before the session: the SPK is told, nothing is recorded; a repeat posts nothing', async () => {
    const first = await deliver(start());
    expect(texts(first.sent).join('\n')).toContain('Die Sitzung ist noch nicht gestartet');
    expect(first.sent.every((s) => s.conversationId === MEETING_CHAT)).toBe(true);
    const again = await deliver(start());
    expect(again.sent).toEqual([]);
    const snapshot = await store.loadSession(BODY, SESSION);
    expect(snapshot?.session.value.status).toBe('planned');
    expect(snapshot?.attendance.size).toBe(0);
  });

  it('in the meeting chat the session runs: started there, check-in card posted there', async () => {
    // The session commands work in the linked meeting chat.
    const started = await reply(
      bot,
      inMeetingChat({ text: '<at>Gremienbot</at> sitzung starten', from: SPK }),
    );
    expect(started).toContain('Anwesend');
    // There, and a copy in the body's channel (where the session is recorded), both live.
    await eventually(async () => {
      const where = (await store.sessionCards(BODY, SESSION))
        .filter((c) => c.card === 'checkIn')
        .map((c) => c.conversationId);
      return where.includes(MEETING_CHAT) && where.includes(CHANNEL);
    });
    // Said again (or delivered twice): the card again where asked, no second copy in the channel.
    expect(
      await reply(bot, inMeetingChat({ text: '<at>Gremienbot</at> sitzung starten', from: SPK })),
    ).toContain('Anwesend');
    await new Promise((r) => setTimeout(r, 400));
    expect(
      (await store.sessionCards(BODY, SESSION)).filter(
        (c) => c.card === 'checkIn' && c.conversationId === CHANNEL,
      ),
    ).toHaveLength(1);
    expect(
      await invoke(bot, click(person('amt-1'), 'session.checkIn', { bodyId: BODY, sessionId: SESSION })),
    ).toContain('Amt 1');
  });

  it('a vote opened in the channel is posted in the meeting chat too, and that copy is redrawn', async () => {
    await store.commitSession(
      BODY,
      SESSION,
      [
        {
          kind: 'item',
          value: testItem(
            person('amt-1'),
            'i-a',
            'Spielplatz Süd',
            'decision',
            new Date(TEST_NOW.getTime() - 20 * 86_400_000),
          ),
        },
      ],
      audit('seed', TEST_NOW),
    );
    const { sent } = captureConnector(SERVICE_URL);
    await postActivity(bot, say(SPK, 'abstimmung TOP 1'));
    await eventually(() => sent.some((s) => !s.updates && s.conversationId === MEETING_CHAT));
    const copy = sent.find((s) => !s.updates && s.conversationId === MEETING_CHAT);
    expect(cardText(cardOf(copy?.body ?? {}) ?? {})).toContain('Abstimmung TOP 1');
    await eventually(async () =>
      (await store.sessionCards(BODY, SESSION)).some(
        (c) => c.conversationId === MEETING_CHAT && c.card.startsWith('vote|'),
      ),
    );
    // A ballot redraws the copy in the meeting chat as well.
    await invoke(
      bot,
      click(person('amt-1'), 'vote.cast', {
        bodyId: BODY,
        sessionId: SESSION,
        voteId: 'v-i-a',
        choice: 'yes',
      }),
    );
    await eventually(() =>
      sent.some(
        (s) => s.updates && s.conversationId === MEETING_CHAT && JSON.stringify(s.body).includes('Ja 1'),
      ),
    );
  });

  it('participants join and leave (where Teams says so): a personal prompt, a line for the SPK, nothing recorded', async () => {
    // amt-2's person has a personal chat with the bot (they wrote to it once).
    await reply(bot, say(person('amt-2'), 'hilfe', 'personal'));
    const participants = (name: 'meetingParticipantJoin' | 'meetingParticipantLeave', who: Person[]) =>
      inMeetingChat({
        type: 'event',
        name: `application/vnd.microsoft.${name}`,
        text: undefined,
        from: { id: teamsUserId(90), aadObjectId: SPK.aadObjectId },
        value: {
          members: who.map((p) => ({
            user: { id: p.id, name: p.name, aadObjectId: p.aadObjectId },
            meeting: { inMeeting: name === 'meetingParticipantJoin', role: 'Attendee' },
          })),
        },
      });
    const stranger: Person = {
      id: teamsUserId(77),
      name: 'Gast',
      aadObjectId: '7d1e2f3a-4b5c-4d6e-8f70-000000000077',
    };
    const before = await store.loadSession(BODY, SESSION);
    const joined = await deliver(
      participants('meetingParticipantJoin', [person('amt-1'), person('amt-2'), stranger]),
    );
    // amt-1 is checked in already; the stranger is no member: only amt-2's person is asked.
    expect(joined.sent.map((s) => s.conversationId)).toEqual([expect.stringMatching(/^a:1/)]);
    expect(texts(joined.sent)[0]).toContain('Ist Ihr Amt (Amt 2) dabei?');
    const left = await deliver(participants('meetingParticipantLeave', [person('amt-1')]));
    expect(texts(left.sent)).toEqual([
      expect.stringContaining('Die Vertretung hat die Besprechung verlassen: Amt 1'),
    ]);
    expect(left.sent[0]?.conversationId).toBe(MEETING_CHAT);
    // Nothing about attendance changed.
    const after = await store.loadSession(BODY, SESSION);
    expect([...(after?.attendance.values() ?? [])].map((a) => a.value)).toEqual(
      [...(before?.attendance.values() ?? [])].map((a) => a.value),
    );
    const broken = await deliver(participants('meetingParticipantJoin', []), 100);
    expect(broken.sent).toEqual([]);
    expect(
      (await deliver({ ...participants('meetingParticipantJoin', []), value: { members: 'x' } }, 100)).status,
    ).toBeLessThan(300);
  });

  it('the meeting ends with the session running: the SPK gets the reminder and the button; it ends exactly that session', async () => {
    const ended = await deliver(end());
    const text = texts(ended.sent).join('\n');
    expect(text).toContain('ist beendet; die Sitzung läuft noch');
    expect(text).toContain('Noch offene Abstimmung: TOP 1 Spielplatz Süd');
    const card = cardOf(ended.sent[0]?.body ?? {}) as {
      actions?: { verb?: string; data?: Record<string, unknown> }[];
    };
    expect(card.actions?.[0]).toMatchObject({
      verb: 'session.end',
      data: { bodyId: BODY, sessionId: SESSION },
    });
    expect((await deliver(end())).sent).toEqual([]);
    // With the vote open the session cannot end yet; closed (here in the meeting chat), it can.
    expect(await invoke(bot, click(SPK, 'session.end', { bodyId: BODY, sessionId: SESSION }))).toContain(
      'TOP 1',
    );
    await reply(bot, inMeetingChat({ text: '<at>Gremienbot</at> abstimmung schließen', from: SPK }));
    // A member's click is refused; the SPK's ends the session and gives the draft.
    expect(
      await invoke(bot, click(person('amt-2'), 'session.end', { bodyId: BODY, sessionId: SESSION })),
    ).toContain('Geschäftsstelle');
    expect(await invoke(bot, click(SPK, 'session.end', { bodyId: BODY, sessionId: SESSION }))).toMatch(
      /Entwurf|beendet/,
    );
    expect((await store.loadSession(BODY, SESSION))?.session.value.status).toBe('ended');
    // A start delivered after the end (out of order) posts nothing.
    expect((await deliver(start())).sent).toEqual([]);
  });

  it('a channel meeting of the linked channel links itself to today’s session (empty MeetingType, JoinUrl null)', async () => {
    const inChannel = (c: Record<string, unknown>) =>
      fixture('channel-message-mention-help', {
        conversation: {
          isGroup: true,
          conversationType: 'channel',
          tenantId: TEST_TENANT,
          id: `${CHANNEL};messageid=1795162844511`,
        },
        channelData: {
          channel: { id: CHANNEL },
          team: { id: '19:ag-planung-demo@thread.tacv2' },
          tenant: { id: TEST_TENANT },
          meeting: { id: CHANNEL_MEETING },
        },
        locale: 'de-DE',
        ...c,
      });
    // A second session later today: the channel meeting belongs to it.
    expect(
      await invoke(
        bot,
        click(SPK, 'session.create', { bodyId: BODY, date: '2026-11-22', time: '16:00', place: 'Raum 102' }),
      ),
    ).toContain('angelegt');
    const value = {
      Id: CHANNEL_MEETING,
      MeetingType: '',
      JoinUrl: null,
      Title: 'Kanal',
      StartTime: '2026-11-22T14:58:00Z',
    };
    const r = await deliver(meetingEvent('meetingStart', value, inChannel));
    expect(r.status).toBeLessThan(300);
    expect(texts(r.sent).join('\n')).toContain('Die Sitzung ist noch nicht gestartet');
    expect(r.sent.every((x) => x.conversationId.startsWith(CHANNEL))).toBe(true);
    expect((await store.meetingLink(TEST_TENANT, CHANNEL_MEETING))?.value).toMatchObject({
      sessionId: '2026-11-22-1600',
      kind: 'channel',
    });
    expect((await deliver(meetingEvent('meetingStart', value, inChannel))).sent).toEqual([]);
    expect(TEST_NOW.toISOString().slice(0, 10)).toBe('2026-11-22');
  });
});

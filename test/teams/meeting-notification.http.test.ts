import nock from 'nock';
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
  reply,
  SERVICE_URL,
  SPK,
  say,
} from '../support/teams-actions.js';
import { TEST_TENANT } from '../support/test-env.js';

/**
 * The in-meeting notification when a vote opens (#28), over HTTP: the bot asks Teams (the
 * connector, stubbed here) to show the bubble on the meeting stage to the members of the offices
 * that may vote — ten per request —, pointing at a page of its own; where Teams refuses, the
 * vote card in the meeting chat is all there is, and nothing else changes. The page is read
 * back as Teams would show it: what the vote card shows, nothing more.
 */
const BODY = 'test-ag';
const SESSION = '2026-11-22-1200';
// A meeting id as Teams sends it: base64, here with '/' and '+' in it.
const MEETING =
  'MCMxOTptZWV0aW5nX1pqRTVZ/+TmtPVFl0TkRBd1pTMDBOV0U0TFdKaU1qY3RPVEkxWm1Wa05qVmhPVGxpQHRocmVhZC52MiMw';
const MEETING_CHAT = '19:meeting_ZjE5YzNkOTYtNDAwZS00NWE4LWJiMjctOTI1ZmVkNjVhOTli@thread.v2';
const offices = Array.from({ length: 12 }, (_, i) => `amt-${i + 1}`);
const person = officePeople(60, '8e2f3a4b-5c6d-4e7f-8a90');

let bot: TestBot;
let store: GremienStore;

/** An activity in the meeting chat. */
const inMeetingChat = (changes: Record<string, unknown>, tenant = TEST_TENANT): ActivityJson =>
  inMeetingChatOf(MEETING, MEETING_CHAT, changes, tenant);

type Notification = {
  type: string;
  value: {
    recipients: string[];
    surfaces: { surface: string; contentType: string; content: { value: Record<string, unknown> } }[];
  };
};

/** Stubs Teams' notification endpoint for this meeting: each request is answered in turn. */
function notificationEndpoint(answers: { status: number; body?: unknown }[]) {
  const received: Notification[] = [];
  const base = new URL(SERVICE_URL);
  const path = `${base.pathname.replace(/\/$/, '')}/v1/meetings/${encodeURIComponent(MEETING)}/notification`;
  let scope = nock(base.origin);
  for (const answer of answers)
    scope = scope.post(path).reply(answer.status, async (request: Request) => {
      received.push((await request.json()) as Notification);
      return answer.body ?? '';
    });
  return { received, scope };
}

async function seedItem(itemId: string, title: string, daysBefore: number) {
  await store.commitSession(
    BODY,
    SESSION,
    [
      {
        kind: 'item',
        value: testItem(
          person('amt-1'),
          itemId,
          title,
          'decision',
          new Date(TEST_NOW.getTime() - daysBefore * 86_400_000),
        ),
      },
    ],
    audit('seed', TEST_NOW),
  );
}

const pageOf = (n: Notification) => String(n.value.surfaces[0]?.content.value.url);
/** The page the first vote's bubble points at (set by the first test). */
let votePageUrl = '';

beforeAll(async () => {
  ({ bot, store } = await startWithSession(offices, person));
  expect(
    await reply(bot, inMeetingChat({ text: '<at>Gremienbot</at> sitzung verbinden', from: SPK })),
  ).toContain('gehört jetzt');
  expect(await reply(bot, say(SPK, 'sitzung starten'))).toContain('Anwesend');
  for (const office of offices)
    await invoke(bot, click(person(office), 'session.checkIn', { bodyId: BODY, sessionId: SESSION }));
  await seedItem('i-a', 'Spielplatz Süd <script>alert(1)</script>', 23);
  await seedItem('i-b', 'Radweg Nord', 22);
  await seedItem('i-c', 'Kita Mitte', 21);
});
afterAll(async () => {
  nock.cleanAll();
  await bot.close();
});

describe('the in-meeting notification of a vote', () => {
  it('a vote opens: the bubble for everyone whose office may vote, ten per request, pointing at the vote page', async () => {
    // The second request: Teams could not reach one person (not in the meeting).
    const teams = notificationEndpoint([
      { status: 202 },
      {
        status: 207,
        body: {
          recipientsFailureInfo: [
            { recipientMri: person('amt-12').id, errorCode: '404', failureReason: 'not in meeting' },
          ],
        },
      },
    ]);
    const { sent } = captureConnector(SERVICE_URL);
    await postActivity(bot, say(SPK, 'abstimmung TOP 1'));
    await eventually(() => teams.received.length === 2);
    // The card in the meeting chat first, then the bubble pointing at it.
    expect(sent.some((s) => !s.updates && s.conversationId === MEETING_CHAT)).toBe(true);
    const recipients = teams.received.flatMap((n) => n.value.recipients);
    expect(teams.received.map((n) => n.value.recipients.length)).toEqual([10, 2]);
    expect([...recipients].sort()).toEqual(offices.map((o) => person(o).id).sort());
    for (const n of teams.received) {
      expect(n.type).toBe('targetedMeetingNotification');
      expect(n.value.surfaces).toHaveLength(1);
      expect(n.value.surfaces[0]).toMatchObject({
        surface: 'meetingStage',
        contentType: 'task',
        content: {
          value: { title: 'Abstimmung zu TOP 1', height: expect.any(Number), width: expect.any(Number) },
        },
      });
    }
    votePageUrl = pageOf(teams.received[0] as Notification);
    expect(votePageUrl).toMatch(new RegExp(`^${bot.url}/meeting/vote/[A-Za-z0-9_.-]+$`));
    expect(pageOf(teams.received[1] as Notification)).toBe(votePageUrl);
    await eventually(() => bot.logger.entries.some((e) => e.message === 'in-meeting notification'));
    expect(bot.logger.entries.find((e) => e.message === 'in-meeting notification')?.context).toEqual({
      sent: 11,
      failed: 1,
    });
    expect(JSON.stringify(bot.logger.entries)).not.toContain(person('amt-12').id);
    teams.scope.done();
  });

  it('the page shows the vote as it is now, escaped, in the reader’s language; framed by Teams only', async () => {
    const url = votePageUrl;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/html');
    const csp = first.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('frame-ancestors https://teams.microsoft.com');
    expect(csp).toContain("script-src 'self'");
    expect(first.headers.get('cache-control')).toBe('no-store');
    const html = await first.text();
    expect(html).toContain('Abstimmung in der Sitzung der Test-AG');
    expect(html).toContain('TOP 1: Spielplatz Süd &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('Die Abstimmung ist offen');
    expect(html).toContain('0 von 12 stimmberechtigten Ämtern haben abgestimmt');
    // The page names nobody.
    for (const o of offices) expect(html).not.toContain(person(o).name);
    // Its scripts load from the bot (the Teams client library, and the line telling Teams it is ready).
    for (const src of [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1] ?? '')) {
      const script = await fetch(new URL(src, url));
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toContain('javascript');
    }
    await invoke(
      bot,
      click(person('amt-2'), 'vote.cast', {
        bodyId: BODY,
        sessionId: SESSION,
        voteId: 'v-i-a',
        choice: 'yes',
      }),
    );
    const english = await (await fetch(url, { headers: { 'accept-language': 'en-GB,en;q=0.9' } })).text();
    expect(english).toContain('Item 1: Spielplatz Süd');
    expect(english).toContain('1 of 12 voting offices has voted');
    expect(await reply(bot, say(SPK, 'abstimmung schließen'))).toBeTruthy();
    const closed = await (await fetch(url)).text();
    expect(closed).toContain('Die Abstimmung ist geschlossen');
    expect(closed).toMatch(/Ergebnis: (abgelehnt|angenommen)/);
  });

  it('a forged, cut or foreign link shows nothing of any vote', async () => {
    const url = votePageUrl;
    const token = url.split('/').pop() ?? '';
    const [payload, sig] = token.split('.') as [string, string];
    const claim = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claim, voteId: 'v-i-b' })).toString('base64url');
    for (const bad of [`${forged}.${sig}`, payload, `${token}x`, 'x'.repeat(40)]) {
      const res = await fetch(`${bot.url}/meeting/vote/${bad}`);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain('Dieser Link ist abgelaufen oder ungültig');
      expect(html).not.toContain('Spielplatz');
    }
  });

  it('where Teams refuses the notification, the vote card in the meeting chat is all there is', async () => {
    const teams = notificationEndpoint([
      { status: 403, body: { error: { code: 'Forbidden', message: 'not enabled' } } },
    ]);
    const { sent } = captureConnector(SERVICE_URL);
    await postActivity(bot, say(SPK, 'abstimmung TOP 2'));
    await eventually(() => teams.received.length === 1);
    await eventually(() =>
      bot.logger.entries.some((e) => e.message === 'in-meeting notification not sent; the vote card alone'),
    );
    // One refused request, no further group tried; the cards are there, the vote open.
    expect(teams.received).toHaveLength(1);
    expect(
      bot.logger.entries
        .filter((e) => e.message === 'in-meeting notification not sent; the vote card alone')
        .at(-1)?.context,
    ).toEqual({ status: 403, sent: 0 });
    const copy = sent.find((s) => !s.updates && s.conversationId === MEETING_CHAT);
    expect(cardText(cardOf(copy?.body ?? {}) ?? {})).toContain('Abstimmung TOP 2');
    expect((await store.loadSession(BODY, SESSION))?.votes.get('v-i-b')?.value.status).toBe('open');
    teams.scope.done();
    expect(await reply(bot, say(SPK, 'abstimmung schließen'))).toBeTruthy();
  });

  it('the same command delivered twice opens one vote and notifies once; after the meeting ended, no bubble', async () => {
    const teams = notificationEndpoint([{ status: 202 }, { status: 202 }, { status: 202 }, { status: 202 }]);
    const open = say(SPK, 'abstimmung TOP 3');
    await Promise.all([postActivity(bot, open), postActivity(bot, open)]);
    await eventually(() => teams.received.length >= 2);
    await new Promise((r) => setTimeout(r, 500));
    expect(teams.received).toHaveLength(2);
    expect(await reply(bot, say(SPK, 'abstimmung schließen'))).toBeTruthy();
    // The meeting ends; a vote opened after that posts no bubble (nobody is on the stage).
    await postActivity(
      bot,
      inMeetingChat({
        type: 'event',
        name: 'application/vnd.microsoft.meetingEnd',
        text: undefined,
        entities: undefined,
        from: { id: teamsUserId(90), aadObjectId: SPK.aadObjectId },
        value: {
          Id: MEETING,
          MeetingType: 'Scheduled',
          JoinUrl: null,
          Title: 'Sitzung',
          EndTime: '2026-11-22T13:30:00Z',
        },
      }),
    );
    await eventually(async () => Boolean((await store.meetingLink(TEST_TENANT, MEETING))?.value.endedAt));
    const before = teams.received.length;
    await seedItem('i-d', 'Nachtrag', 20);
    await reply(bot, say(SPK, 'abstimmung TOP 4'));
    await new Promise((r) => setTimeout(r, 500));
    expect(teams.received.length).toBe(before);
  });
});

describe('the in-meeting alert of a vote in a channel meeting', () => {
  const APP_ID = '3f6b8a2c-1d4e-4f5a-9b6c-7d8e9f0a1b2c';
  const CHANNEL_MEETING = 'MCMxOTpjaGFubmVsbWVldGluZ19hYmNkZWZAdGhyZWFkLnRhY3YyIzE3OTUxNjI4NDQ1MTE=';
  const THREAD = `${CHANNEL};messageid=1795162844511`;
  let channelBot: TestBot;

  beforeAll(async () => {
    let channelStore: GremienStore;
    ({ bot: channelBot, store: channelStore } = await startWithSession(['amt-1', 'amt-2', 'amt-3'], person, {
      TEAMS_APP_ID: APP_ID,
    }));
    expect(await reply(channelBot, say(SPK, 'sitzung starten'))).toContain('Anwesend');
    await channelStore.commitSession(
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
    // The channel meeting starts: it links itself to today's session.
    await postActivity(
      channelBot,
      fixture('channel-message-mention-help', {
        type: 'event',
        name: 'application/vnd.microsoft.meetingStart',
        text: undefined,
        entities: undefined,
        from: { id: teamsUserId(90), aadObjectId: SPK.aadObjectId },
        conversation: { isGroup: true, conversationType: 'channel', tenantId: TEST_TENANT, id: THREAD },
        channelData: {
          channel: { id: CHANNEL },
          team: { id: '19:ag-planung-demo@thread.tacv2' },
          tenant: { id: TEST_TENANT },
          meeting: { id: CHANNEL_MEETING },
        },
        value: {
          Id: CHANNEL_MEETING,
          MeetingType: '',
          JoinUrl: null,
          Title: 'Kanal',
          StartTime: '2026-11-22T11:58:00Z',
        },
      }),
    );
    await eventually(
      async () => (await channelStore.meetingLink(TEST_TENANT, CHANNEL_MEETING)) !== undefined,
    );
  });
  afterAll(async () => {
    await channelBot.close();
  });

  it('a message in the meeting’s conversation carries the alert; its bubble opens the vote page', async () => {
    const { sent } = captureConnector(SERVICE_URL);
    await postActivity(channelBot, say(SPK, 'abstimmung TOP 1'));
    const isAlert = (s: (typeof sent)[number]) =>
      s.conversationId === THREAD && String(s.body.text ?? '').startsWith('Abstimmung zu TOP');
    await eventually(() => sent.some(isAlert));
    const alert = sent.find(isAlert);
    expect(alert?.body.text).toBe(
      'Abstimmung zu TOP 1 ist offen: Bitte stimmen Sie für Ihr Amt auf der Abstimmungskarte im Chat ab.',
    );
    const notification = (alert?.body.channelData as { notification?: Record<string, unknown> } | undefined)
      ?.notification;
    expect(notification?.alertInMeeting).toBe(true);
    const bubble = new URL(String(notification?.externalResourceUrl));
    expect(`${bubble.origin}${bubble.pathname}`).toBe(`https://teams.microsoft.com/l/bubble/${APP_ID}`);
    expect(bubble.searchParams.get('title')).toBe('Abstimmung zu TOP 1');
    expect(bubble.searchParams.get('completionBotId')).toBe(APP_ID);
    const page = String(bubble.searchParams.get('url'));
    expect(page.startsWith(`${channelBot.url}/meeting/vote/`)).toBe(true);
    expect(await (await fetch(page)).text()).toContain('TOP 1: Spielplatz Süd');
    // Before it, the vote card was posted in the meeting's conversation too.
    const card = sent.findIndex(
      (s) => s.conversationId === THREAD && JSON.stringify(s.body).includes('Abstimmung TOP 1'),
    );
    expect(card).toBeGreaterThanOrEqual(0);
    expect(card).toBeLessThan(sent.indexOf(alert as (typeof sent)[number]));
  });
});

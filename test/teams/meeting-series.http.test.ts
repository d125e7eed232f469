import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimisedJoinUrl } from '../../src/domain/meeting-link.js';
import type { GremienStore } from '../../src/ports/gremien-store.js';
import {
  captureConnector,
  cardOf,
  eventually,
  postActivity,
  runScheduler,
  type TestBot,
} from '../support/bot.js';
import { startWithSession } from '../support/http-setup.js';
import {
  click,
  invoke,
  invokeAnswer,
  officePeople,
  reply,
  SERVICE_URL,
  SPK,
  say,
} from '../support/teams-actions.js';

/**
 * The body's standing Teams meeting over HTTP (#28, "creating a session offers the meeting join
 * link if the body has one configured"): the SPK sets the link on a card; a member cannot; a
 * link that is no Teams meeting is refused and the card stays; the session form offers it, the
 * created session carries it — on the answer, in `sitzungen`, in the calendar invite —, and a
 * session created without it has none.
 */
const BODY = 'test-ag';
const LINK =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_ZjE5YzNkOTYtNDAwZS00NWE4LWJiMjctOTI1ZmVkNjVhOTli%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf-86f1-41af-91ab-2d7cd011db47%22%2c%22Oid%22%3a%223c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f%22%7d';
const person = officePeople(120, '9f3a4b5c-6d7e-4f80-9a01');

/** As it is kept and shown: without the organiser's Entra id (Oid), with the tenant. */
const KEPT = minimisedJoinUrl(LINK);
const ORGANISER = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';

let bot: TestBot;
let store: GremienStore;

/** The buttons of an answer card that open a link, with their links. */
function openUrls(card: unknown): { title: string; url: string }[] {
  const found: { title: string; url: string }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.OpenUrl') found.push({ title: String(o.title), url: String(o.url) });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The card the bot posts in answer to a message, as JSON. */
async function answerCard(activity: unknown): Promise<unknown> {
  const { sent } = captureConnector(SERVICE_URL);
  await postActivity(bot, activity);
  await eventually(() => sent.some((s) => !s.updates));
  return cardOf(sent.find((s) => !s.updates)?.body ?? {});
}

const save = (joinUrl: string, shown: string, who = SPK) =>
  invokeAnswer(bot, click(who, 'meeting.series', { bodyId: BODY, shown, joinUrl }));

beforeAll(async () => {
  ({ bot, store } = await startWithSession(['amt-1', 'amt-2'], person));
});
afterAll(async () => {
  await bot.close();
});

describe('the body’s standing Teams meeting', () => {
  it('a member may not set it; the SPK sees that none is set', async () => {
    expect(await reply(bot, say(person('amt-1'), 'besprechungslink'))).toContain('Geschäftsstelle');
    expect(await reply(bot, say(SPK, 'besprechungslink'))).toContain(
      'Noch ist kein Besprechungslink hinterlegt',
    );
    const forged = await save(LINK, '', person('amt-1'));
    expect(forged.kind).toBe('message');
    expect(await store.meetingSeries(BODY)).toBeUndefined();
  });

  it('a link that is no Teams meeting is refused with why; the card stays, nothing is stored', async () => {
    for (const [bad, says] of [
      ['https://evil.example/l/meetup-join/x', 'kein Link zu einer Teams-Besprechung'],
      ['"><script>alert(1)</script>', 'Das ist kein Link'],
      ['javascript:alert(1)', 'kein Link zu einer Teams-Besprechung'],
      ['', 'fügen Sie den Link'],
    ] as const) {
      const answer = await save(bad, '');
      expect(answer.kind, bad).toBe('message');
      expect(answer.kind === 'message' ? answer.text : '').toContain(says);
    }
    expect(await store.meetingSeries(BODY)).toBeUndefined();
  });

  it('the SPK saves it: the card says so and offers to open it; a stale card cannot replace it', async () => {
    const saved = await save(LINK, '');
    expect(saved.kind).toBe('card');
    const card = saved.kind === 'card' ? saved.card : {};
    expect(JSON.stringify(card)).toContain('Der Besprechungslink ist gespeichert');
    expect(openUrls(card)).toEqual([{ title: 'Besprechung öffnen', url: KEPT }]);
    expect(KEPT).toContain('Tid');
    expect(JSON.stringify(card)).not.toContain(ORGANISER);
    const stale = await save('https://teams.microsoft.com/meet/3561234567890?p=x', '');
    expect(stale.kind === 'message' ? stale.text : '').toContain('inzwischen geändert');
    expect((await store.meetingSeries(BODY))?.value.joinUrl).toBe(KEPT);
    expect(JSON.stringify(await store.bodyAudit(BODY))).not.toContain(ORGANISER);
  });

  it('the session form offers it; the created session carries it, one created without does not', async () => {
    const form = JSON.stringify(await answerCard(say(SPK, 'sitzung anlegen')));
    expect(form).toContain('"type":"Input.Toggle"');
    expect(form).toContain('Mit der Teams-Besprechung der Arbeitsgruppe');
    const created = await invokeAnswer(
      bot,
      click(SPK, 'session.create', {
        bodyId: BODY,
        date: '2026-12-10',
        time: '10:00',
        place: 'Raum 101',
        online: 'true',
      }),
    );
    expect(created.kind).toBe('card');
    expect(openUrls(created.kind === 'card' ? created.card : {})).toEqual([
      { title: 'An der Teams-Besprechung teilnehmen', url: KEPT },
    ]);
    const without = await invokeAnswer(
      bot,
      click(SPK, 'session.create', {
        bodyId: BODY,
        date: '2026-12-17',
        time: '10:00',
        place: 'Raum 101',
        online: 'false',
      }),
    );
    expect(openUrls(without.kind === 'card' ? without.card : {})).toEqual([]);
    const list = await answerCard(say(person('amt-1'), 'sitzungen'));
    expect(openUrls(list).filter((o) => o.url === KEPT)).toHaveLength(1);
  });

  it('the calendar invite of the session links the meeting', async () => {
    const answer = await invokeAnswer(
      bot,
      click(person('amt-1'), 'file.link', { kind: 'ics', bodyId: BODY, sessionId: '2026-12-10-1000' }),
    );
    const [link] = openUrls(answer.kind === 'card' ? answer.card : {});
    const ics = (await (await fetch(String(link?.url))).text()).replace(/\r\n /g, '');
    expect(ics).toContain(`URL:${KEPT}`);
    expect(ics).not.toContain(ORGANISER);
    const other = await invokeAnswer(
      bot,
      click(person('amt-1'), 'file.link', { kind: 'ics', bodyId: BODY, sessionId: '2026-12-17-1000' }),
    );
    const [otherLink] = openUrls(other.kind === 'card' ? other.card : {});
    expect(await (await fetch(String(otherLink?.url))).text()).not.toContain('URL:');
  });

  it('in English for an English client', async () => {
    const card = JSON.stringify(await answerCard({ ...say(SPK, 'meeting link'), locale: 'en-US' }));
    expect(card).toContain('A link to the regular Teams meeting is set');
    expect(
      await invoke(bot, {
        ...click(SPK, 'meeting.series', { bodyId: BODY, shown: KEPT, remove: 'true' }),
        locale: 'en-US',
      }),
    ).toContain('The meeting link is removed');
    expect((await store.meetingSeries(BODY))?.value.joinUrl).toBe('');
  });

  it('the invitation with the agenda, five days before, offers the meeting too', async () => {
    const { sent } = captureConnector(SERVICE_URL);
    expect((await runScheduler(bot, '2026-12-05T12:00:00Z')).status).toBe(200);
    await eventually(() => sent.some((s) => JSON.stringify(s.body).includes('Einladung und Tagesordnung')));
    const invitations = sent.filter(
      (s) => !s.updates && JSON.stringify(s.body).includes('Einladung und Tagesordnung'),
    );
    for (const invitation of invitations)
      expect(openUrls(cardOf(invitation.body))).toContainEqual({
        title: 'An der Teams-Besprechung teilnehmen',
        url: KEPT,
      });
  });
});

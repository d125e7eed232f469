import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  captureConnector,
  cardOf,
  cardText,
  eventually,
  fixture,
  postActivity,
  runScheduler,
  startTestBot,
  TEST_NOW,
  type TestBot,
} from '../support/bot.js';
import { approveMembers, storeOf } from '../support/http-setup.js';
import { click, invoke, type Person, reply, SERVICE_URL, SPK, say } from '../support/teams-actions.js';

/**
 * The protocol reaches every member the GO names (000 §6: "den Mitgliedern der AG und UAG"): a
 * member of the UAG Infrastruktur gets the AG SRO's protocol in their personal chat and opens its
 * Word file. On the real Mitte presets (the AG names the UAG in `agendaAlsoTo`).
 */
const AG = 'ag-sro-mitte';
const UAG = 'uag-infrastruktur-mitte';
const AG_MEMBER: Person = {
  id: '29:ag-jugend',
  name: 'Anna AG',
  aadObjectId: '7c7c7c7c-0000-4000-8000-000000000001',
};
const UAG_MEMBER: Person = {
  id: '29:uag-al',
  name: 'Uwe UAG',
  aadObjectId: '7c7c7c7c-0000-4000-8000-000000000002',
};
const OUTSIDER: Person = {
  id: '29:other',
  name: 'Otto',
  aadObjectId: '7c7c7c7c-0000-4000-8000-000000000003',
};
const UAG_CHAT = 'a:1uagPersonalChat0000000000000000000000000000000000';
const SESSION = '2026-11-22-1200';
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ SECRETARIAT_MEMBERS: `*:${SPK.aadObjectId}` });
  const store = storeOf(bot);
  await approveMembers(store, AG, [['jugendamt', AG_MEMBER]]);
  await approveMembers(store, UAG, [['al-stadtentwicklung', UAG_MEMBER]]);
  captureConnector(SERVICE_URL);
  // The UAG member has a personal chat with the bot (wrote to it once).
  await postActivity(
    bot,
    fixture('personal-message-hilfe', {
      from: UAG_MEMBER,
      conversation: {
        conversationType: 'personal',
        tenantId: '7e3f2b1a-0c4d-4e5f-8a9b-2d1c0e9f8a7b',
        id: UAG_CHAT,
      },
    }),
  );
  expect(await invoke(bot, click(SPK, 'body.link', { bodyId: AG }))).toContain('gehört jetzt');
  expect(
    await invoke(
      bot,
      click(SPK, 'session.create', { bodyId: AG, date: '2026-11-22', time: '12:00', place: 'Rathaus' }),
    ),
  ).toContain('angelegt');
  expect(await reply(bot, say(SPK, 'sitzung starten'))).toContain('Sitzung am');
  expect(await reply(bot, say(SPK, 'sitzung beenden'))).toContain('Ergebnisprotokoll');
  expect(
    await invoke(bot, click(SPK, 'protocol.save', { bodyId: AG, sessionId: SESSION, release: true })),
  ).toContain('freigegeben');
});
afterAll(async () => {
  await bot.close();
});

describe('the protocol reaches the members of the AG and the UAG', () => {
  it('a UAG member receives the AG SRO protocol personally and opens its Word file; an outsider cannot', async () => {
    const { sent } = captureConnector(SERVICE_URL);
    expect((await runScheduler(bot, new Date(TEST_NOW.getTime() + 3 * 3_600_000).toISOString())).status).toBe(
      200,
    );
    await eventually(() => sent.some((s) => s.conversationId === UAG_CHAT));
    const post = sent.find((s) => s.conversationId === UAG_CHAT);
    expect(cardText(cardOf(post?.body ?? {}))).toContain('Ergebnisprotokoll');
    const link = async (p: Person) => {
      const res = await postActivity(
        bot,
        click(p, 'file.link', { kind: 'protocol.docx', bodyId: AG, sessionId: SESSION, version: 1 }),
      );
      const answer = res.body as { type: string; value: { actions?: { url: string }[] } | string };
      return typeof answer.value === 'string' ? answer.value : (answer.value.actions?.[0]?.url ?? '');
    };
    const url = await link(UAG_MEMBER);
    expect(url).toContain('/files/');
    const file = await fetch(url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('wordprocessingml');
    expect(await link(OUTSIDER)).toContain('nur für bestätigte Mitglieder');
  });
});

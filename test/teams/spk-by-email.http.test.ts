import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureConnector, postActivity, startTestBot, type TestBot } from '../support/bot.js';

import { click, invoke, PLANUNG, reply, SERVICE_URL, SPK, say } from '../support/teams-actions.js';

/**
 * The SPK configured by e-mail (SECRETARIAT_MEMBERS by user principal name, as the demo does) is
 * the SPK everywhere: in the channel, in the personal chat, and for downloads — also when the
 * link is opened in a browser, where the platform gives no names.
 */
const UPN = 'sabine.petersen@bezirksamt.example';
let bot: TestBot;

/** The Bot Connector's member lookup (how the bot learns a person's UPN), for any conversation. */
function connectorKnowsSabine(): nock.Scope {
  const base = new URL(SERVICE_URL);
  return nock(base.origin)
    .persist()
    .get((uri) => uri.includes('/v3/conversations/') && uri.includes('/members/'))
    .reply(200, {
      id: SPK.id,
      name: SPK.name,
      aadObjectId: SPK.aadObjectId,
      userPrincipalName: UPN,
      email: UPN,
    });
}

let lookup: nock.Scope;
beforeAll(async () => {
  lookup = connectorKnowsSabine();
  bot = await startTestBot({ SECRETARIAT_MEMBERS: `*:${UPN}` });
  captureConnector(SERVICE_URL);
  expect(await invoke(bot, click(SPK, 'body.link', { bodyId: PLANUNG }))).toContain('gehört jetzt');
  expect(
    await invoke(
      bot,
      click(SPK, 'session.create', { bodyId: PLANUNG, date: '2027-01-14', time: '10:00', place: 'Raum 1' }),
    ),
  ).toContain('Sitzung angelegt');
});
afterAll(async () => {
  lookup.persist(false);
  nock.cleanAll();
  await bot.close();
});

describe('the SPK configured by e-mail is the SPK everywhere', () => {
  it('SPK commands work in the personal chat', async () => {
    expect(await reply(bot, say(SPK, 'sitzungen', 'personal'))).toContain('Do, 14. Jan. 2027, 10:00');
    expect(await reply(bot, say(SPK, 'mitglieder', 'personal'))).toContain('Mitglieder der AG Planung');
    expect(await reply(bot, say(SPK, 'umlauf', 'personal'))).toContain('Umlaufverfahren');
  });

  it('downloads: the link is issued and opens in a browser', async () => {
    const res = await postActivity(
      bot,
      click(SPK, 'file.link', { kind: 'ics', bodyId: PLANUNG, sessionId: '2027-01-14-1000' }),
    );
    const answer = res.body as { type: string; value: { actions?: { url: string }[] } | string };
    expect(answer.type).not.toBe('application/vnd.microsoft.activity.message');
    const url = typeof answer.value === 'string' ? '' : (answer.value.actions?.[0]?.url ?? '');
    const file = await fetch(url);
    expect(file.status).toBe(200);
    expect(await file.text()).toContain('BEGIN:VCALENDAR');
  });
});

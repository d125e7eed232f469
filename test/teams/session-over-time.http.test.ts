import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GremienStore } from '../../src/ports/gremien-store.js';
import { captureConnector, runScheduler, startTestBot, TEST_NOW, type TestBot } from '../support/bot.js';
import { storeOf } from '../support/http-setup.js';
import { seedMember } from '../support/session-seed.js';
import { click, invoke, JONAS, PLANUNG, reply, SERVICE_URL, SPK, say } from '../support/teams-actions.js';

/**
 * Over HTTP, with the bot's clock moved forward (local development's trigger): a postponed
 * session runs on its new day, and a session still running the next morning is ended then —
 * until it is, another session does not start.
 */
let bot: TestBot;
let store: GremienStore;

beforeAll(async () => {
  bot = await startTestBot({ SECRETARIAT_MEMBERS: `*:${SPK.aadObjectId}` });
  store = storeOf(bot);
  await seedMember(
    store,
    PLANUNG,
    { aadObjectId: JONAS.aadObjectId, officeId: 'jugendamt', name: JONAS.name, teamsUserId: JONAS.id },
    TEST_NOW,
  );
  captureConnector(SERVICE_URL);
  expect(await invoke(bot, click(SPK, 'body.link', { bodyId: PLANUNG }))).toContain('gehört jetzt');
  for (const date of ['2026-12-10', '2026-12-16'])
    expect(
      await invoke(
        bot,
        click(SPK, 'session.create', { bodyId: PLANUNG, date, time: '10:00', place: 'Rathaus' }),
      ),
    ).toContain('angelegt');
});
afterAll(async () => {
  await bot.close();
});

describe('a session over time, in Teams', () => {
  it('postponed, it runs on its new day; still running the next morning, it is ended then', async () => {
    expect(await reply(bot, say(SPK, 'sitzung verschieben 10.12.2026 auf 15.12.2026 14:00'))).toContain(
      '15. Dez.',
    );
    // On the old day there is nothing to start.
    expect((await runScheduler(bot, '2026-12-10T09:30:00Z')).status).toBe(200);
    expect(await reply(bot, say(SPK, 'sitzung starten'))).toContain('Für heute ist keine Sitzung angelegt');
    // On the new day it starts; Jonas checks in.
    expect((await runScheduler(bot, '2026-12-15T12:55:00Z')).status).toBe(200);
    expect(await reply(bot, say(SPK, 'sitzung starten'))).toContain('Sitzung am Di, 15. Dez. 2026, 14:00');
    expect(await reply(bot, say(JONAS, 'stand'))).toContain('Zurzeit ist keine Abstimmung offen');
    // The next morning it still runs: another session cannot start before it is ended.
    expect((await runScheduler(bot, '2026-12-16T08:50:00Z')).status).toBe(200);
    expect(await reply(bot, say(SPK, 'sitzung starten'))).toContain('Die Sitzung vom 15.12.2026 läuft noch');
    expect(await reply(bot, say(SPK, 'sitzung beenden'))).toContain('Ergebnisprotokoll');
    const ended = await store.loadSession(PLANUNG, '2026-12-10-1000');
    expect(ended?.session.value).toMatchObject({ status: 'ended', date: '2026-12-15' });
    expect(await reply(bot, say(SPK, 'sitzung starten'))).toContain('Sitzung am Mi, 16. Dez. 2026, 10:00');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GremienStore } from '../../src/ports/gremien-store.js';
import { captureConnector, TEST_NOW, type TestBot } from '../support/bot.js';
import { approveMembers, startBodyBot, testItem } from '../support/http-setup.js';
import { audit } from '../support/session-seed.js';
import { click, invoke, type Person, reply, SERVICE_URL, SPK, say } from '../support/teams-actions.js';

/**
 * Logs carry ids, never what people are called or typed (docs/privacy.md): a whole session over
 * HTTP at the most verbose log level, with a marker in every name and every typed text — no log
 * entry (ours or the Teams SDK's) may contain one.
 */
const BODY = 'test-ag';
const SESSION = '2026-11-22-1200';
const MARK = 'Zqxmarker';
const person = (office: string, n: number): Person => ({
  id: `29:1${'a'.repeat(40)}${n}`,
  name: `${MARK}Name ${office}`,
  aadObjectId: `0c0c0c0c-0000-4000-8000-00000000000${n}`,
});
const offices = ['amt-1', 'amt-2', 'amt-3'];
let bot: TestBot;
let store: GremienStore;

beforeAll(async () => {
  ({ bot, store } = await startBodyBot({ voting: 3, commissioners: 0 }, { LOG_LEVEL: 'debug' }));
  await approveMembers(
    store,
    BODY,
    offices.map((o, i) => [o, person(o, i + 1)] as const),
  );
  captureConnector(SERVICE_URL);
});
afterAll(async () => {
  await bot.close();
});

describe('logs carry no names and no typed text', () => {
  it('a session with typed titles, arguments, notes and unknown commands leaves no trace of them in the log', async () => {
    expect(await invoke(bot, click(SPK, 'body.link', { bodyId: BODY }))).toContain('gehört jetzt');
    await invoke(
      bot,
      click(SPK, 'session.create', { bodyId: BODY, date: '2026-11-22', time: '12:00', place: `${MARK}Raum` }),
    );
    await store.commitSession(
      BODY,
      SESSION,
      [
        {
          kind: 'item',
          value: testItem(
            person('amt-1', 1),
            'i-a',
            `${MARK}Titel`,
            'decision',
            new Date(TEST_NOW.getTime() - 20 * 86_400_000),
          ),
        },
      ],
      audit('seed', TEST_NOW),
    );
    await reply(bot, say(person('amt-1', 1), `${MARK} was ist das`));
    await reply(bot, say(SPK, 'sitzung starten'));
    for (const [i, o] of offices.entries())
      await invoke(bot, click(person(o, i + 1), 'session.checkIn', { bodyId: BODY, sessionId: SESSION }));
    await reply(bot, say(SPK, 'abstimmung TOP 1'));
    for (const [i, o] of offices.entries())
      await invoke(
        bot,
        click(person(o, i + 1), 'vote.cast', {
          bodyId: BODY,
          sessionId: SESSION,
          voteId: 'v-i-a',
          choice: 'yes',
          argument: `${MARK}Begründung`,
        }),
      );
    // Refused input is not logged either.
    await invoke(
      bot,
      click(person('amt-1', 1), 'vote.cast', {
        bodyId: BODY,
        sessionId: SESSION,
        voteId: 'v-i-a',
        choice: 'yes',
        argument: `${MARK}${'x'.repeat(3000)}`,
      }),
    );
    await reply(bot, say(SPK, 'abstimmung schließen'));
    await invoke(
      bot,
      click(SPK, 'followUp.add', {
        bodyId: BODY,
        ref: `session/${SESSION}/v-i-a`,
        what: `${MARK}Aufgabe`,
        officeId: 'amt-2',
        dueKind: 'next',
      }),
    );
    await reply(bot, say(SPK, 'sitzung beenden'));
    await invoke(
      bot,
      click(SPK, 'protocol.save', {
        bodyId: BODY,
        sessionId: SESSION,
        release: true,
        remarks: `${MARK}Bemerkung`,
      }),
    );
    // The Teams SDK's own debug lines are in it too ("Handling activity" …).
    expect(bot.logger.entries.some((e) => e.message === 'Handling activity')).toBe(true);
    const leaked = bot.logger.entries.filter((e) => JSON.stringify(e).includes(MARK));
    expect(leaked).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionLabel } from '../../src/domain/filing.js';
import type { GremienStore } from '../../src/ports/gremien-store.js';
import { TEST_NOW } from '../support/bot.js';
import { type InProcessBot, startInProcessBot } from '../support/in-process-bot.js';
import { audit, seedMember } from '../support/session-seed.js';
import { click, invoke, JONAS, PLANUNG, reply, SPK, say } from '../support/teams-actions.js';

/**
 * The register through the real routes: `beschlüsse` lists a body's decisions latest first (by
 * year or word), `beschluss 2027/03` shows one with every office's ballot and argument; members
 * read it, nobody else.
 */
let bot: InProcessBot;
let store: GremienStore;
const OUTSIDER = { id: '29:x', name: 'Gast', aadObjectId: '5a1d0c6e-9999-4a00-8000-000000000009' };

beforeAll(async () => {
  bot = await startInProcessBot({ SECRETARIAT_MEMBERS: `*:${SPK.aadObjectId}` });
  store = bot.store;
  expect(await invoke(bot, click(SPK, 'body.link', { bodyId: PLANUNG }))).toContain('gehört jetzt');
  await seedMember(
    store,
    PLANUNG,
    { aadObjectId: JONAS.aadObjectId, officeId: 'jugendamt', name: JONAS.name, teamsUserId: JONAS.id },
    TEST_NOW,
  );
  const titles = ['Kita Lichterfelde-Süd', 'Spielplatz Dahlem', 'Radweg Teltowkanal'];
  for (const [i, title] of titles.entries()) {
    await store.registerDecision(
      PLANUNG,
      {
        year: 2027,
        kind: 'vote',
        ref: `session/2027-0${i + 1}-14-1000/v-i${i}`,
        sessionId: `2027-0${i + 1}-14-1000`,
        title,
        text: `Vorlage ${title}`,
        outcome: i === 1 ? 'rejected' : 'adopted',
        counts: { yes: 5, no: 2, abstain: 1 },
        base: 8,
        required: 6,
        decidedAt: `2027-0${i + 1}-14T10:30:00.000Z`,
        ballots: [
          { office: 'Jugendamt', choice: 'yes', argument: 'Bedarf belegt', recorded: false },
          { office: 'Umwelt- und Naturschutzamt', choice: 'no', argument: 'Grünfläche', recorded: true },
        ],
      },
      (n) => decisionLabel({ shortName: 'AG Planung' }, 2027, n),
      audit('decision.registered'),
    );
  }
});
afterAll(async () => {
  await bot.close();
});

describe('the register of decisions', () => {
  it('numbers per body and year in the order of decision; recording the same decision again keeps its number', async () => {
    const all = await store.decisions(PLANUNG);
    expect(all.map((d) => d.label)).toEqual([
      'AG Planung 2027/01',
      'AG Planung 2027/02',
      'AG Planung 2027/03',
    ]);
    const again = await store.registerDecision(
      PLANUNG,
      { ...all[0], year: 2027 } as never,
      (n) => decisionLabel({ shortName: 'AG Planung' }, 2027, n),
      audit('decision.registered'),
    );
    expect(again.label).toBe('AG Planung 2027/01');
    expect(await store.decisions(PLANUNG)).toHaveLength(3);
  });

  it('"beschlüsse" lists them latest first, by year or by a word; members read it', async () => {
    const text = await reply(bot, say(JONAS, 'beschlüsse'));
    expect(text.indexOf('AG Planung 2027/03')).toBeLessThan(text.indexOf('AG Planung 2027/01'));
    expect(await reply(bot, say(JONAS, 'beschlüsse spielplatz'))).toContain('AG Planung 2027/02');
    expect(await reply(bot, say(JONAS, 'beschlüsse spielplatz'))).not.toContain('2027/01');
    expect(await reply(bot, say(JONAS, 'beschlüsse 2026'))).toContain('Keine Beschlüsse gefunden');
    expect(await reply(bot, say(OUTSIDER, 'beschlüsse'))).toContain('Mitglied');
  });

  it('"beschluss 2027/02" shows one with every office’s ballot and argument; bad numbers are told', async () => {
    const text = await reply(bot, say(JONAS, 'beschluss 2027/02'));
    expect(text).toContain('Beschluss AG Planung 2027/02');
    expect(text).toContain('Spielplatz Dahlem');
    expect(text).toContain('Abgelehnt.');
    expect(text).toContain('Jugendamt');
    expect(text).toContain('Bedarf belegt');
    expect(text).toContain('durch die SPK erfasst');
    expect(await reply(bot, say(JONAS, 'beschluss zwei'))).toContain('beschluss 2027/03');
    expect(await reply(bot, say(JONAS, 'beschluss 2027/09'))).toContain(
      'gibt es in dieser Arbeitsgruppe nicht',
    );
    expect(await reply(bot, { ...say(JONAS, 'decisions'), locale: 'en-GB' })).toContain('Decisions of the');
  });
});

describe('a long register is paged', () => {
  it('"Weitere Beschlüsse" shows the next 15 with the same filter; only members page', async () => {
    for (let i = 0; i < 30; i++)
      await store.registerDecision(
        PLANUNG,
        {
          year: 2028,
          kind: 'umlauf',
          ref: `umlauf/2028-01-${String(i).padStart(2, '0')}`,
          sessionId: '',
          title: `Umlauf Nummer ${i + 1}`,
          text: '',
          outcome: 'adopted',
          counts: { yes: 5, no: 0, abstain: 0 },
          decidedAt: `2028-02-01T10:${String(i).padStart(2, '0')}:00.000Z`,
          ballots: [],
        },
        (n) => decisionLabel({ shortName: 'AG Planung' }, 2028, n),
        audit('decision.registered'),
      );
    const first = await reply(bot, say(JONAS, 'beschlüsse 2028'));
    expect(first).toContain('AG Planung 2028/30');
    expect(first).not.toContain('AG Planung 2028/15');
    expect(first).toContain('Weitere 15');
    const second = await invoke(
      bot,
      click(JONAS, 'register.page', { bodyId: PLANUNG, query: '2028', page: 2 }),
    );
    expect(second).toContain('Seite 2');
    expect(second).toContain('AG Planung 2028/15');
    expect(second).toContain('AG Planung 2028/01');
    expect(second).not.toContain('AG Planung 2028/16');
    expect(second).not.toContain('Weitere Beschlüsse');
    expect(
      await invoke(bot, click(OUTSIDER, 'register.page', { bodyId: PLANUNG, query: '2028', page: 2 })),
    ).toContain('Mitglied');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GremienStore } from '../../src/ports/gremien-store.js';
import { captureConnector, cardOf, eventually } from '../support/bot.js';
import { buttons } from '../support/card-buttons.js';
import { type InProcessBot, startInProcessBot } from '../support/in-process-bot.js';
import {
  AYLIN,
  click,
  invoke,
  JONAS,
  PETRA,
  type Person,
  PLANUNG,
  reply,
  SERVICE_URL,
  SPK,
  say,
} from '../support/teams-actions.js';

/**
 * People over time, through the real routes: requests decided from the roster, a person
 * removed by the SPK (their deputy represents the office from then on), moved to another
 * office, and leaving by themselves; stale cards are refused, nothing is applied twice.
 */
let bot: InProcessBot;
let store: GremienStore;

beforeAll(async () => {
  bot = await startInProcessBot({ SECRETARIAT_MEMBERS: `*:${SPK.aadObjectId}` });
  store = bot.store;
  expect(await invoke(bot, click(SPK, 'body.link', { bodyId: PLANUNG }))).toContain('gehört jetzt');
});
afterAll(async () => {
  await bot.close();
});

/** The roster card as `who` gets it (the SPK's copy carries buttons and forms). */
async function roster(who: Person): Promise<Record<string, unknown>> {
  const { sent } = captureConnector(SERVICE_URL);
  await bot.deliver(say(who, 'mitglieder'));
  await eventually(() => sent.length >= 1);
  const first = sent[0];
  if (!first) throw new Error('no roster');
  return cardOf(first.body) as Record<string, unknown>;
}

const request = (who: Person, office: string) =>
  invoke(bot, click(who, 'member.request', { choice: `${PLANUNG}|${office}` }));
const person = (who: Person, office: string) => `${who.aadObjectId}|${office}`;

describe('people over time', () => {
  it('"mitglieder" shows the SPK every pending request with its buttons; members see no buttons', async () => {
    await request(JONAS, 'jugendamt');
    await request(AYLIN, 'jugendamt');
    const members = await roster(JONAS);
    expect(buttons(members)).toEqual([]);
    const spkView = await roster(SPK);
    const approve = buttons(spkView).filter(
      (b) => b.verb === 'member.decide' && b.data?.decision === 'approve',
    );
    expect(approve.map((b) => b.title)).toEqual([`Bestätigen: ${JONAS.name}`, `Bestätigen: ${AYLIN.name}`]);
    for (const b of approve)
      expect(await invoke(bot, click(SPK, 'member.decide', b.data ?? {}))).toContain('vertritt jetzt');
    expect((await store.member(PLANUNG, JONAS.aadObjectId))?.value.role).toBe('representative');
    expect((await store.member(PLANUNG, AYLIN.aadObjectId))?.value.role).toBe('deputy');
    // The same button pressed again changes nothing.
    expect(await invoke(bot, click(SPK, 'member.decide', approve[0]?.data ?? {}))).toContain(
      'bereits bestätigt',
    );
  });

  it('only the SPK removes or moves people; card data of another person changes nothing', async () => {
    const data = { bodyId: PLANUNG, person: person(JONAS, 'jugendamt') };
    expect(await invoke(bot, click(AYLIN, 'member.remove', data))).toContain('nur die Geschäftsstelle');
    expect(
      await invoke(bot, click(AYLIN, 'member.move', { ...data, toOfficeId: 'umwelt-naturschutz' })),
    ).toContain('nur die Geschäftsstelle');
    expect((await store.member(PLANUNG, JONAS.aadObjectId))?.value.officeId).toBe('jugendamt');
  });

  it('the SPK removes the representative: the deputy represents the office; the removed person can no longer act', async () => {
    const answer = await invoke(
      bot,
      click(SPK, 'member.remove', { bodyId: PLANUNG, person: person(JONAS, 'jugendamt') }),
    );
    expect(answer).toContain(`${JONAS.name} ist nicht mehr Mitglied für „Jugendamt“`);
    expect(answer).toContain(`${AYLIN.name} vertritt „Jugendamt“ jetzt`);
    expect(await store.member(PLANUNG, JONAS.aadObjectId)).toBeUndefined();
    expect((await store.member(PLANUNG, AYLIN.aadObjectId))?.value.role).toBe('representative');
    expect((await store.members(PLANUNG)).map((m) => m.aadObjectId)).not.toContain(JONAS.aadObjectId);
    // The removed person: no body of theirs in the personal chat, nothing to leave.
    expect(await reply(bot, say(JONAS, 'austreten', 'personal'))).toContain('in keiner Arbeitsgruppe');
    // The removal card pressed again: he is no member any more.
    expect(
      await invoke(bot, click(SPK, 'member.remove', { bodyId: PLANUNG, person: person(JONAS, 'jugendamt') })),
    ).toContain('(nicht mehr) Mitglied');
    const actions = (await store.bodyAudit(PLANUNG)).map((a) => a.action);
    expect(actions.filter((a) => a === 'member.removed')).toHaveLength(1);
  });

  it('the SPK moves a person to another office; a card that still shows the old office is refused', async () => {
    const move = (office: string, to: string) =>
      invoke(
        bot,
        click(SPK, 'member.move', { bodyId: PLANUNG, person: person(AYLIN, office), toOfficeId: to }),
      );
    expect(await move('jugendamt', '')).toContain('Bitte wählen Sie das neue Amt');
    expect(await move('jugendamt', 'jugendamt')).toContain('vertritt dieses Amt bereits');
    expect(await move('jugendamt', 'umwelt-naturschutz')).toContain(
      `${AYLIN.name} vertritt jetzt „Umwelt- und Naturschutzamt“ (Vertretung)`,
    );
    expect((await store.member(PLANUNG, AYLIN.aadObjectId))?.value).toMatchObject({
      officeId: 'umwelt-naturschutz',
      role: 'representative',
    });
    expect(await move('jugendamt', 'amt-fuer-soziales')).toContain('veraltet');
    expect((await store.member(PLANUNG, AYLIN.aadObjectId))?.value.officeId).toBe('umwelt-naturschutz');
  });

  it('a person leaves by themselves, and may ask to join again later', async () => {
    await request(PETRA, 'amt-fuer-soziales');
    const spkView = await roster(SPK);
    const approve = buttons(spkView).find((b) => b.verb === 'member.decide' && b.title.includes(PETRA.name));
    await invoke(bot, click(SPK, 'member.decide', { ...approve?.data, decision: 'approve' }));
    const leave = await reply(bot, say(PETRA, 'austreten', 'personal'));
    expect(leave).toContain('AG Planung Steglitz-Zehlendorf');
    expect(await invoke(bot, click(PETRA, 'member.leave', { bodyId: PLANUNG }))).toContain('ausgetreten');
    expect(await store.member(PLANUNG, PETRA.aadObjectId)).toBeUndefined();
    expect(await invoke(bot, click(PETRA, 'member.leave', { bodyId: PLANUNG }))).toContain(
      'Sie sind dort (nicht mehr) Mitglied',
    );
    expect(await request(PETRA, 'amt-fuer-soziales')).toContain('liegt der SPK zur Bestätigung vor');
    expect((await store.member(PLANUNG, PETRA.aadObjectId))?.value.status).toBe('pending');
    const actions = (await store.bodyAudit(PLANUNG)).map((a) => a.action);
    expect(actions).toContain('member.left');
  });
});

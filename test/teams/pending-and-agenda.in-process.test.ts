import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GremienStore } from '../../src/ports/gremien-store.js';
import { captureConnector, cardOf, cardText, eventually } from '../support/bot.js';
import { buttons } from '../support/card-buttons.js';
import { type InProcessBot, startInProcessBot } from '../support/in-process-bot.js';
import {
  click,
  invoke,
  JONAS,
  type Person,
  PLANUNG,
  SERVICE_URL,
  SPK,
  say,
  THOMAS,
} from '../support/teams-actions.js';

/**
 * Pending things can always be found: a request made before the channel was linked reaches
 * the SPK when it is; late topics wait in the SPK's agenda view with their buttons; the SPK's
 * edit of an item changes that item (its form carries the item), never registers a new one.
 */
let bot: InProcessBot;
let store: GremienStore;
const SOON = '2026-11-26-1000'; // registration closed on Thu 19 Nov: late (the clock is 22 Nov)

async function cardFor(who: Person, text: string): Promise<unknown> {
  const { sent } = captureConnector(SERVICE_URL);
  await bot.deliver(say(who, text));
  await eventually(() => sent.some((s) => !s.updates));
  return cardOf(sent.find((s) => !s.updates)?.body ?? {});
}

const items = async () =>
  [...((await store.loadSession(PLANUNG, SOON))?.items.values() ?? [])].map((v) => v.value);

beforeAll(async () => {
  bot = await startInProcessBot({ SECRETARIAT_MEMBERS: `*:${SPK.aadObjectId}` });
  store = bot.store;
});
afterAll(async () => {
  await bot.close();
});

describe('pending things can always be found', () => {
  it('a request made before the channel was linked reaches the SPK when it is linked', async () => {
    const requested = await invoke(bot, click(JONAS, 'member.request', { choice: `${PLANUNG}|jugendamt` }));
    expect(requested).toContain('liegt der SPK zur Bestätigung vor');
    expect(requested).toContain('sobald ein Kanal verbunden ist');
    await invoke(bot, click(THOMAS, 'member.request', { choice: `${PLANUNG}|stadtentwicklungsamt` }));
    const { sent } = captureConnector(SERVICE_URL);
    expect(await invoke(bot, click(SPK, 'body.link', { bodyId: PLANUNG }))).toContain('gehört jetzt');
    await eventually(() => sent.length >= 2);
    const cards = sent.map((s) => cardOf(s.body));
    expect(cards.map(cardText).join('\n')).toContain(`${JONAS.name} möchte für „Jugendamt“`);
    for (const card of cards) {
      const approve = buttons(card).find((b) => b.data?.decision === 'approve');
      expect(await invoke(bot, click(SPK, 'member.decide', approve?.data ?? {}))).toContain('vertritt jetzt');
    }
    expect((await store.member(PLANUNG, THOMAS.aadObjectId))?.value.status).toBe('approved');
  });

  it('late topics wait in the SPK’s agenda view with their buttons; members see only the count', async () => {
    expect(
      await invoke(
        bot,
        click(SPK, 'session.create', {
          bodyId: PLANUNG,
          date: '2026-11-26',
          time: '10:00',
          place: 'Rathaus',
        }),
      ),
    ).toContain('angelegt');
    const topic = {
      bodyId: PLANUNG,
      sessionId: SOON,
      title: 'Spielplatz Dahlem',
      purpose: 'decision',
      description: 'Sanierung',
      documents: 'https://intranet.berlin.de/vorlagen/spielplatz.pdf',
      conflictsOfGoals: 'Lärm gegen Spielfläche',
      submitLate: true,
    };
    captureConnector(SERVICE_URL); // the SPK's card about the late topic goes to the channel
    expect(await invoke(bot, click(JONAS, 'topic.register', topic))).toContain('verspätet');
    const memberView = await cardFor(JONAS, 'tagesordnung');
    expect(cardText(memberView)).toContain('Verspätet eingereicht und noch nicht entschieden: 1');
    expect(buttons(memberView).some((b) => b.verb === 'topic.late')).toBe(false);
    const spkView = await cardFor(SPK, 'tagesordnung');
    expect(cardText(spkView)).toContain('Spielplatz Dahlem · Jugendamt');
    expect(buttons(spkView).some((b) => b.verb === 'agenda.manage')).toBe(true);
    const accept = buttons(spkView).find((b) => b.verb === 'topic.late' && b.data?.decision === 'accept');
    expect(await invoke(bot, click(SPK, 'topic.late', accept?.data ?? {}))).toContain(
      'steht jetzt auf der Tagesordnung',
    );
    expect((await items()).map((i) => i.status)).toEqual(['lateAccepted']);
  });

  it('the SPK edits an item from the agenda: the form carries the item; nothing new is registered', async () => {
    const spkView = await cardFor(SPK, 'tagesordnung');
    const manage = buttons(spkView).find((b) => b.verb === 'agenda.manage');
    const { sent } = captureConnector(SERVICE_URL);
    const manageCard = await invoke(bot, click(SPK, 'agenda.manage', manage?.data ?? {}));
    expect(manageCard).toContain('Spielplatz Dahlem');
    expect(sent).toHaveLength(0);
    const [item] = await items();
    const form = await bot.deliver(
      click(SPK, 'topic.edit', { bodyId: PLANUNG, sessionId: SOON, itemId: item?.itemId ?? '' }),
    );
    const formCard = (form.body as { value: unknown }).value;
    const submit = buttons(formCard).find((b) => b.verb === 'topic.register');
    expect(submit?.data).toMatchObject({ itemId: item?.itemId, sessionId: SOON });
    const edited = await invoke(
      bot,
      click(SPK, 'topic.register', {
        ...submit?.data,
        title: 'Spielplatz Dahlem (Sanierung)',
        purpose: 'decision',
        description: 'Sanierung 2027',
        documents: 'https://intranet.berlin.de/vorlagen/spielplatz.pdf',
        conflictsOfGoals: 'Lärm gegen Spielfläche',
      }),
    );
    expect(edited).not.toContain('ungültige');
    const after = await items();
    expect(after).toHaveLength(1);
    expect(after[0]?.title).toBe('Spielplatz Dahlem (Sanierung)');
  });
});

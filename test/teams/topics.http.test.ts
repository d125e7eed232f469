import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GremienStore } from '../../src/ports/gremien-store.js';
import {
  captureConnector,
  cardOf,
  cardText,
  eventually,
  postActivity,
  startTestBot,
  TEST_NOW,
  type TestBot,
} from '../support/bot.js';
import { storeOf } from '../support/http-setup.js';
import { audit } from '../support/session-seed.js';

const NOBODY = { id: '29:x', name: 'Gast', aadObjectId: '5a1d0c6e-9999-4a00-8000-000000000009' };
const DECEMBER = '2026-12-10-1000'; // registration open until Thu 3 Dec, 23:59
const SOON = '2026-11-26-1000'; // registration closed on Thu 19 Nov: late

import {
  CHANNEL,
  click,
  invoke,
  invokeAnswer,
  JONAS,
  PETRA,
  type Person,
  PLANUNG,
  reply,
  SERVICE_URL,
  SPK,
  say,
  THOMAS,
} from '../support/teams-actions.js';

let bot: TestBot;
let store: GremienStore;
const items = async (sessionId: string) =>
  [...((await store.loadSession(PLANUNG, sessionId))?.items.values() ?? [])].map((v) => v.value);

const decision = {
  bodyId: PLANUNG,
  sessionId: DECEMBER,
  title: 'Standort Kita Lichterfelde-Süd',
  purpose: 'decision',
  description: 'Beschlussvorlage für das Bezirksamt',
  documents: 'https://intranet.berlin.de/vorlagen/kita-lichterfelde.pdf',
  conflictsOfGoals: 'Grünfläche gegen Kitaplätze',
};

beforeAll(async () => {
  bot = await startTestBot({ SECRETARIAT_MEMBERS: `*:${SPK.aadObjectId}` });
  store = storeOf(bot);
  const member = (p: Person, officeId: string, status: 'approved' | 'pending') =>
    store.saveMember(
      PLANUNG,
      p.aadObjectId,
      { officeId, status, role: 'representative', displayName: p.name, since: TEST_NOW.toISOString() },
      undefined,
      audit('seed', TEST_NOW),
    );
  await member(JONAS, 'jugendamt', 'approved');
  await member(THOMAS, 'stadtentwicklungsamt', 'approved');
  await member(PETRA, 'amt-fuer-soziales', 'pending');
  expect(await invoke(bot, click(SPK, 'body.link', { bodyId: PLANUNG }))).toContain('gehört jetzt');
  expect(
    await invoke(
      bot,
      click(SPK, 'session.create', { bodyId: PLANUNG, date: '2026-12-10', time: '10:00', place: 'Rathaus' }),
    ),
  ).toContain('angelegt');
  expect(
    await invoke(
      bot,
      click(SPK, 'session.create', { bodyId: PLANUNG, date: '2026-11-26', time: '10:00', place: 'Rathaus' }),
    ),
  ).toContain('angelegt');
});
afterAll(async () => {
  await bot.close();
});

describe('agenda registration', () => {
  it('"thema anmelden" opens the form for the next session whose registration is open', async () => {
    const text = await reply(bot, say(JONAS, 'thema anmelden'));
    expect(text).toContain('Thema anmelden');
    expect(text).toContain('Anmeldeschluss: Do, 3. Dez., 23:59');
    expect(text).toContain('Beschluss');
    expect(text).toContain('Unterstützungsbedarf');
  });

  it.each([
    ['a non-member', NOBODY, 'Themen melden Mitglieder an'],
    ['a pending member', PETRA, 'noch nicht bestätigt'],
  ])('refuses %s before the form: no form to fill in', async (_name, person, message) => {
    const text = await reply(bot, say(person, 'thema anmelden'));
    expect(text).toContain(message);
    expect(text).not.toContain('Anmeldeschluss');
    const viaButton = await invokeAnswer(
      bot,
      click(person, 'topic.form', { bodyId: PLANUNG, sessionId: DECEMBER }),
    );
    expect(viaButton).toEqual({ kind: 'message', text: expect.stringContaining(message) });
  });

  it.each([
    ['a Beschluss item without conflicts of goals', { conflictsOfGoals: '' }, 'Bitte ausfüllen.'],
    ['a Beschluss item without documents', { documents: '' }, 'Bitte ausfüllen.'],
    ['a document link that is not https', { documents: 'http://intranet.berlin.de/a.pdf' }, 'https-Links'],
    ['an oversized title', { title: 'x'.repeat(151) }, 'höchstens 150 Zeichen'],
    ['an unknown purpose', { purpose: 'abstimmung' }, 'angebotenen Werte'],
    ['a control character in the title', { title: 'Kita\u0007 Lichterfelde' }, 'Enthält Steuerzeichen'],
    ['a line break in the one-line title', { title: 'Kita\nLichterfelde' }, 'Enthält Steuerzeichen'],
    ['a right-to-left override in the title', { title: 'Kita \u202Efdp.exe' }, 'Schreibrichtung umkehren'],
    [
      'a lone surrogate in the description',
      { description: 'Plan \uD83D dazu' },
      'unvollständiges Unicode-Zeichen',
    ],
    [
      'a title of invisible characters only',
      { title: '\u200B\u200B\u2060\u200D' },
      'nur unsichtbare Zeichen',
    ],
    [
      'conflicts of goals of invisible characters only',
      { conflictsOfGoals: '\u200B\uFEFF' },
      'nur unsichtbare Zeichen',
    ],
  ])(
    'shows the form again for %s, with the field marked, and saves nothing',
    async (_name, change, message) => {
      const text = await invoke(bot, click(JONAS, 'topic.register', { ...decision, ...change }));
      expect(text).toContain('Thema anmelden');
      expect(text).toContain(message);
      expect(await items(DECEMBER)).toHaveLength(0);
    },
  );

  it.each([
    ['a non-member', NOBODY, 'Themen melden Mitglieder an'],
    ['a pending member', PETRA, 'noch nicht bestätigt'],
  ])('refuses %s', async (_name, person, message) => {
    expect(await invoke(bot, click(person, 'topic.register', decision))).toContain(message);
    expect(await items(DECEMBER)).toHaveLength(0);
  });

  it('refuses forged or malformed card data', async () => {
    expect(
      await invoke(bot, click(JONAS, 'topic.register', { ...decision, sessionId: '2099-01-01-1000' })),
    ).toContain('Diese Sitzung gibt es nicht');
    expect(await invoke(bot, click(JONAS, 'topic.register', { ...decision, title: { x: 1 } }))).toContain(
      'ungültige Daten',
    );
  });

  it('refuses a card that names another office; nothing is saved', async () => {
    const text = await invoke(
      bot,
      click(JONAS, 'topic.register', { ...decision, officeId: 'wirtschaftsfoerderung' }, 'forged-1'),
    );
    expect(text).toContain('nur für Ihr eigenes Amt');
    expect(await items(DECEMBER)).toHaveLength(0);
  });

  it('registers a complete Beschluss item for the submitter’s own office and tells the SPK channel', async () => {
    const { sent } = captureConnector(SERVICE_URL);
    const text = await invoke(
      bot,
      click(JONAS, 'topic.register', { ...decision, officeId: 'jugendamt' }, 'submit-1'),
    );
    expect(text).toContain('steht auf der Tagesordnung der Sitzung am Do, 10. Dez. 2026, 10:00');
    const [item] = await items(DECEMBER);
    expect(item).toMatchObject({
      officeId: 'jugendamt',
      status: 'registered',
      purpose: 'decision',
      submittedBy: JONAS.aadObjectId,
    });
    await eventually(() => sent.length === 1);
    expect(sent[0]?.conversationId).toBe(CHANNEL);
    expect(cardText(cardOf(sent[0]?.body ?? {}))).toContain('eingereicht von: Jugendamt');
  });

  it('a repeated delivery or a second click does not register it twice', async () => {
    expect(await invoke(bot, click(JONAS, 'topic.register', decision, 'submit-1'))).toContain(
      'bereits angemeldet',
    );
    expect(await invoke(bot, click(JONAS, 'topic.register', decision, 'submit-2'))).toContain(
      'bereits angemeldet',
    );
    expect(await items(DECEMBER)).toHaveLength(1);
  });

  it('after the deadline the form says so and offers "als verspätet einreichen"; nothing is saved until then', async () => {
    const late = { ...decision, sessionId: SOON, title: 'Sanierung Sporthalle', purpose: 'information' };
    const text = await invoke(bot, click(THOMAS, 'topic.register', late));
    expect(text).toContain('Der Anmeldeschluss (Do, 19. Nov., 23:59) ist vorbei');
    expect(text).toContain('Als verspätet einreichen');
    expect(await items(SOON)).toHaveLength(0);

    const { sent } = captureConnector(SERVICE_URL);
    expect(await invoke(bot, click(THOMAS, 'topic.register', { ...late, submitLate: true }))).toContain(
      'verspätet eingereicht',
    );
    expect((await items(SOON))[0]).toMatchObject({
      status: 'lateRequested',
      officeId: 'stadtentwicklungsamt',
    });
    await eventually(() => sent.length === 1);
    expect(cardText(cardOf(sent[0]?.body ?? {}))).toContain(
      'eingereicht von: Stadtentwicklungsamt. Aufnehmen?',
    );
  });

  it('a late item is not on the agenda until the SPK accepts it; only the SPK decides', async () => {
    const [item] = await items(SOON);
    const data = { bodyId: PLANUNG, sessionId: SOON, itemId: item?.itemId, decision: 'accept' };
    expect(await reply(bot, say(JONAS, 'tagesordnung'))).toContain(
      'Verspätet eingereicht und noch nicht entschieden: 1',
    );
    expect(await invoke(bot, click(JONAS, 'topic.late', data))).toContain('nur die Geschäftsstelle');
    expect(await invoke(bot, click(SPK, 'topic.late', data))).toContain('steht jetzt auf der Tagesordnung');
    expect(await invoke(bot, click(SPK, 'topic.late', data))).toContain('bereits entschieden');
  });

  it('"tagesordnung" shows the next session’s agenda: items in order, office, purpose, marking and deadline state', async () => {
    const text = await reply(bot, say(JONAS, 'tagesordnung'));
    expect(text).toContain('Tagesordnung – Sitzung am Do, 26. Nov. 2026, 10:00');
    expect(text).toContain('Anmeldeschluss war Do, 19. Nov., 23:59');
    expect(text).toContain('TOP 1: Sanierung Sporthalle');
    expect(text).toContain('Erörterung · Information · Stadtentwicklungsamt');
  });

  it('another office cannot withdraw an item; its own office can before the deadline', async () => {
    const [item] = await items(DECEMBER);
    const data = { bodyId: PLANUNG, sessionId: DECEMBER, itemId: item?.itemId };
    expect(await invoke(bot, click(THOMAS, 'topic.withdraw', data))).toContain(
      'Zurückziehen können das eigene Amt',
    );
    expect(await invoke(bot, click(JONAS, 'topic.withdraw', data))).toContain('zurückgezogen');
    expect((await items(DECEMBER))[0]?.status).toBe('withdrawn');
    const actions = (await store.sessionAudit(PLANUNG, DECEMBER)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['topic.registered', 'topic.withdrawn']));
  });

  it('the SPK reorders the agenda in one step; others cannot; forged item ids are refused', async () => {
    const second = {
      ...decision,
      sessionId: SOON,
      title: 'Bericht Quartiersmanagement',
      purpose: 'information',
      submitLate: true,
    };
    await invoke(bot, click(JONAS, 'topic.register', second));
    const late = (await items(SOON)).find((i) => i.title === 'Bericht Quartiersmanagement');
    await invoke(
      bot,
      click(SPK, 'topic.late', {
        bodyId: PLANUNG,
        sessionId: SOON,
        itemId: late?.itemId,
        decision: 'accept',
      }),
    );
    const sporthalle = (await items(SOON)).find((i) => i.title === 'Sanierung Sporthalle');
    const manage = await invoke(bot, click(SPK, 'agenda.manage', { bodyId: PLANUNG, sessionId: SOON }));
    expect(manage).toContain('Tagesordnung bearbeiten');
    expect(await invoke(bot, click(JONAS, 'agenda.manage', { bodyId: PLANUNG, sessionId: SOON }))).toContain(
      'nur die Geschäftsstelle',
    );

    const order = {
      bodyId: PLANUNG,
      sessionId: SOON,
      [`pos_${late?.itemId}`]: '1',
      [`pos_${sporthalle?.itemId}`]: '2',
    };
    expect(await invoke(bot, click(JONAS, 'agenda.reorder', order))).toContain('nur die Geschäftsstelle');
    expect(await invoke(bot, click(SPK, 'agenda.reorder', { ...order, pos_erfunden: '3' }))).toContain(
      'gibt es nicht',
    );
    expect(
      await invoke(bot, click(SPK, 'agenda.reorder', { ...order, [`pos_${late?.itemId}`]: 'eins' })),
    ).toContain('ungültige Daten');
    expect(await invoke(bot, click(SPK, 'agenda.reorder', order))).toContain(
      '1. Bericht Quartiersmanagement · 2. Sanierung Sporthalle',
    );
    const agenda = await reply(bot, say(JONAS, 'tagesordnung'));
    expect(agenda.indexOf('TOP 1: Bericht Quartiersmanagement')).toBeGreaterThan(-1);
    expect(agenda.indexOf('TOP 2: Sanierung Sporthalle')).toBeGreaterThan(-1);
  });

  it('the SPK edits an item (validated like a registration); the office stays; others cannot', async () => {
    const sporthalle = (await items(SOON)).find((i) => i.title === 'Sanierung Sporthalle');
    const edit = { bodyId: PLANUNG, sessionId: SOON, itemId: sporthalle?.itemId ?? '' };
    expect(await invoke(bot, click(SPK, 'topic.edit', edit))).toContain('Thema bearbeiten');
    expect(await invoke(bot, click(THOMAS, 'topic.edit', edit))).toContain('nur die Geschäftsstelle');
    const changed = {
      ...edit,
      title: 'Sanierung Sporthalle Onkel-Tom-Straße',
      purpose: 'decision',
      description: '',
      documents: '',
      conflictsOfGoals: '',
    };
    expect(await invoke(bot, click(SPK, 'topic.register', changed))).toContain('Bitte ausfüllen.');
    expect(
      await invoke(bot, click(THOMAS, 'topic.register', { ...changed, purpose: 'information' })),
    ).toContain('nur die Geschäftsstelle');
    expect(await invoke(bot, click(SPK, 'topic.register', { ...changed, purpose: 'information' }))).toContain(
      'wurde geändert',
    );
    const after = (await items(SOON)).find((i) => i.itemId === sporthalle?.itemId);
    expect(after).toMatchObject({
      title: 'Sanierung Sporthalle Onkel-Tom-Straße',
      officeId: 'stadtentwicklungsamt',
      status: 'lateAccepted',
      position: 2,
    });
    expect((await store.sessionAudit(PLANUNG, SOON)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['agenda.reordered', 'topic.edited']),
    );
  });

  it('a late decision on a forged item id is refused', async () => {
    expect(
      await invoke(
        bot,
        click(SPK, 'topic.late', {
          bodyId: PLANUNG,
          sessionId: SOON,
          itemId: 'erfunden',
          decision: 'accept',
        }),
      ),
    ).toContain('gibt es nicht');
  });

  it('in English for an English client', async () => {
    const text = await reply(bot, { ...say(JONAS, 'register topic'), locale: 'en-GB' });
    expect(text).toContain('Register a topic');
    expect(text).toContain('Registration closes: Thu, 3 Dec, 23:59');
  });
});

/** "](https://evil" whose "]" is not escaped (in card JSON, an escape is two backslashes). */
const UNESCAPED_LINK = /(?<!\\\\)\]\(https:\/\/evil/;

describe('user text in the bot’s own cards', () => {
  it('a Markdown link or emphasis in a topic title is shown as typed, never as a link', async () => {
    const title = '[Hier klicken](https://evil.example) **dringend**';
    const { sent } = captureConnector(SERVICE_URL);
    const res = await postActivity(
      bot,
      click(
        THOMAS,
        'topic.register',
        { ...decision, title, documents: 'https://intranet.berlin.de/a_(b).pdf' },
        'md-1',
      ),
    );
    const card = JSON.stringify((res.body as { value: unknown }).value);
    // What a person sees is the title as typed …
    expect(cardText((res.body as { value: unknown }).value)).toContain(title);
    // … because the card's Markdown has it escaped: no link, no bold from user text.
    expect(card).not.toMatch(UNESCAPED_LINK);
    expect(card).toContain(
      JSON.stringify('\\[Hier klicken\\](https://evil.example) \\*\\*dringend\\*\\*').slice(1, -1),
    );
    // The SPK's notice in the channel shows it as typed, too.
    await eventually(() => sent.some((s) => !s.updates));
    const notice = cardOf(sent.find((s) => !s.updates)?.body ?? {});
    expect(cardText(notice)).toContain(title);
    expect(JSON.stringify(notice)).not.toMatch(UNESCAPED_LINK);
    const raw = JSON.stringify((res.body as { value: unknown }).value);
    // A document link cannot close a Markdown link early or start emphasis.
    expect(raw).toContain('https://intranet.berlin.de/a%5F%28b%29.pdf');
    expect(raw).not.toContain('a_(b).pdf');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GremienStore } from '../../src/ports/gremien-store.js';
import type { ItemRow } from '../../src/ports/records.js';
import {
  captureConnector,
  cardOf,
  cardText,
  eventually,
  postActivity,
  type SentActivity,
  TEST_NOW,
  type TestBot,
} from '../support/bot.js';
import { approveMembers, people, startBodyBot, testItem } from '../support/http-setup.js';
import { audit } from '../support/session-seed.js';
import {
  click,
  invoke,
  invokeAnswer,
  type Person,
  reply,
  SERVICE_URL,
  SPK,
  say,
} from '../support/teams-actions.js';

// A body of 26 voting offices and two commissioners, from a body file of its own.
const BODY = 'test-ag';
const person = people('0c0c0c0c');
const offices = Array.from({ length: 26 }, (_, i) => `amt-${i + 1}`);
const COMMISSIONER = { ...person('beauftragte-1'), aadObjectId: '0c0c0c0c-0000-4000-8000-b00000000001' };
const OUTSIDER = { ...person('x'), aadObjectId: '0c0c0c0c-0000-4000-8000-ffffffffffff' };
const SESSION = '2026-11-22-1200';

let bot: TestBot;
let store: GremienStore;

beforeAll(async () => {
  ({ bot, store } = await startBodyBot({ voting: 26, commissioners: 2 }));
  await approveMembers(store, BODY, [
    ...offices.map((o) => [o, person(o)] as const),
    ['beauftragte-1', COMMISSIONER] as const,
  ]);
  expect(await invoke(bot, click(SPK, 'body.link', { bodyId: BODY }))).toContain('gehört jetzt');
  expect(
    await invoke(
      bot,
      click(SPK, 'session.create', { bodyId: BODY, date: '2026-11-22', time: '12:00', place: 'Raum 101' }),
    ),
  ).toContain('angelegt');
  const item = (itemId: string, title: string, purpose: ItemRow['purpose'], minute: number) =>
    testItem(person('amt-1'), itemId, title, purpose, new Date(TEST_NOW.getTime() - minute * 60_000), {
      description: '',
      documents: [],
      submitterName: 'x',
    });
  await store.commitSession(
    BODY,
    SESSION,
    [
      { kind: 'item', value: item('i-beschluss', 'Neubau Jugendfreizeiteinrichtung', 'decision', 60) },
      { kind: 'item', value: item('i-info', 'Bericht Quartiersmanagement', 'information', 30) },
    ],
    audit('items'),
  );
});
afterAll(async () => {
  await bot.close();
});

const checkIn = (p: Person) => click(p, 'session.checkIn', { bodyId: BODY, sessionId: SESSION });
const ballot = (p: Person, choice: string, argument = '') =>
  click(p, 'vote.cast', { bodyId: BODY, sessionId: SESSION, voteId: 'v-i-beschluss', choice, argument });

describe('running a session', () => {
  it('only the SPK starts it; the check-in card shows agenda and quorum', async () => {
    expect(await reply(bot, say(person('amt-1'), 'sitzung starten'))).toContain('nur die Geschäftsstelle');
    const text = await reply(bot, say(SPK, 'sitzung starten'));
    expect(text).toContain('Sitzung am So, 22. Nov. 2026, 12:00');
    expect(text).toContain('TOP 1: Neubau Jugendfreizeiteinrichtung (Beschluss)');
    expect(text).toContain('Nicht beschlussfähig: 0 von 26 stimmberechtigten Ämtern anwesend (nötig: 13)');
  });

  it('check-in counts an office once, refreshes the card for everyone and turns quorate at 13', async () => {
    const { sent } = captureConnector(SERVICE_URL);
    for (const office of offices.slice(0, 12)) await invoke(bot, checkIn(person(office)));
    expect(await invoke(bot, checkIn(person('amt-1')))).toContain('Nicht beschlussfähig: 12 von 26');
    const text = await invoke(bot, checkIn(person('amt-13')));
    expect(text).toContain('Beschlussfähig: 13 von 26 stimmberechtigten Ämtern anwesend (nötig: 13)');
    await eventually(() =>
      sent.some((s) => s.updates && cardText(cardOf(s.body)).includes('Beschlussfähig: 13')),
    );
    for (const office of offices.slice(13, 25)) await invoke(bot, checkIn(person(office)));
    const advisory = await invoke(bot, checkIn(COMMISSIONER));
    expect(advisory).toContain('Beratend anwesend: Beauftragte 1');
    expect(await invoke(bot, checkIn(OUTSIDER))).toContain('nur bestätigte Mitglieder');
  });

  it('a vote opens only on a Beschluss item, by the SPK, with the rule in words and a frozen base', async () => {
    expect(await reply(bot, say(SPK, 'abstimmung TOP 2'))).toContain('TOP 2 ist ein Erörterungspunkt');
    expect(await reply(bot, say(SPK, 'abstimmung TOP 9'))).toContain('Einen TOP 9 gibt es');
    expect(await reply(bot, say(person('amt-2'), 'abstimmung TOP 1'))).toContain('nur die Geschäftsstelle');
    const text = await reply(bot, say(SPK, 'Abstimmung TOP 1'));
    expect(text).toContain('Abstimmung TOP 1');
    expect(text).toContain(
      'Angenommen mit mindestens 2/3 der anwesenden stimmberechtigten Mitglieder: 17 von 25.',
    );
    // A late arrival does not join the frozen base.
    await invoke(bot, checkIn(person('amt-26')));
    expect(await invoke(bot, ballot(person('amt-26'), 'yes'))).toContain('nicht als anwesend eingetragen');
  });

  it('the vote card gives every member a copy of their own: their office’s ballot on top', async () => {
    const { sent } = captureConnector(SERVICE_URL);
    await postActivity(bot, say(SPK, 'abstimmung TOP 1'));
    await eventually(() => sent.some((s) => !s.updates));
    const card = cardOf(sent.find((s) => !s.updates)?.body ?? {}) as {
      refresh?: { action: { verb: string }; userIds: string[] };
    };
    expect(card.refresh?.action.verb).toBe('vote.view');
    expect(card.refresh?.userIds).toContain(person('amt-1').id);
    const view = (p: Person) =>
      click(p, 'vote.view', { bodyId: BODY, sessionId: SESSION, voteId: 'v-i-beschluss' });
    expect(await invoke(bot, view(person('amt-5')))).toContain('Ihr Amt (Amt 5) hat noch nicht abgestimmt.');
    await invoke(bot, ballot(person('amt-5'), 'abstain'));
    expect(await invoke(bot, view(person('amt-5')))).toContain('Ihre Stimme für Amt 5: Enthaltung');
    expect(await invoke(bot, view(OUTSIDER))).not.toContain('Ihre Stimme');
  });

  it('25 offices press "Ja" at the same moment: 25 rows, exact tally', async () => {
    const results = await Promise.all(offices.slice(0, 25).map((o) => invoke(bot, ballot(person(o), 'yes'))));
    expect(results.every((r) => r.includes('gespeichert: Ja'))).toBe(true);
    const snapshot = await store.loadSession(BODY, SESSION);
    const counted = [...(snapshot?.ballots.values() ?? [])]
      .map((b) => b.value)
      .filter((b) => b.capacity === 'vote');
    expect(counted).toHaveLength(25);
    expect(counted.every((b) => b.choice === 'yes')).toBe(true);
    const audit = await store.sessionAudit(BODY, SESSION);
    expect(audit.filter((a) => a.action === 'ballot.cast')).toHaveLength(25);
  });

  it('ballots: one per office, changeable, arguments kept; advisory opinions apart; bad input refused', async () => {
    expect(await invoke(bot, ballot(person('amt-1'), 'yes', 'Dringend nötig für den Kiez'))).toContain(
      'Ihre Stimme für Amt 1 ist gespeichert: Ja',
    );
    expect(await invoke(bot, ballot(person('amt-1'), 'yes', 'Dringend nötig für den Kiez'))).toContain(
      'unverändert',
    );
    expect(await invoke(bot, ballot(person('amt-2'), 'no', 'Zu teuer'))).toContain('gespeichert: Nein');
    expect(await invoke(bot, ballot(COMMISSIONER, 'no', 'Barrierefreiheit fehlt'))).toContain(
      'beratende Stellungnahme',
    );
    expect(await invoke(bot, ballot(OUTSIDER, 'yes'))).toContain('nur bestätigte Mitglieder');
    expect(await invoke(bot, ballot(person('amt-3'), 'yes', 'x'.repeat(2001)))).toContain(
      'höchstens 2000 Zeichen',
    );
    expect(
      await invoke(
        bot,
        click(person('amt-3'), 'vote.cast', {
          bodyId: BODY,
          sessionId: SESSION,
          voteId: 'v-erfunden',
          choice: 'yes',
        }),
      ),
    ).toContain('gibt es nicht');
    expect(
      await invoke(
        bot,
        click(person('amt-3'), 'vote.cast', {
          bodyId: BODY,
          sessionId: SESSION,
          voteId: 'v-i-beschluss',
          choice: 'vielleicht',
        }),
      ),
    ).toContain('ungültige Daten');
    // A card that names another office is refused, never redirected to the clicker's own.
    const ballotsBefore = (await store.loadSession(BODY, SESSION))?.ballots;
    const forged = (data: Record<string, unknown>) =>
      click(person('amt-3'), 'vote.cast', {
        bodyId: BODY,
        sessionId: SESSION,
        voteId: 'v-i-beschluss',
        choice: 'yes',
        ...data,
      });
    expect(await invoke(bot, forged({ officeId: 'amt-4' }))).toContain('nur für Ihr eigenes Amt');
    expect(await invoke(bot, forged({ onBehalfOf: 'amt-4' }))).toContain('ungültige Daten');
    expect(
      await invoke(
        bot,
        click(person('amt-3'), 'session.checkIn', { bodyId: BODY, sessionId: SESSION, officeId: 'amt-4' }),
      ),
    ).toContain('nur Ihr eigenes Amt anwesend');
    const ballotsAfter = (await store.loadSession(BODY, SESSION))?.ballots;
    for (const key of ['v-i-beschluss|amt-3', 'v-i-beschluss|amt-4'])
      expect(ballotsAfter?.get(key)?.value).toEqual(ballotsBefore?.get(key)?.value);
    // Naming one's own office is no forgery.
    expect(await invoke(bot, forged({ officeId: 'amt-3' }))).toContain(
      'Ihre Stimme für Amt 3 ist unverändert',
    );
  });

  it('"stand" shows counts by office, quorum and whether the majority is reached, with a chart', async () => {
    const { sent } = captureConnector(SERVICE_URL);
    await postTally();
    await eventually(() => sent.some((s) => !s.updates));
    const card = cardOf(sent.find((s) => !s.updates)?.body ?? {});
    const text = cardText(card);
    expect(text).toContain('Stand der Abstimmung TOP 1');
    expect(text).toContain('Die Mehrheit ist bisher erreicht.');
    expect(text).toContain('Ja (24)');
    expect(text).toContain('Nein (1)');
    expect(text).toContain('Amt 2');
    expect(text).toContain('Beratende Stellungnahmen (nicht gezählt)');
    expect(JSON.stringify(card)).toContain('"type":"Chart.Pie"');
    // Four colours that stay apart for colour-blind readers, and the counts in the labels.
    const chart = ((card?.body ?? []) as { type: string; data?: { legend: string; color: string }[] }[]).find(
      (e) => e.type === 'Chart.Pie',
    );
    const colours = chart?.data?.map((d) => d.color) ?? [];
    expect(new Set(colours).size).toBe(4);
    expect(colours).toEqual(['categoricalBlue', 'categoricalMarigold', 'categoricalPurple', 'neutral']);
    expect(chart?.data?.map((d) => d.legend)).toEqual([
      'Ja (24)',
      'Nein (1)',
      'Enthaltung (0)',
      'noch nicht abgestimmt (0)',
    ]);
    // An advisory opinion shows the opinion.
    expect(text).toContain('Beauftragte 1: Nein – „Barrierefreiheit fehlt“');
  });

  it('"stand" in a personal chat shows the votes of the body the person belongs to', async () => {
    const text = await reply(bot, say(person('amt-3'), 'stand', 'personal'));
    expect(text).toContain('Stand der Abstimmung TOP 1');
    expect(await reply(bot, say(OUTSIDER, 'stand', 'personal'))).toContain(
      'mit keiner Arbeitsgruppe verbunden',
    );
  });

  it('the SPK marks offices present or absent and records per-case grants, by command', async () => {
    expect(await reply(bot, say(person('amt-2'), 'anwesend Amt 26'))).toContain('nur die Geschäftsstelle');
    // Every posted check-in card and vote card tells the same truth as the answer.
    const { sent } = captureConnector(SERVICE_URL);
    const redrawn = (what: string, text: string) =>
      eventually(() =>
        sent.some(
          (s) =>
            s.updates && cardText(cardOf(s.body)).includes(what) && cardText(cardOf(s.body)).includes(text),
        ),
      );
    expect(await said(sent, say(SPK, 'abwesend Amt 26'))).toContain('Amt 26 ist als abwesend eingetragen');
    await redrawn('Anwesend', 'Beschlussfähig: 25 von 26');
    await redrawn('Abstimmung TOP 1', 'Beschlussfähig: 25 von 26');
    // The check-in card of the first test and both posts of the vote card.
    await eventually(() => new Set(sent.filter((s) => s.updates).map((s) => s.updates)).size >= 3);
    expect(await said(sent, say(SPK, 'anwesend Amt 26'))).toContain('Amt 26 ist als anwesend eingetragen');
    await redrawn('Anwesend', 'Beschlussfähig: 26 von 26');
    expect(await reply(bot, say(SPK, 'anwesend Amt'))).toContain('passt auf mehrere Ämter');
    expect(await reply(bot, say(SPK, 'stimmrecht gewähren Amt 3 TOP 1'))).toContain('nur Beauftragte');
    expect(await reply(bot, say(SPK, 'stimmrecht gewähren Beauftragte 2 TOP 2'))).toContain(
      'TOP 2 ist ein Erörterungspunkt',
    );
    expect(await reply(bot, say(SPK, 'Stimmrecht gewähren Beauftragte 2 TOP 1'))).toContain(
      'Beauftragte 2 hat für TOP 1 Stimmrecht',
    );
  });

  it('only the SPK closes; the outcome names ballots and arguments by office; a closed vote takes no ballot', async () => {
    expect(await reply(bot, say(person('amt-1'), 'abstimmung schließen'))).toContain(
      'nur die Geschäftsstelle',
    );
    const { sent } = captureConnector(SERVICE_URL);
    const text = await said(sent, say(SPK, 'abstimmung schließen'));
    expect(text).toContain('Ergebnis der Abstimmung TOP 1');
    // The posted vote cards turn closed: the final counts and no buttons. Redraws of one message
    // run one after another, so the last one of each vote card shows it closed.
    const lastOfEach = () => {
      const last = new Map<string, Record<string, unknown>>();
      for (const u of sent.filter((x) => x.updates && cardText(cardOf(x.body)).includes('Abstimmung TOP 1')))
        last.set(u.updates ?? '', cardOf(u.body) ?? {});
      return [...last.values()];
    };
    await eventually(
      () =>
        lastOfEach().length > 0 &&
        lastOfEach().every(
          (card) =>
            cardText(card).includes('Die Abstimmung ist geschlossen.') &&
            ((card as { actions?: unknown[] }).actions ?? []).length === 0,
        ),
    );
    expect(text).toContain('Angenommen.');
    expect(text).toContain('Argumente dafür');
    expect(text).toContain('Amt 1: Dringend nötig für den Kiez');
    expect(text).toContain('Amt 2: Zu teuer');
    expect(text).toContain('Beauftragte 1: Nein – „Barrierefreiheit fehlt“');
    expect(await invoke(bot, ballot(person('amt-13'), 'no'))).toContain('geschlossen');
    const audit = (await store.sessionAudit(BODY, SESSION)).map((a) => a.action);
    expect(audit).toEqual(
      expect.arrayContaining([
        'session.started',
        'attendance.checkedIn',
        'vote.opened',
        'ballot.cast',
        'ballot.changed',
        'vote.closed',
      ]),
    );
    expect(await reply(bot, say(SPK, 'stand'))).toContain('keine Abstimmung offen');
  });
});

/** Posts a message and returns the bot's answer (a new post), keeping the caller's capture of updates. */
async function said(sent: SentActivity[], activity: unknown): Promise<string> {
  const before = sent.filter((s) => !s.updates).length;
  await postActivity(bot, activity);
  await eventually(() => sent.filter((s) => !s.updates).length > before);
  return cardText(cardOf(sent.filter((s) => !s.updates)[before]?.body ?? {}));
}

async function postTally() {
  await postActivity(bot, say(SPK, 'stand'));
}

describe('a refused click keeps the card it came from', () => {
  it.each([
    ['a check-in by someone who is no member', () => checkIn(OUTSIDER), 'nur bestätigte Mitglieder'],
    ['a ballot on the closed vote', () => ballot(person('amt-5'), 'no'), 'Abstimmung ist geschlossen'],
    [
      'forged card data',
      () =>
        click(person('amt-5'), 'vote.cast', {
          bodyId: BODY,
          sessionId: SESSION,
          voteId: 'v-i-beschluss',
          choice: 'vielleicht',
        }),
      'ungültige Daten',
    ],
    ['an unknown action', () => click(person('amt-5'), 'vote.explode', {}), 'ungültige Daten'],
  ])('%s: a short message that fits, no replacement card', async (_name, activity, text) => {
    const answer = await invokeAnswer(bot, activity());
    expect(answer.kind).toBe('message');
    expect(answer.kind === 'message' && answer.text).toContain(text);
    expect(answer.kind === 'message' && answer.text).not.toContain('Themen melden');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GremienStore } from '../../src/ports/gremien-store.js';
import { captureConnector, cardOf, postActivity, TEST_NOW, type TestBot } from '../support/bot.js';
import { approveMembers, people, startBodyBot } from '../support/http-setup.js';
import { seedItem } from '../support/session-seed.js';
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

/**
 * Offices in the room without Teams: the SPK marks them present and records their ballots (a
 * command and the form on the vote card), marked "durch die SPK erfasst" on the cards and in the
 * audit trail; the same for written statements in an Umlaufverfahren.
 */
const BODY = 'test-ag';
const SESSION = '2026-11-22-1200';
const person = people('0e0e0e0e');
// Six voting offices; only the first three have people on Teams.
const ON_TEAMS = ['amt-1', 'amt-2', 'amt-3'];

let bot: TestBot;
let store: GremienStore;

const record = (p: Person, data: Record<string, unknown>) =>
  click(p, 'vote.record', { bodyId: BODY, sessionId: SESSION, voteId: 'v-i-1', ...data });

beforeAll(async () => {
  ({ bot, store } = await startBodyBot({ voting: 6, commissioners: 1 }));
  await approveMembers(
    store,
    BODY,
    ON_TEAMS.map((o) => [o, person(o)] as const),
  );
  expect(await invoke(bot, click(SPK, 'body.link', { bodyId: BODY }))).toContain('gehört jetzt');
  expect(
    await invoke(
      bot,
      click(SPK, 'session.create', { bodyId: BODY, date: '2026-11-22', time: '12:00', place: 'Raum 1' }),
    ),
  ).toContain('angelegt');
  await seedItem(
    { store, bodies: new Map(), clock: { now: () => TEST_NOW }, newId: () => 'x', backoff: async () => {} },
    BODY,
    SESSION,
    { itemId: 'i-1', title: 'Spielplatz Nord' },
  );
  await reply(bot, say(SPK, 'sitzung starten'));
  for (const office of ON_TEAMS)
    await invoke(bot, click(person(office), 'session.checkIn', { bodyId: BODY, sessionId: SESSION }));
  expect(await reply(bot, say(SPK, 'anwesend Amt 4'))).toContain('Amt 4 ist als anwesend eingetragen');
  expect(await reply(bot, say(SPK, 'anwesend Amt 5'))).toContain('Amt 5 ist als anwesend eingetragen');
});
afterAll(async () => {
  await bot.close();
});

describe('help in a body’s channel', () => {
  it('names that body’s rules, from its settings', async () => {
    const text = await reply(bot, say(person('amt-1'), 'hilfe'));
    expect(text).toContain('Die Regeln der Test-AG');
    expect(text).toContain('Themen bis 7 Tage vor der Sitzung anmelden · Tagesordnung 5 Tage vorher');
    expect(text).toContain('Beschluss mit mindestens 2/3 der anwesenden stimmberechtigten Mitglieder');
  });
});

describe('the SPK records ballots of offices without Teams', () => {
  it('the vote card offers the SPK the offices in the vote that have nobody on Teams', async () => {
    const { sent } = captureConnector(SERVICE_URL);
    await postActivity(bot, say(SPK, 'abstimmung TOP 1'));
    await new Promise((r) => setTimeout(r, 300));
    const card = cardOf(sent.find((s) => !s.updates)?.body ?? {}) as {
      actions?: {
        type: string;
        title: string;
        card?: { body: { id?: string; choices?: { value: string }[] }[] };
      }[];
    };
    const form = card.actions?.find((a) => a.type === 'Action.ShowCard');
    expect(form?.title).toBe('Stimme erfassen (SPK)');
    const offices = form?.card?.body.find((e) => e.id === 'recordOfficeId')?.choices?.map((c) => c.value);
    // Amt 4 and 5 are present without Teams; Amt 6 is absent; 1–3 vote themselves.
    expect(offices).toEqual(['amt-4', 'amt-5']);
  });

  it('refuses everyone but the SPK, offices on Teams, absent offices and forged data — and saves nothing', async () => {
    for (const office of ON_TEAMS)
      expect(
        await invoke(
          bot,
          click(person(office), 'vote.cast', {
            bodyId: BODY,
            sessionId: SESSION,
            voteId: 'v-i-1',
            choice: 'yes',
          }),
        ),
      ).toContain('gespeichert: Ja');
    const before = (await store.loadSession(BODY, SESSION))?.ballots.size;
    const member = await invokeAnswer(
      bot,
      record(person('amt-1'), { recordOfficeId: 'amt-4', recordChoice: 'yes' }),
    );
    expect(member).toEqual({ kind: 'message', text: expect.stringContaining('nur die Geschäftsstelle') });
    expect(await invoke(bot, record(SPK, { recordOfficeId: 'amt-2', recordChoice: 'no' }))).toContain(
      'mit Mitgliedern in Teams vertreten und stimmt selbst ab',
    );
    expect(await invoke(bot, record(SPK, { recordOfficeId: 'amt-6', recordChoice: 'yes' }))).toContain(
      'Amt 6 war bei Beginn der Abstimmung nicht als anwesend eingetragen',
    );
    expect(await invoke(bot, record(SPK, { recordOfficeId: '', recordChoice: 'yes' }))).toContain(
      'Bitte wählen Sie das Amt',
    );
    expect(
      await invoke(
        bot,
        record(SPK, { recordOfficeId: 'amt-4', recordChoice: 'yes', castBy: person('amt-1').aadObjectId }),
      ),
    ).toContain('ungültige Daten');
    expect(await reply(bot, say(person('amt-1'), 'stimme erfassen Amt 4 ja'))).toContain(
      'nur die Geschäftsstelle',
    );
    expect((await store.loadSession(BODY, SESSION))?.ballots.size).toBe(before);
    // Still 3 Ja of 5 present: the majority (4) is not reached.
    expect(await reply(bot, say(SPK, 'stand'))).toContain(
      'Die Mehrheit ist noch nicht erreicht: es fehlt 1 Ja-Stimme.',
    );
  });

  it('records a ballot from the card and one by command, marked on the tally, in the audit and counted', async () => {
    const fromCard = await invoke(
      bot,
      record(SPK, {
        recordOfficeId: 'amt-4',
        recordChoice: 'yes',
        recordArgument: 'Schriftlich zugestimmt',
        argument: '',
      }),
    );
    expect(fromCard).toContain('Stimme für Amt 4 durch die SPK erfasst: Ja.');
    expect(await reply(bot, say(SPK, 'Stimme erfassen Amt 5 nein Zu teuer für den Bezirk'))).toContain(
      'Stimme für Amt 5 durch die SPK erfasst: Nein.',
    );
    // A repeat changes nothing.
    expect(await reply(bot, say(SPK, 'stimme erfassen Amt 5 nein Zu teuer für den Bezirk'))).toContain(
      'unverändert',
    );
    const tally = await reply(bot, say(SPK, 'stand'));
    expect(tally).toContain('Amt 4 (durch die SPK erfasst)');
    expect(tally).toContain('Amt 5 (durch die SPK erfasst): Zu teuer für den Bezirk');
    expect(tally).toContain('Die Mehrheit ist bisher erreicht');
    const audit = (await store.sessionAudit(BODY, SESSION)).filter(
      (a) => a.action === 'ballot.cast' && a.actorOfficeId === 'amt-5',
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorAadObjectId).toBe(SPK.aadObjectId);
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({ choice: 'no', recordedBy: 'secretariat' });
    const closed = await reply(bot, say(SPK, 'abstimmung schließen'));
    expect(closed).toContain('Angenommen.');
    expect(closed).toContain('Amt 5 (durch die SPK erfasst): Zu teuer für den Bezirk');
  });
});

describe('written statements in an Umlaufverfahren', () => {
  it('the SPK records an office’s written statement; the card and the result say so', async () => {
    expect(
      await invoke(
        bot,
        click(SPK, 'umlauf.open', {
          bodyId: BODY,
          title: 'Eilantrag Hitzeschutz',
          text: 'Zustimmung zu den Trinkbrunnen',
          documents: '',
          deadlineDate: '2026-11-25',
          deadlineTime: '12:00',
        }),
      ),
    ).toContain('Eilantrag Hitzeschutz');
    expect(await reply(bot, say(person('amt-2'), 'umlauf stimme erfassen Amt 4 ja'))).toContain(
      'nur die Geschäftsstelle',
    );
    expect(await reply(bot, say(SPK, 'umlauf stimme erfassen Amt 2 ja'))).toContain('stimmt selbst ab');
    const text = await reply(bot, say(SPK, 'umlauf stimme erfassen Amt 4 ja Per Brief vom 21.11.'));
    expect(text).toContain('Stimme für Amt 4 durch die SPK erfasst: Ja.');
    expect(text).toContain('Eilantrag Hitzeschutz');
    expect(await reply(bot, say(SPK, 'umlauf stimme erfassen Amt 4'))).toContain('So erfasst die SPK');
  });
});

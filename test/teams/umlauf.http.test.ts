import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GremienStore } from '../../src/ports/gremien-store.js';
import {
  captureConnector,
  cardOf,
  cardText,
  postActivity,
  runScheduler,
  TEST_NOW,
  type TestBot,
} from '../support/bot.js';
import { people, startBodyBot } from '../support/http-setup.js';
import { seedMember } from '../support/session-seed.js';
import {
  CHANNEL,
  click,
  invoke,
  type Person,
  reply,
  SERVICE_URL,
  SPK,
  say,
} from '../support/teams-actions.js';
import { TEST_TENANT } from '../support/test-env.js';

async function trigger(now: string) {
  const res = await runScheduler(bot, now);
  expect(res.status).toBe(200);
  return res.body;
}

/** The Umlaufverfahren over HTTP: open, ballots, a reminder only to non-voters, early close, close at the deadline. */
const BODY = 'test-ag';
const person = people('0d0d0d0d');
const OFFICES = ['amt-1', 'amt-2', 'amt-3', 'amt-4'];
const COMMISSIONER: Person = { ...person('b'), aadObjectId: '0d0d0d0d-0000-4000-8000-b00000000001' };
let bot: TestBot;
let store: GremienStore;

const open = (from: Person, fields: Record<string, string>, id?: string) =>
  click(from, 'umlauf.open', { bodyId: BODY, ...fields }, id);
const cast = (
  from: Person,
  umlaufId: string,
  choice: string,
  argument = '',
  extra: Record<string, unknown> = {},
) => click(from, 'umlauf.cast', { bodyId: BODY, umlaufId, choice, argument, ...extra });

async function umlaufIds(): Promise<string[]> {
  return (await store.umlaufsFrom(BODY, '')).map((u) => u.umlaufId);
}

beforeAll(async () => {
  ({ bot, store } = await startBodyBot({ voting: 4, commissioners: 1 }));
  for (const [office, p] of [
    ...OFFICES.map((o) => [o, person(o)] as const),
    ['beauftragte-1', COMMISSIONER] as const,
  ]) {
    await seedMember(
      store,
      BODY,
      { aadObjectId: p.aadObjectId, officeId: office, name: p.name, teamsUserId: p.id },
      TEST_NOW,
    );
    // Each has opened a personal chat with the bot once.
    captureConnector(SERVICE_URL);
    await postActivity(bot, {
      ...say(p, 'hilfe', 'personal'),
      conversation: { id: `a:${office}`, conversationType: 'personal', tenantId: TEST_TENANT },
    });
  }
  captureConnector(SERVICE_URL);
  expect(await invoke(bot, click(SPK, 'body.link', { bodyId: BODY }))).toContain('gehört jetzt');
});
afterAll(async () => {
  await bot.close();
});

describe('opening', () => {
  it('the SPK gets the form; others are refused', async () => {
    expect(await reply(bot, say(SPK, 'umlauf'))).toContain('Umlaufverfahren eröffnen');
    expect(await reply(bot, say(person('amt-1'), 'umlauf'))).toContain('Geschäftsstelle');
  });

  it('bad input changes nothing', async () => {
    expect(await invoke(bot, open(person('amt-1'), { title: 'Eilsache', text: 'Text' }))).toContain(
      'Geschäftsstelle',
    );
    const past = await invoke(
      bot,
      open(SPK, { title: 'Eilsache', text: 'Text', deadlineDate: '2026-11-20', deadlineTime: '12:00' }),
    );
    expect(past).toContain('Frist: die Frist liegt in der Vergangenheit');
    const far = await invoke(bot, open(SPK, { title: 'Eilsache', text: 'Text', deadlineDate: '2026-12-31' }));
    expect(far).toContain('höchstens 336 Stunden');
    const empty = await invoke(bot, open(SPK, { title: '', text: '' }));
    expect(empty).toContain('Titel: bitte ausfüllen');
    const long = await invoke(bot, open(SPK, { title: 'Eilsache', text: 'x'.repeat(4001) }));
    expect(long).toContain('höchstens 4000 Zeichen');
    expect(await umlaufIds()).toEqual([]);
  });
});

describe('an Umlauf that closes early', () => {
  let id = '';
  it('opens: the card goes to the channel and to each voting office personally', async () => {
    const answer = await invoke(
      bot,
      open(SPK, {
        title: 'Stellungnahme Kita-Ausbau',
        text: 'Die AG begrüßt den Ausbau.',
        documents: 'https://intranet.example.de/kita.pdf',
        deadlineDate: '25.11.2026',
        deadlineTime: '12:00',
      }),
    );
    expect(answer).toContain('ist eröffnet');
    [id = ''] = await umlaufIds();
    const { sent } = captureConnector(SERVICE_URL);
    await trigger('2026-11-22T10:01:00Z');
    const to = sent.map((s) => s.conversationId).sort();
    expect(to).toEqual([CHANNEL, 'a:amt-1', 'a:amt-2', 'a:amt-3', 'a:amt-4'].sort()); // not the commissioner
    const text = cardText(cardOf(sent[0]?.body ?? {}));
    expect(text).toContain('Umlaufverfahren: Stellungnahme Kita-Ausbau');
    expect(text).toContain('Angenommen mit mindestens 2/3 der abgegebenen Stimmen');
    expect(text).toContain('Widerspruch gegen das Verfahren');
  });

  it('records ballots per office; a card naming another office is refused and changes nothing', async () => {
    expect(await invoke(bot, cast(person('amt-1'), id, 'yes', 'eilt', { officeId: 'amt-3' }))).toContain(
      'nur für Ihr eigenes Amt',
    );
    expect(await invoke(bot, cast(person('amt-1'), id, 'yes', 'eilt', { delegateFor: 'amt-3' }))).toContain(
      'ungültige Daten',
    );
    expect(await invoke(bot, cast(person('amt-1'), id, 'yes', 'eilt'))).toContain(
      'Ihre Stimme für Amt 1 ist gespeichert: Ja',
    );
    expect(await invoke(bot, cast(person('amt-2'), id, 'no', 'zu teuer'))).toContain(
      'Amt 2 ist gespeichert: Nein',
    );
    expect(await invoke(bot, cast(COMMISSIONER, id, 'yes', 'Teilhabe'))).toContain('beratende Stellungnahme');
    expect(await invoke(bot, cast(person('amt-2'), id, 'no', 'zu teuer'))).toContain('unverändert');
    expect(await invoke(bot, cast(person('x'), id, 'yes'))).toContain('Mitglied');
    const long = await invoke(bot, cast(person('amt-2'), id, 'no', 'x'.repeat(2001)));
    expect(long).toContain('höchstens 2000 Zeichen');
  });

  it('reminds only the offices that have not voted', async () => {
    const { sent } = captureConnector(SERVICE_URL);
    await trigger('2026-11-23T11:00:00Z'); // 48 h before 25 Nov, 12:00 CET
    expect(sent.map((s) => s.conversationId).sort()).toEqual(['a:amt-3', 'a:amt-4']);
    expect(cardText(cardOf(sent[0]?.body ?? {}))).toContain('Ihr Amt hat noch nicht abgestimmt');
  });

  it('closes as soon as the outcome cannot change (an objection) and posts the result once', async () => {
    const answer = await invoke(bot, cast(person('amt-3'), id, 'object', 'bitte in der Sitzung'));
    expect(answer).toContain('das Umlaufverfahren ist geschlossen');
    const { sent } = captureConnector(SERVICE_URL);
    await trigger('2026-11-23T11:05:00Z');
    const posted = sent.filter((s) => !s.updates);
    expect(posted).toHaveLength(1);
    // Every ballot card it sent (the opening's five and the two reminders) now shows the result, without buttons.
    const replaced = sent.filter((s) => s.updates);
    expect(replaced.map((s) => s.conversationId).sort()).toEqual(
      [CHANNEL, 'a:amt-1', 'a:amt-2', 'a:amt-3', 'a:amt-3', 'a:amt-4', 'a:amt-4'].sort(),
    );
    for (const r of replaced) {
      expect(cardText(cardOf(r.body))).toContain('Ergebnis des Umlaufverfahrens');
      expect((cardOf(r.body) as { actions?: unknown[] }).actions ?? []).toHaveLength(0);
    }
    const result = cardText(cardOf(posted[0]?.body ?? {}));
    expect(result).toContain('Widerspruch gegen das Verfahren: die Sache geht in die nächste Sitzung');
    expect(result).toContain('Amt 1: **Ja** – „eilt“');
    expect(result).toContain('Amt 3: **Widerspruch gegen das Verfahren** – „bitte in der Sitzung“');
    expect(result).toContain('Beauftragte 1: **Ja** – „Teilhabe“');
    expect(await invoke(bot, cast(person('amt-4'), id, 'yes'))).toContain('geschlossen');
    // Its deadline passes later: no second result, no reminder.
    await trigger('2026-11-25T11:00:00Z');
    expect(sent.filter((s) => !s.updates)).toHaveLength(1);
  });
});

describe('an Umlauf that closes at its deadline', () => {
  it('counts the ballots at the deadline and refuses later ones', async () => {
    const before = await umlaufIds();
    expect(
      await invoke(
        bot,
        open(SPK, {
          title: 'Eilantrag Spielplatz',
          text: 'Die AG unterstützt den Antrag.',
          deadlineDate: '27.11.2026',
          deadlineTime: '09:00',
        }),
      ),
    ).toContain('eröffnet');
    const id = (await umlaufIds()).find((u) => !before.includes(u)) ?? '';
    captureConnector(SERVICE_URL);
    await trigger('2026-11-25T12:00:00Z');
    expect(await invoke(bot, cast(person('amt-1'), id, 'yes'))).toContain('gespeichert');
    expect(await invoke(bot, cast(person('amt-2'), id, 'yes'))).toContain('gespeichert');
    expect(await invoke(bot, cast(person('amt-3'), id, 'abstain'))).toContain('gespeichert');
    const { sent } = captureConnector(SERVICE_URL);
    await trigger('2026-11-27T08:00:00Z'); // 09:00 CET
    const results = sent.filter(
      (s) => !s.updates && cardText(cardOf(s.body)).includes('Ergebnis des Umlaufverfahrens'),
    );
    // The opening's cards (channel and four offices) are replaced by the result.
    expect(sent.filter((s) => s.updates)).toHaveLength(5);
    expect(results).toHaveLength(1);
    expect(results[0]?.conversationId).toBe(CHANNEL);
    const text = cardText(cardOf(results[0]?.body ?? {}));
    expect(text).toContain('Angenommen.'); // 2 yes of 3 cast ≥ 2/3; 3 of 4 took part, 2 needed
    expect(text).toContain('Geschlossen mit Fristablauf');
    expect(text).toContain('noch nicht abgestimmt: Amt 4');
    expect(await invoke(bot, cast(person('amt-4'), id, 'no'))).toContain('geschlossen');
  });
});

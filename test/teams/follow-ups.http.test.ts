import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GremienStore } from '../../src/ports/gremien-store.js';
import {
  captureConnector,
  cardOf,
  cardText,
  eventually,
  postActivity,
  runScheduler,
  TEST_NOW,
  type TestBot,
} from '../support/bot.js';
import { docxParagraphs } from '../support/docx.js';
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

/**
 * A decision lives on, over HTTP on Azurite with the group drive on disk: a session votes, the
 * SPK sets a follow-up of the decision for the responsible office, it appears on the next
 * session's agenda and in the reminder, the office marks it done; the SPK makes the decision's
 * Entscheidungsgrundlage and the report to the Bezirksamt (both filed and parsed as .docx); a
 * member exports the register as CSV and Word.
 */
const BODY = 'test-ag';
const SESSION = '2026-11-22-1200';
const NEXT = '2026-12-10-1000';
const person = people('0f0f0f0f');
const offices = ['amt-1', 'amt-2', 'amt-3', 'amt-4'];
const driveDir = mkdtempSync(path.join(tmpdir(), 'drive-'));

let bot: TestBot;
let store: GremienStore;

const ballot = (p: Person, choice: string, argument = '') =>
  click(p, 'vote.cast', { bodyId: BODY, sessionId: SESSION, voteId: 'v-i-a', choice, argument });

/** The url of the n-th OpenUrl button of a card answer. */
async function urlOf(activity: unknown, n = 0): Promise<string> {
  const { sent } = captureConnector(SERVICE_URL);
  await postActivity(bot, activity);
  await eventually(() => sent.some((s) => !s.updates));
  const card = cardOf(sent.find((s) => !s.updates)?.body ?? {}) as { actions?: { url?: string }[] };
  return card.actions?.filter((a) => a.url)[n]?.url ?? '';
}

/** The first card the bot posts back, as JSON text (to look for buttons). */
async function replyJson(activity: unknown): Promise<string> {
  const { sent } = captureConnector(SERVICE_URL);
  await postActivity(bot, activity);
  await eventually(() => sent.some((s) => !s.updates));
  return JSON.stringify(cardOf(sent.find((s) => !s.updates)?.body ?? {}));
}

beforeAll(async () => {
  ({ bot, store } = await startBodyBot({ voting: 4, commissioners: 0 }, { GROUP_DRIVE_DIR: driveDir }));
  await approveMembers(
    store,
    BODY,
    offices.map((o) => [o, person(o)] as const),
  );
  captureConnector(SERVICE_URL);
  expect(await invoke(bot, click(SPK, 'body.link', { bodyId: BODY }))).toContain('gehört jetzt');
  for (const [date, time] of [
    ['2026-11-22', '12:00'],
    ['2026-12-10', '10:00'],
  ])
    expect(
      await invoke(bot, click(SPK, 'session.create', { bodyId: BODY, date, time, place: 'Raum 101' })),
    ).toContain('angelegt');
  await store.commitSession(
    BODY,
    SESSION,
    [
      {
        kind: 'item',
        value: testItem(
          person('amt-1'),
          'i-a',
          'Neubau Jugendfreizeiteinrichtung',
          'decision',
          new Date(TEST_NOW.getTime() - 20 * 86_400_000),
        ),
      },
    ],
    audit('seed', TEST_NOW),
  );
  // The session: all four offices, a vote with arguments for and against, the protocol released.
  expect(await reply(bot, say(SPK, 'sitzung starten'))).toContain('TOP 1');
  for (const o of offices)
    await invoke(bot, click(person(o), 'session.checkIn', { bodyId: BODY, sessionId: SESSION }));
  await reply(bot, say(SPK, 'abstimmung TOP 1'));
  await invoke(bot, ballot(person('amt-1'), 'yes', 'Dringend nötig für den Kiez'));
  await invoke(bot, ballot(person('amt-2'), 'yes'));
  await invoke(bot, ballot(person('amt-4'), 'yes', 'Standort geprüft'));
  await invoke(bot, ballot(person('amt-3'), 'no', 'Zu teuer'));
  const closed = await replyJson(say(SPK, 'abstimmung schließen'));
  expect(closed).toContain('Beschluss Test-AG 2026/01');
  // The result card offers the SPK a follow-up of the decision.
  expect(closed).toContain('"verb":"followUp.form"');
  await reply(bot, say(SPK, 'sitzung beenden'));
  expect(
    await invoke(bot, click(SPK, 'protocol.save', { bodyId: BODY, sessionId: SESSION, release: true })),
  ).toContain('freigegeben');
});
afterAll(async () => {
  await bot.close();
});

describe('follow-ups (Wiedervorlagen)', () => {
  const ref = `session/${SESSION}/v-i-a`;

  it('only the SPK sets one; a bad form comes back with what to correct and stores nothing', async () => {
    expect(await reply(bot, say(SPK, 'wiedervorlage 2026/01'))).toContain('Wiedervorlage anlegen');
    expect(await reply(bot, say(person('amt-1'), 'wiedervorlage 2026/01'))).toContain('Geschäftsstelle');
    expect(await reply(bot, say(SPK, 'wiedervorlage 2026/77'))).toContain(
      'gibt es in dieser Arbeitsgruppe nicht',
    );
    const bad = await invoke(
      bot,
      click(SPK, 'followUp.add', {
        bodyId: BODY,
        ref,
        what: 'x',
        officeId: 'nope',
        dueKind: 'date',
        dueDate: '2026-11-01',
      }),
    );
    expect(bad).toContain('mindestens 3 Zeichen');
    expect(bad).toContain('zuständige Amt');
    expect(bad).toContain('Vergangenheit');
    const forged = await invoke(
      bot,
      click(person('amt-1'), 'followUp.add', { bodyId: BODY, ref, what: 'Kosten prüfen', officeId: 'amt-3' }),
    );
    expect(forged).toContain('Geschäftsstelle');
    expect(
      await invoke(
        bot,
        click(SPK, 'followUp.add', {
          bodyId: BODY,
          ref: 'session/x/v-y',
          what: 'Kosten prüfen',
          officeId: 'amt-3',
        }),
      ),
    ).toContain('gibt es nicht');
    expect(await store.followUps(BODY)).toEqual([]);
  });

  it('set for the next session, once even when the click is delivered twice', async () => {
    const add = click(
      SPK,
      'followUp.add',
      { bodyId: BODY, ref, what: 'Kosten prüfen und berichten', officeId: 'amt-3', dueKind: 'next' },
      'add-follow-up-1',
    );
    const answer = await invoke(bot, add);
    expect(answer).toContain(
      'Wiedervorlage angelegt: Kosten prüfen und berichten (Amt 3, zur Sitzung am 10.12.2026)',
    );
    await invoke(bot, add);
    const rows = await store.followUps(BODY);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.value).toMatchObject({
      origin: 'Test-AG 2026/01',
      officeId: 'amt-3',
      due: 'next',
      status: 'open',
    });
  });

  it('appears on the next session’s agenda and in the reminder before its deadline', async () => {
    const agenda = await reply(bot, say(person('amt-2'), 'tagesordnung'));
    expect(agenda).toContain('Wiedervorlagen');
    expect(agenda).toContain(
      '**Kosten prüfen und berichten** · Amt 3 · zur Sitzung am 10.12.2026 · aus Test-AG 2026/01 · offen',
    );
    const { sent } = captureConnector(SERVICE_URL);
    // 03.12. 08:00 Berlin: seven days before, the registration reminder.
    await runScheduler(bot, '2026-12-03T07:00:30.000Z');
    await eventually(() =>
      sent.some((s) => cardText(cardOf(s.body)).includes('Wiedervorlagen zu dieser Sitzung')),
    );
    const reminder = cardText(
      cardOf(
        sent.find((s) => cardText(cardOf(s.body)).includes('Wiedervorlagen zu dieser Sitzung'))?.body ?? {},
      ),
    );
    expect(reminder).toContain('Kosten prüfen und berichten');
    expect(reminder).toContain('Amt 3');
  });

  it('the responsible office marks it done with a note; another office cannot; a second click changes nothing', async () => {
    const asOther = await replyJson(say(person('amt-1'), 'wiedervorlagen'));
    expect(asOther).toContain('Kosten prüfen und berichten');
    expect(asOther).not.toContain('followUp.done');
    const asOwner = await replyJson(say(person('amt-3'), 'wiedervorlagen'));
    expect(asOwner).toContain('"verb":"followUp.done"');
    const id = (await store.followUps(BODY))[0]?.id ?? '';
    const refused = await invokeAnswer(
      bot,
      click(person('amt-1'), 'followUp.done', { bodyId: BODY, followUpId: id }),
    );
    expect(refused).toEqual({
      kind: 'message',
      text: expect.stringContaining('nur das zuständige Amt (Amt 3)'),
    });
    const done = await invoke(
      bot,
      click(person('amt-3'), 'followUp.done', {
        bodyId: BODY,
        followUpId: id,
        [`note_${id}`]: 'Kostenschätzung liegt vor',
      }),
    );
    expect(done).toContain('Als erledigt vermerkt: Kosten prüfen und berichten');
    expect(done).toContain('erledigt am');
    expect(done).toContain('Kostenschätzung liegt vor');
    const again = await invokeAnswer(
      bot,
      click(person('amt-3'), 'followUp.done', { bodyId: BODY, followUpId: id }),
    );
    expect(again).toEqual({ kind: 'message', text: expect.stringContaining('schon erledigt') });
    expect((await store.followUps(BODY))[0]?.value).toMatchObject({
      status: 'done',
      doneNote: 'Kostenschätzung liegt vor',
      doneBy: person('amt-3').aadObjectId,
    });
    // Reported as done on the agenda of the session it was due at; the decision shows it too.
    expect(await reply(bot, say(person('amt-2'), 'tagesordnung'))).toContain('Kostenschätzung liegt vor');
    const decision = await reply(bot, say(person('amt-2'), 'beschluss 2026/01'));
    expect(decision).toContain('Kostenschätzung liegt vor');
    // Linked to its session's protocol: where it is filed, and the download.
    expect(decision).toContain(
      'Im Ergebnisprotokoll der Sitzung (Fassung 1). Abgelegt im Gruppenlaufwerk: Test-AG/2026/2026-11-22 12.00 Ergebnisprotokoll (Fassung 1).docx',
    );
    expect(decision).toContain('Protokoll (Word)');
  });
});

describe('a follow-up of an agenda item, carried over when its session is cancelled', () => {
  it('from the protocol draft’s item picker: the form comes as a message of its own, the draft stays', async () => {
    const { sent } = captureConnector(SERVICE_URL);
    const answer = await invokeAnswer(
      bot,
      click(SPK, 'followUp.form', { bodyId: BODY, sessionId: SESSION, ref: 'i-a' }),
    );
    expect(answer).toEqual({ kind: 'message', text: expect.stringContaining('Formular') });
    const form = () => sent.find((x) => cardText(cardOf(x.body)).includes('Wiedervorlage speichern'));
    await eventually(() => form() !== undefined);
    expect(cardText(cardOf(form()?.body ?? {}))).toContain(
      'TOP 1, 22.11.2026: Neubau Jugendfreizeiteinrichtung',
    );
    expect(
      await invoke(
        bot,
        click(SPK, 'followUp.add', {
          bodyId: BODY,
          ref: `item/${SESSION}/i-a`,
          what: 'Standortalternativen vorlegen',
          officeId: 'amt-2',
          dueKind: 'next',
        }),
      ),
    ).toContain('zur Sitzung am 10.12.2026');
  });

  it('the session it was due at is cancelled: it moves to the next one that takes place', async () => {
    expect(await reply(bot, say(SPK, 'sitzung absagen 10.12.2026'))).toContain('abgesagt');
    expect((await store.loadSession(BODY, NEXT))?.session.value.status).toBe('cancelled');
    expect(
      await invoke(
        bot,
        click(SPK, 'session.create', { bodyId: BODY, date: '2027-01-14', time: '10:00', place: 'Raum 101' }),
      ),
    ).toContain('angelegt');
    const agenda = await reply(bot, say(person('amt-2'), 'tagesordnung'));
    expect(agenda).toContain('Sitzung am Do, 14. Jan. 2027');
    expect(agenda).toContain(
      '**Standortalternativen vorlegen** · Amt 2 · zur Sitzung am 14.01.2027 · aus TOP 1, 22.11.2026',
    );
  });
});

describe('documents for the Bezirksamt', () => {
  it('the Entscheidungsgrundlage: arguments for and against by office, the quorum; filed and downloadable; SPK only', async () => {
    expect(await reply(bot, say(person('amt-1'), 'grundlage 2026/01'))).toContain('Geschäftsstelle');
    expect(await reply(bot, say(SPK, 'grundlage 26'))).toContain('grundlage 2027/03');
    const answer = await reply(bot, say(SPK, 'grundlage 2026/01'));
    expect(answer).toContain('Entscheidungsgrundlage Test-AG 2026/01 erstellt');
    expect(answer).toContain('Abgelegt im Gruppenlaufwerk: Test-AG/2026/Entscheidungsgrundlage 2026-01.docx');
    const filed = path.join(driveDir, 'Test-AG', '2026', 'Entscheidungsgrundlage 2026-01.docx');
    expect(existsSync(filed)).toBe(true);
    const text = docxParagraphs(readFileSync(filed));
    expect(text).toEqual(
      expect.arrayContaining([
        'Entscheidungsgrundlage Test-AG 2026/01',
        'Neubau Jugendfreizeiteinrichtung',
        'Argumente dafür (nach Amt)',
        'Amt 1: Dringend nötig für den Kiez',
        'Amt 2: ohne Begründung',
        'Argumente dagegen (nach Amt)',
        'Amt 3: Zu teuer',
        'Beschlussfähigkeit bei der Abstimmung: 4 von 4 stimmberechtigten Ämtern anwesend (nötig: 2).',
      ]),
    );
    expect(text.join('\n')).toMatch(
      /In der Sitzung am So, 22\. Nov\. 2026: Angenommen\. \(Ja 3, Nein 1, Enthaltung 0\)/,
    );
    // Asked again: the same file stands (names are never overwritten); the download still works.
    const url = await urlOf(say(SPK, 'grundlage 2026/01'));
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    expect(docxParagraphs(new Uint8Array(await res.arrayBuffer()))).toContain('Amt 3: Zu teuer');
  });

  it('the report: sessions with attendance, decisions, follow-ups; filed and downloadable', async () => {
    expect(await reply(bot, say(SPK, 'bericht'))).toContain('bericht 01.01.2027 30.06.2027');
    expect(await reply(bot, say(SPK, 'bericht 31.12.2026 01.11.2026'))).toContain('höchstens ein Jahr');
    expect(await reply(bot, say(person('amt-1'), 'bericht 01.11.2026 31.12.2026'))).toContain(
      'Geschäftsstelle',
    );
    const answer = await reply(bot, say(SPK, 'bericht 01.11.2026 31.12.2026'));
    expect(answer).toContain('Bericht 01.11.2026 – 31.12.2026 erstellt');
    const folder = path.join(driveDir, 'Test-AG', '2026');
    const { readdirSync } = await import('node:fs');
    const name = readdirSync(folder).find((f) =>
      f.includes('Bericht an das Bezirksamt 2026-11-01 bis 2026-12-31'),
    );
    expect(name).toBeDefined();
    const text = docxParagraphs(readFileSync(path.join(folder, name ?? '')));
    expect(text).toEqual(
      expect.arrayContaining([
        'Bericht der Test-AG an das Bezirksamt',
        '22.11.2026 – abgehalten',
        'Ergebnisprotokoll freigegeben (Fassung 1).',
        '1 Sitzung, 1 Beschluss (davon 0 im Umlaufverfahren).',
        '10.12.2026 – abgesagt',
        'Test-AG 2026/01',
        'Kosten prüfen und berichten',
        'erledigt: Kostenschätzung liegt vor',
      ]),
    );
    // Attendance per office: the four that came (a table row each).
    expect(text.filter((t) => t === 'anwesend').length).toBeGreaterThanOrEqual(4);
    const url = await urlOf(say(SPK, 'bericht 01.11.2026 31.12.2026'));
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(docxParagraphs(new Uint8Array(await res.arrayBuffer()))).toContain('22.11.2026 – abgehalten');
  });

  it('members export the register as CSV (German headers, Berlin time) and Word; outsiders cannot', async () => {
    const csvUrl = await urlOf(say(person('amt-2'), 'beschlüsse export 2026'), 0);
    const docxUrl = await urlOf(say(person('amt-2'), 'beschlüsse export 2026'), 1);
    const csv = await (await fetch(csvUrl)).text();
    const [header, row] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe(
      'Nummer;Beschlossen am;Verfahren;Gegenstand;Beschlusstext;Ergebnis;Ja;Nein;Enthaltung;Nötig;Basis;Anwesend/Beteiligt;Stimmen und Begründungen je Amt',
    );
    expect(row).toMatch(
      /^Test-AG 2026\/01;2026-11-22 1\d:\d\d:\d\d;Sitzung;Neubau Jugendfreizeiteinrichtung;/,
    );
    expect(row).toContain('Amt 3: Nein – Zu teuer');
    const docx = docxParagraphs(new Uint8Array(await (await fetch(docxUrl)).arrayBuffer()));
    expect(docx).toContain('Beschlussregister der Test-AG 2026');
    expect(
      await reply(
        bot,
        say(
          { id: '29:x', name: 'X', aadObjectId: '0f0f0f0f-0000-4000-8000-ffffffffffff' },
          'beschlüsse export',
        ),
      ),
    ).toContain('Mitglied');
  });

  it('in English for English clients', async () => {
    const en = (p: Person, text: string) => ({ ...say(p, text), locale: 'en-GB' });
    expect(await reply(bot, en(person('amt-3'), 'follow-ups'))).toContain('Follow-ups of the Test-AG');
    expect(await reply(bot, en(SPK, 'basis 2026/01'))).toContain('Decision basis Test-AG 2026/01 made');
  });
});

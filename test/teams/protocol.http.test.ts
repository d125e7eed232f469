import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProtocolDocument } from '../../src/domain/protocol.js';
import type { GremienStore } from '../../src/ports/gremien-store.js';
import type { ItemRow } from '../../src/ports/records.js';
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
import { click, invoke, type Person, reply, SERVICE_URL, SPK, say } from '../support/teams-actions.js';

/**
 * A whole session over HTTP — check-ins, a late arrival, an early departure, two votes, an
 * advisory opinion, a grant, a late item — then `sitzung beenden`, the draft, the release and
 * the files: the protocol must state exactly these facts.
 */
const BODY = 'test-ag';
const SESSION = '2026-11-22-1200';
const person = people('0d0d0d0d');
const offices = Array.from({ length: 10 }, (_, i) => `amt-${i + 1}`);
const COMMISSIONER = { ...person('beauftragte-1'), aadObjectId: '0d0d0d0d-0000-4000-8000-b00000000001' };
const OUTSIDER = { ...person('x'), aadObjectId: '0d0d0d0d-0000-4000-8000-ffffffffffff' };

let bot: TestBot;
let store: GremienStore;

const checkIn = (p: Person) => click(p, 'session.checkIn', { bodyId: BODY, sessionId: SESSION });
const ballot = (p: Person, item: string, choice: string, argument = '') =>
  click(p, 'vote.cast', { bodyId: BODY, sessionId: SESSION, voteId: `v-${item}`, choice, argument });
const save = (p: Person, data: Record<string, unknown>) =>
  click(p, 'protocol.save', { bodyId: BODY, sessionId: SESSION, ...data });

async function linkFor(p: Person, kind: string, sessionId = SESSION): Promise<string | undefined> {
  const res = await postActivity(bot, click(p, 'file.link', { kind, bodyId: BODY, sessionId }));
  return (res.body as { value: { actions?: { url: string }[] } }).value.actions?.[0]?.url;
}

/** The text of a Markdown file without its markup, one entry per paragraph, list item or table cell. */
function markdownTexts(md: string): string[] {
  const out: string[] = [];
  for (const block of md.split(/\n\n/)) {
    for (const line of block.split('\n')) {
      if (/^\|(?: --- \|)+$/.test(line)) continue;
      const cells = line.startsWith('| ') ? line.slice(2, -2).split(/ (?<!\\)\| /) : [line];
      for (const cell of cells)
        out.push(
          cell
            .replace(/^#+ |^- /, '')
            .replace(/\*\*/g, '')
            .replace(/<br>/g, ' ')
            .replace(/ {2}$/, '')
            .replace(/\\(.)/g, '$1')
            .trim(),
        );
    }
  }
  return out.filter((s) => s !== '');
}

beforeAll(async () => {
  ({ bot, store } = await startBodyBot({ voting: 10, commissioners: 2 }));
  await approveMembers(store, BODY, [
    ...offices.map((o) => [o, person(o)] as const),
    ['beauftragte-1', COMMISSIONER] as const,
  ]);
  captureConnector(SERVICE_URL);
  expect(await invoke(bot, click(SPK, 'body.link', { bodyId: BODY }))).toContain('gehört jetzt');
  expect(
    await invoke(
      bot,
      click(SPK, 'session.create', { bodyId: BODY, date: '2026-11-22', time: '12:00', place: 'Raum 101' }),
    ),
  ).toContain('angelegt');
  const item = (
    itemId: string,
    title: string,
    purpose: ItemRow['purpose'],
    days: number,
    extra: Partial<ItemRow> = {},
  ) =>
    testItem(
      person('amt-1'),
      itemId,
      title,
      purpose,
      new Date(TEST_NOW.getTime() - days * 86_400_000),
      extra,
    );
  await store.commitSession(
    BODY,
    SESSION,
    [
      { kind: 'item', value: item('i-a', 'Neubau Jugendfreizeiteinrichtung', 'decision', 20) },
      { kind: 'item', value: item('i-b', 'Umbau Spielplatz | Nord', 'decision', 19) },
      { kind: 'item', value: item('i-info', 'Bericht Quartiersmanagement', 'information', 18) },
      {
        kind: 'item',
        value: item('i-late', 'Eilantrag Schulweg', 'discussion', 2, {
          status: 'lateAccepted',
          decidedBy: SPK.aadObjectId,
          officeId: 'amt-2',
          submitterName: 'Vertretung amt-2',
        }),
      },
    ],
    audit('seed', TEST_NOW),
  );
});
afterAll(async () => {
  await bot.close();
});

describe('Ergebnisprotokoll', () => {
  let released: ProtocolDocument;

  it('a session that is not running cannot be ended', async () => {
    expect(await reply(bot, say(SPK, 'sitzung beenden'))).toContain('Es läuft heute keine Sitzung');
  });

  it('runs the session: check-ins, grant, a late arrival, an early departure, two votes', async () => {
    expect(await reply(bot, say(SPK, 'sitzung starten'))).toContain('TOP 1: Neubau');
    // 11:00 local, before the 12:00 start: seven offices and the commissioner.
    for (const office of offices.slice(0, 7)) await invoke(bot, checkIn(person(office)));
    expect(await invoke(bot, checkIn(COMMISSIONER))).toContain('Beratend anwesend');
    expect(await reply(bot, say(SPK, 'stimmrecht gewähren Beauftragte 1 TOP 1'))).toContain('Stimmrecht');
    // 12:10 local: amt-8 arrives late, amt-7 leaves.
    await runScheduler(bot, '2026-11-22T11:10:00.000Z');
    await invoke(bot, checkIn(person('amt-8')));
    expect(await reply(bot, say(SPK, 'abwesend Amt 7'))).toContain('abwesend eingetragen');

    expect(await reply(bot, say(SPK, 'abstimmung TOP 1'))).toContain('6 von 8');
    for (const office of offices.slice(1, 5)) await invoke(bot, ballot(person(office), 'i-a', 'yes'));
    await invoke(bot, ballot(person('amt-1'), 'i-a', 'yes', 'Dringend nötig für den Kiez'));
    await invoke(bot, ballot(person('amt-6'), 'i-a', 'no', 'Zu teuer'));
    await invoke(bot, ballot(COMMISSIONER, 'i-a', 'yes'));
    expect(await reply(bot, say(SPK, 'sitzung beenden'))).toContain(
      'Bitte schließen Sie zuerst die offene Abstimmung (TOP 1)',
    );
    expect(await reply(bot, say(SPK, 'abstimmung schließen'))).toContain('Angenommen');

    await reply(bot, say(SPK, 'abstimmung TOP 2'));
    await invoke(bot, ballot(person('amt-2'), 'i-b', 'yes'));
    await invoke(bot, ballot(person('amt-3'), 'i-b', 'no', 'Nicht finanziert'));
    expect(await invoke(bot, ballot(COMMISSIONER, 'i-b', 'no', 'Barrierefreiheit prüfen'))).toContain(
      'beratende Stellungnahme',
    );
    expect(await reply(bot, say(SPK, 'abstimmung schließen'))).toContain('Abgelehnt');
  });

  it('only the SPK ends it; the draft shows the facts and a result field per item', async () => {
    expect(await reply(bot, say(person('amt-1'), 'sitzung beenden'))).toContain('nur die Geschäftsstelle');
    const { sent } = captureConnector(SERVICE_URL);
    await postActivity(bot, say(SPK, 'sitzung beenden'));
    // The answer is a new post (refreshes of earlier cards may still arrive as updates).
    await eventually(() => sent.some((s) => !s.updates));
    const answer = sent.find((s) => !s.updates)?.body ?? {};
    const card = JSON.stringify(cardOf(answer));
    const draft = cardText(cardOf(answer));
    // The result fields are labelled with the item and the stored outcome.
    expect(card).toContain(
      '"label":"TOP 1: Neubau Jugendfreizeiteinrichtung — Beschluss: angenommen (Ja 6, Nein 1, Enthaltung 0)."',
    );
    expect(card).toContain('"id":"note_i-late"');
    expect(draft).toContain('Die Sitzung ist beendet');
    expect(draft).toContain('Entwurf: Ergebnisprotokoll');
    expect(draft).toContain(
      'Anwesend: 8 stimmberechtigt, 1 beratend; abwesend: Amt 9, Amt 10, Beauftragte 2',
    );
    // Ended: no more check-ins or ballots.
    expect(await invoke(bot, checkIn(person('amt-9')))).toContain('läuft');
    expect(await reply(bot, say(SPK, 'sitzung beenden'))).toContain('Es läuft heute keine Sitzung');
    // The SPK comes back to the draft later; members learn it is not released yet.
    const again = await reply(bot, say(SPK, 'protokoll'));
    expect(again).toContain('Entwurf, noch nicht freigegeben');
    expect(again).toContain('Entwurf: Ergebnisprotokoll');
    expect(await reply(bot, say(person('amt-1'), 'protokoll 22.11.2026'))).toContain(
      'noch nicht freigegeben',
    );
  });

  it('refuses a non-SPK, unknown items and overlong notes, with nothing written', async () => {
    expect(await invoke(bot, save(person('amt-1'), { release: true }))).toContain('nur die Geschäftsstelle');
    expect(await invoke(bot, save(SPK, { 'note_i-a': 'x'.repeat(501) }))).toContain('höchstens 500 Zeichen');
    expect(await invoke(bot, save(SPK, { note_erfunden: 'x' }))).toContain('gibt es nicht');
    expect((await store.loadProtocol(BODY, SESSION)).draft).toBeUndefined();
  });

  it('saves the draft, releases it, and sends it to the channel once', async () => {
    const saved = await invoke(
      bot,
      save(SPK, { 'note_i-a': 'Der Bau wird beauftragt.', remarks: 'Nächste Sitzung im Januar.' }),
    );
    expect(saved).toContain('Entwurf gespeichert');
    expect(saved).toContain('Der Bau wird beauftragt.');
    const { sent } = captureConnector(SERVICE_URL);
    const text = await invoke(
      bot,
      save(SPK, {
        release: true,
        'note_i-a': 'Der Bau wird beauftragt.',
        'note_i-b': 'Neue Vorlage im Januar.',
        remarks: 'Nächste Sitzung im Januar.',
      }),
    );
    expect(text).toContain('Protokoll (Fassung 1) freigegeben');
    expect(text).toContain('Word (.docx)');
    await runScheduler(bot);
    await runScheduler(bot);
    await eventually(() => sent.some((s) => cardText(cardOf(s.body)).includes('Ergebnisprotokoll Test-AG')));
    expect(sent.filter((s) => cardText(cardOf(s.body)).includes('Ergebnisprotokoll Test-AG'))).toHaveLength(
      1,
    );

    const { versions } = await store.loadProtocol(BODY, SESSION);
    expect(versions).toHaveLength(1);
    released = JSON.parse(versions[0]?.document ?? '{}') as ProtocolDocument;
  });

  it('the protocol states exactly the session’s facts', () => {
    const d = released;
    expect(d).toMatchObject({
      version: 1,
      date: '2026-11-22',
      // What happened: the SPK opened the 12:00 session at 11:00 (the test's clock).
      startTime: '11:00',
      endTime: '12:10',
      place: 'Raum 101',
      chair: { person: SPK.name },
      writer: { person: SPK.name },
      quorumAtStart: { votingMembers: 10, presentVoting: 7, needed: 5, quorate: true },
      remarks: 'Nächste Sitzung im Januar.',
      umlaufs: [],
    });
    const att = (id: string) => d.attendance.find((a) => a.officeId === id);
    expect(att('amt-1')).toMatchObject({
      status: 'present',
      late: false,
      leftEarly: false,
      stays: [{ from: '11:00' }],
    });
    expect(att('amt-7')).toMatchObject({
      status: 'present',
      leftEarly: true,
      stays: [{ from: '11:00', to: '12:10' }],
    });
    expect(att('amt-8')).toMatchObject({ status: 'present', late: true, stays: [{ from: '12:10' }] });
    expect(att('amt-9')).toMatchObject({ status: 'absent', stays: [] });
    expect(att('beauftragte-1')).toMatchObject({ status: 'advisory' });
    expect(att('beauftragte-2')).toMatchObject({ status: 'absent' });

    expect(d.items.map((i) => `${i.number} ${i.title} ${i.marking}`)).toEqual([
      '1 Neubau Jugendfreizeiteinrichtung Beschluss',
      '2 Umbau Spielplatz | Nord Beschluss',
      '3 Bericht Quartiersmanagement Erörterung',
      '4 Eilantrag Schulweg Erörterung',
    ]);
    const [a, b, , late] = d.items;
    expect(a).toMatchObject({
      office: 'Amt 1',
      documents: ['https://example.org/i-a.pdf'],
      grants: ['Beauftragte 1'],
      result: 'Der Bau wird beauftragt.',
    });
    expect(a?.vote).toMatchObject({
      quorum: { presentVoting: 7, quorate: true },
      base: 8,
      required: 6,
      outcome: 'adopted',
      counts: { yes: 6, no: 1, abstain: 0 },
      argumentsFor: [{ office: 'Amt 1', text: 'Dringend nötig für den Kiez' }],
      argumentsAgainst: [{ office: 'Amt 6', text: 'Zu teuer' }],
      advisory: [],
    });
    expect(a?.vote?.ballots).toContainEqual({ office: 'Amt 8', choice: 'none' });
    expect(a?.vote?.ballots).toContainEqual({ office: 'Beauftragte 1', choice: 'yes' });
    expect(a?.vote?.ballots.map((x) => x.office)).not.toContain('Amt 7');
    expect(b?.vote).toMatchObject({
      outcome: 'rejected',
      counts: { yes: 1, no: 1, abstain: 0 },
      argumentsAgainst: [{ office: 'Amt 3', text: 'Nicht finanziert' }],
      advisory: [{ office: 'Beauftragte 1', choice: 'no', text: 'Barrierefreiheit prüfen' }],
    });
    expect(b?.grants).toEqual([]);
    expect(late).toMatchObject({ office: 'Amt 2', lateAcceptedBy: `${SPK.name} (SPK)` });
    expect(late?.vote).toBeUndefined();
  });

  it('a released protocol cannot be edited', async () => {
    expect(await invoke(bot, save(SPK, { 'note_i-a': 'anders', release: true }))).toContain(
      'bereits freigegeben',
    );
    expect((await store.loadProtocol(BODY, SESSION)).versions).toHaveLength(1);
  });

  it('`protokoll` shows it; a day without a session is said so', async () => {
    const latest = await reply(bot, say(person('amt-4'), 'protokoll'));
    expect(latest).toContain('Ergebnisprotokoll Test-AG');
    expect(latest).toContain('Fassung 1');
    expect(await reply(bot, say(person('amt-4'), 'protokoll 22.11.2026'))).toContain('Fassung 1');
    expect(await reply(bot, say(person('amt-4'), 'protokoll 23.11.2026'))).toContain('keine Sitzung');
    expect(await reply(bot, say(person('amt-4'), 'protokoll gestern'))).toContain('TT.MM.JJJJ');
  });

  it('the Word file is a valid .docx whose text matches the Markdown', async () => {
    expect(await linkFor(OUTSIDER, 'protocol.docx')).toBeUndefined();
    const docxRes = await fetch((await linkFor(person('amt-1'), 'protocol.docx')) ?? '');
    expect(docxRes.status).toBe(200);
    expect(docxRes.headers.get('content-type')).toContain('wordprocessingml.document');
    expect(docxRes.headers.get('content-disposition')).toContain('Ergebnisprotokoll-2026-11-22-v1.docx');
    const paragraphs = docxParagraphs(new Uint8Array(await docxRes.arrayBuffer()));
    const mdRes = await fetch((await linkFor(person('amt-1'), 'protocol.md')) ?? '');
    expect(mdRes.headers.get('content-type')).toContain('text/markdown');
    const md = await mdRes.text();
    expect(paragraphs).toEqual(markdownTexts(md));
    for (const fact of [
      'Ergebnisprotokoll',
      'Beschlussfähigkeit zu Beginn: beschlussfähig – 7 von 10 stimmberechtigten Mitgliedern anwesend (erforderlich: 5)',
      'verspätet ab 12:10',
      'verließ die Sitzung um 12:10',
      'TOP 2: Umbau Spielplatz | Nord',
      'Beschluss: angenommen (Ja 6, Nein 1, Enthaltung 0).',
      'Amt 1: Dringend nötig für den Kiez',
      'Beauftragte 1 (Nein): Barrierefreiheit prüfen',
      `Nachträglich angemeldet; zugelassen von ${SPK.name} (SPK).`,
      'Stimmrecht für diesen TOP gewährt: Beauftragte 1',
      'Ergebnis: Der Bau wird beauftragt.',
    ])
      expect(paragraphs.join('\n')).toContain(fact);
    expect(md).toContain('### TOP 2: Umbau Spielplatz | Nord');
  });

  it('the agenda is a Word file too', async () => {
    const res = await fetch((await linkFor(person('amt-2'), 'agenda.docx')) ?? '');
    expect(res.status).toBe(200);
    const text = docxParagraphs(new Uint8Array(await res.arrayBuffer())).join('\n');
    expect(text).toContain('Einladung und Tagesordnung');
    expect(text).toContain('TOP 1: Neubau Jugendfreizeiteinrichtung');
  });

  it('a correction is a new, audited version with a reason; the first stays as it was', async () => {
    expect(await reply(bot, say(person('amt-1'), 'protokoll korrigieren 22.11.2026'))).toContain(
      'nur die Geschäftsstelle',
    );
    expect(await reply(bot, say(SPK, 'protokoll korrigieren 22.11.2026'))).toContain('Korrektur (Fassung 2)');
    expect(
      await invoke(bot, save(SPK, { release: true, 'note_i-a': 'Der Bau wird 2027 beauftragt.' })),
    ).toContain('Grund');
    expect(
      await invoke(
        bot,
        save(SPK, {
          release: true,
          'note_i-a': 'Der Bau wird 2027 beauftragt.',
          correctionReason: 'Jahr ergänzt',
        }),
      ),
    ).toContain('Fassung 2');
    const { versions } = await store.loadProtocol(BODY, SESSION);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(JSON.parse(versions[0]?.document ?? '')).toEqual(released);
    const second = JSON.parse(versions[1]?.document ?? '') as ProtocolDocument;
    expect(second.release.correctionReason).toBe('Jahr ergänzt');
    expect(second.items[0]?.result).toBe('Der Bau wird 2027 beauftragt.');
    const audit = await store.bodyAudit(BODY);
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'session.ended',
        'protocol.draftSaved',
        'protocol.released',
        'protocol.correctionStarted',
        'protocol.corrected',
      ]),
    );
    expect(await reply(bot, say(person('amt-4'), 'protokoll'))).toContain('Korrigiert: Jahr ergänzt');
  });

  it('the SPK downloads the audit trail of a period as CSV', async () => {
    expect(await reply(bot, say(person('amt-1'), 'audit 01.11.2026 30.11.2026'))).toContain(
      'nur die Geschäftsstelle',
    );
    expect(await reply(bot, say(SPK, 'audit 30.11.2026 01.11.2026'))).toContain('Zeitraum passt nicht');
    const { sent } = captureConnector(SERVICE_URL);
    await postActivity(bot, say(SPK, 'audit 01.11.2026 30.11.2026'));
    await eventually(() => sent.some((s) => !s.updates));
    const card = cardOf(sent.find((s) => !s.updates)?.body ?? {}) as { actions?: { url: string }[] };
    expect(cardText(card)).toContain('Prüfprotokoll');
    const res = await fetch(card.actions?.[0]?.url ?? '');
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    // A BOM first, so that spreadsheet programs read the umlauts right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'Zeitpunkt (Berlin);Aktion;Gegenstand;Person (Entra-ID);Amt (Kennung);Amt;Vorher;Nachher;Teams-Aktivität',
    );
    // Readable columns: Berlin time, "key: value" instead of raw JSON.
    const ballot = csv.split('\r\n').find((line) => line.includes(';ballot.cast;')) ?? '';
    expect(ballot).toMatch(/^2026-11-22 \d\d:\d\d:\d\d;/);
    expect(ballot).toContain('choice: ');
    expect(csv).not.toContain('{"');
    for (const action of [
      'session.started',
      'attendance.checkedIn',
      'vote.granted',
      'ballot.cast',
      'protocol.corrected',
    ])
      expect(csv).toContain(`;${action};`);
  });

  it('links refuse tampering and expire', async () => {
    const url = (await linkFor(person('amt-1'), 'protocol.docx')) ?? '';
    const [base, token = ''] = url.split('/files/');
    const [payload = '', signature = ''] = token.split('.');
    const forged = Buffer.from(
      Buffer.from(payload, 'base64url').toString().replace('"protocol.docx"', '"audit.csv"'),
    ).toString('base64url');
    for (const bad of [`${forged}.${signature}`, `${payload}.${signature.slice(0, -2)}AA`]) {
      const res = await fetch(`${base}/files/${bad}`);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: 'forbidden' });
    }
    await runScheduler(bot, '2026-11-22T11:40:00.000Z');
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
  });
});

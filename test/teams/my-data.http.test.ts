import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
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
import { startWithSession, testItem } from '../support/http-setup.js';
import { teamsUserId } from '../support/real-ids.js';
import { audit } from '../support/session-seed.js';
import { click, invoke, type Person, reply, SERVICE_URL, SPK, say } from '../support/teams-actions.js';
import { validateXdomea } from '../support/xdomea.js';

/**
 * `meine daten` (Art. 15 DSGVO) over HTTP on Azurite, with ids as Teams sends them: a member who
 * took part in a session (check-in, a ballot with its argument, a topic, the released protocol)
 * gets everything stored about them in their personal chat — as JSON and as a Word file — and
 * nothing of anyone else; in a channel the bot refuses; a link works only as issued. Then the
 * year is over and the SPK hands it to the Landesarchiv (`archiv exportieren 2026`).
 */
const BODY = 'test-ag';
const SESSION = '2026-11-22-1200';
const offices = ['amt-1', 'amt-2', 'amt-3'];
const person = (office: string): Person => {
  const n = Number(office.replace(/\D/g, ''));
  return {
    id: teamsUserId(n),
    name: `Vertretung Ämtchen-${n} Ölmann`,
    aadObjectId: `3c9d1e2f-4a5b-4c6d-8e7f-${String(n).padStart(12, '0')}`,
  };
};
const MEMBER = person('amt-1');
const OTHER = person('amt-3');

let bot: TestBot;
let store: GremienStore;
const driveDir = mkdtempSync(path.join(tmpdir(), 'drive-'));

/** The card the bot answers with (the first post), and its buttons' urls. */
async function answer(activity: unknown): Promise<{ text: string; urls: string[]; json: string }> {
  const { sent } = captureConnector(SERVICE_URL);
  await postActivity(bot, activity);
  await eventually(() => sent.some((s) => !s.updates));
  const card = cardOf(sent.find((s) => !s.updates)?.body ?? {}) as { actions?: { url?: string }[] };
  return {
    text: cardText(card),
    urls: (card.actions ?? []).flatMap((a) => (a.url ? [a.url] : [])),
    json: JSON.stringify(card),
  };
}

beforeAll(async () => {
  ({ bot, store } = await startWithSession(offices, person, { GROUP_DRIVE_DIR: driveDir }));
  await store.commitSession(
    BODY,
    SESSION,
    [
      {
        kind: 'item',
        value: testItem(
          MEMBER,
          'i-a',
          'Spielplatz Süd',
          'decision',
          new Date(TEST_NOW.getTime() - 20 * 86_400_000),
        ),
      },
    ],
    audit('seed', TEST_NOW),
  );
  expect(await reply(bot, say(SPK, 'sitzung starten'))).toContain('TOP 1');
  for (const o of offices)
    await invoke(bot, click(person(o), 'session.checkIn', { bodyId: BODY, sessionId: SESSION }));
  await reply(bot, say(SPK, 'abstimmung TOP 1'));
  const cast = (p: Person, choice: string, argument: string) =>
    invoke(
      bot,
      click(p, 'vote.cast', { bodyId: BODY, sessionId: SESSION, voteId: 'v-i-a', choice, argument }),
    );
  await cast(MEMBER, 'yes', 'Der Kiez braucht ihn');
  await cast(person('amt-2'), 'yes', '');
  await cast(OTHER, 'no', 'Geheimnis von Amt drei');
  await reply(bot, say(SPK, 'abstimmung schließen'));
  await reply(bot, say(SPK, 'sitzung beenden'));
  expect(
    await invoke(bot, click(SPK, 'protocol.save', { bodyId: BODY, sessionId: SESSION, release: true })),
  ).toContain('freigegeben');
});
afterAll(async () => {
  await bot.close();
});

describe('meine daten (Art. 15 DSGVO)', () => {
  it('is refused in a channel: nothing is shown there', async () => {
    const a = await answer(say(MEMBER, 'meine daten'));
    expect(a.text).toContain('nur im persönlichen Chat');
    expect(a.urls).toEqual([]);
  });

  it('without an Entra identity from Teams, says why there is nothing to give', async () => {
    const { aadObjectId: _none, ...anonymous } = MEMBER;
    const a = await answer(say(anonymous as typeof MEMBER, 'meine daten', 'personal'));
    expect(a.text).toContain('mit welchem Konto Sie schreiben');
    expect(a.urls).toEqual([]);
  });

  it('gives a member everything stored about them, as JSON and Word, in their personal chat', async () => {
    const a = await answer(say(MEMBER, 'meine daten', 'personal'));
    expect(a.text).toContain('Auskunft über Ihre gespeicherten Daten');
    expect(a.text).toContain('Mitgliedschaft: 1');
    expect(a.text).toContain('Stimmabgaben und Begründungen: 1');
    expect(a.text).toContain('Anwesenheit (Check-ins): 1');
    expect(a.urls).toHaveLength(2);
    const [jsonUrl = '', docxUrl = ''] = a.urls;
    // The link carries no name, no Teams id.
    expect(jsonUrl).not.toContain('29:');
    expect(
      Buffer.from(jsonUrl.split('/files/')[1]?.split('.')[0] ?? '', 'base64url').toString(),
    ).not.toContain('Ölmann');

    const res = await fetch(jsonUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('content-disposition')).toMatch(/Gremienbot-Auskunft-\d{4}-\d{2}-\d{2}\.json/);
    const data = (await res.json()) as {
      person: { aadObjectId: string; names: string[] };
      bodies: {
        bodyId: string;
        records: { kind: string; data: Record<string, unknown> }[];
        protocolMentions: unknown[];
      }[];
    };
    expect(data.person.aadObjectId).toBe(MEMBER.aadObjectId);
    expect(data.person.names).toContain(MEMBER.name);
    const body = data.bodies.find((b) => b.bodyId === BODY);
    const kinds = (body?.records ?? []).map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['member', 'item', 'attendance', 'ballot', 'audit']));
    const ballot = body?.records.find((r) => r.kind === 'ballot');
    expect(ballot?.data).toMatchObject({
      choice: 'yes',
      argument: 'Der Kiez braucht ihn',
      castBy: MEMBER.aadObjectId,
    });
    // The released protocol names them.
    expect(body?.protocolMentions).toEqual([
      expect.objectContaining({ sessionId: SESSION, version: 1, namedAs: MEMBER.name }),
    ]);
    // Every record names the person; nothing of another member is in it.
    for (const r of body?.records ?? [])
      expect(JSON.stringify(r), r.kind).toMatch(
        new RegExp(`${MEMBER.aadObjectId}|${MEMBER.id.slice(0, 20)}`),
      );
    const text = JSON.stringify(data);
    expect(text).not.toContain('Geheimnis von Amt drei');
    expect(text).not.toContain(OTHER.aadObjectId);

    const docx = await fetch(docxUrl);
    expect(docx.status).toBe(200);
    const paragraphs = docxParagraphs(new Uint8Array(await docx.arrayBuffer())).join('\n');
    expect(paragraphs).toContain('Auskunft nach Art. 15 DSGVO');
    expect(paragraphs).toContain('Mitgliedschaft (1)');
    expect(paragraphs).toContain('Der Kiez braucht ihn');
    expect(paragraphs).toContain('Berliner Beauftragten für Datenschutz');
    expect(paragraphs).not.toContain('Geheimnis von Amt drei');
  });

  it('in English for an English client', async () => {
    const a = await answer({ ...say(MEMBER, 'my data', 'personal'), locale: 'en-US' });
    expect(a.text).toContain('Your stored data (Art. 15 GDPR)');
    expect(a.text).toContain('Membership: 1');
    const docx = await fetch(a.urls[1] ?? '');
    expect(docxParagraphs(new Uint8Array(await docx.arrayBuffer())).join('\n')).toContain(
      'Access under Art. 15 GDPR',
    );
  });

  it('a person with nothing stored gets a true answer; a changed link is refused', async () => {
    const stranger: Person = {
      id: teamsUserId(99),
      name: 'Fremde Person',
      aadObjectId: '3c9d1e2f-4a5b-4c6d-8e7f-000000000099',
    };
    const a = await answer(say(stranger, 'meine daten', 'personal'));
    expect(a.text).toContain('Über Sie ist nichts gespeichert');
    // The stranger swaps in the member's id: the signature no longer fits.
    const [payload = '', mac = ''] = (a.urls[0]?.split('/files/')[1] ?? '').split('.');
    const claim = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { aad: string };
    claim.aad = MEMBER.aadObjectId;
    const forged = `${a.urls[0]?.split('/files/')[0]}/files/${Buffer.from(JSON.stringify(claim)).toString('base64url')}.${mac}`;
    expect((await fetch(forged)).status).toBe(403);
  });
});

describe('archiv exportieren (xdomea 3.0.0 for the Landesarchiv)', () => {
  it('only the SPK; only an ended year; a clear usage', async () => {
    expect((await answer(say(MEMBER, 'archiv exportieren 2025'))).text).toContain('Geschäftsstelle');
    expect((await answer(say(SPK, 'archiv exportieren 2026'))).text).toContain(
      'Das Jahr 2026 ist noch nicht abgeschlossen',
    );
    expect((await answer(say(SPK, 'archiv exportieren'))).text).toContain('archiv exportieren 2026');
    expect((await answer(say(SPK, 'archiv exportieren zwanzig'))).text).toContain('vierstellig');
  });

  it('in January, the SPK hands 2026 over: filed beside the protocols, downloadable, valid, audited', async () => {
    expect((await runScheduler(bot, '2027-01-05T09:00:00.000Z')).status).toBe(200);
    const a = await answer(say(SPK, 'archiv exportieren 2026'));
    expect(a.text).toContain(
      'Aussonderung 2026 für das Landesarchiv (xdomea 3.0.0): 1 Sitzung, 0 Umlaufverfahren, 1 Beschluss',
    );
    expect(a.text).toContain('Abgelegt');
    const processId = /Prozess-ID ([0-9a-f-]{36})/.exec(a.text)?.[1] ?? '';
    const folder = path.join(driveDir, 'Test-AG', '2026');
    const filed = readdirSync(folder).find((n) => n.startsWith('Aussonderung 2026'));
    expect(filed).toBe(`Aussonderung 2026 ${processId}.zip`);
    // The download is the same hand-over as the filed copy.
    const res = await fetch(a.urls[0] ?? '');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const downloaded = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const stored = unzipSync(new Uint8Array(readFileSync(path.join(folder, filed ?? ''))));
    expect(Object.keys(downloaded).sort()).toEqual(Object.keys(stored).sort());
    const message = Buffer.from(
      downloaded[`${processId}_Aussonderung.Aussonderung.0503.xml`] ?? new Uint8Array(),
    ).toString();
    expect(await validateXdomea(message)).toEqual([]);
    expect(message).toContain('<xdomea:Name>Landesarchiv Berlin</xdomea:Name>');
    expect(message).toContain('Spielplatz Süd');
    // The protocol in it reads as released, and the basis names the arguments by office.
    const protocol = Object.keys(downloaded).find((n) => n.includes('Ergebnisprotokoll')) ?? '';
    expect(docxParagraphs(downloaded[protocol] ?? new Uint8Array()).join('\n')).toContain('Spielplatz Süd');
    const basis = Object.keys(downloaded).find((n) => n.includes('Entscheidungsgrundlage')) ?? '';
    expect(docxParagraphs(downloaded[basis] ?? new Uint8Array()).join('\n')).toContain(
      'Der Kiez braucht ihn',
    );
    const trail = await store.bodyAudit(BODY);
    expect(
      trail.filter((e) => e.action === 'archive.exported').map((e) => JSON.parse(e.after).processId),
    ).toEqual([processId]);
  });
});

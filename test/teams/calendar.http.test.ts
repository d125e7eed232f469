import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signFileLink } from '../../src/app/files/signed-links.js';
import {
  captureConnector,
  postActivity,
  runScheduler,
  startTestBot,
  TEST_NOW,
  type TestBot,
} from '../support/bot.js';
import { storeOf } from '../support/http-setup.js';
import { seedMember } from '../support/session-seed.js';
import { click, JONAS, PETRA, PLANUNG, reply, SERVICE_URL, SPK, say } from '../support/teams-actions.js';

/** Calendar invites: a member's signed, expiring link; RFC 5545 with Europe/Berlin; a move raises SEQUENCE. */
let bot: TestBot;

async function linkFor(from: typeof JONAS, sessionId: string): Promise<{ text: string; url?: string }> {
  const res = await postActivity(bot, click(from, 'file.link', { kind: 'ics', bodyId: PLANUNG, sessionId }));
  // A refusal is a message; the card with the button stays as it was.
  const answer = res.body as { type: string; value: unknown };
  if (answer.type === 'application/vnd.microsoft.activity.message') return { text: String(answer.value) };
  const card = answer.value as { body: { text: string }[]; actions?: { url: string }[] };
  return { text: card.body.map((b) => b.text).join('\n'), url: card.actions?.[0]?.url };
}

function parseIcs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zone = calendar.getFirstSubcomponent('vtimezone');
  if (zone) ICAL.TimezoneService.register(zone);
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  const event = new ICAL.Event(vevent);
  return {
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    tzid: vevent.getFirstProperty('dtstart')?.getParameter('tzid'),
    location: event.location,
    description: event.description,
    status: vevent.getFirstPropertyValue('status'),
  };
}

beforeAll(async () => {
  bot = await startTestBot({ SECRETARIAT_MEMBERS: `*:${SPK.aadObjectId}` });
  const store = storeOf(bot);
  await seedMember(
    store,
    PLANUNG,
    { aadObjectId: JONAS.aadObjectId, officeId: 'jugendamt', name: JONAS.name, teamsUserId: JONAS.id },
    TEST_NOW,
  );
  captureConnector(SERVICE_URL);
  await postActivity(bot, click(SPK, 'body.link', { bodyId: PLANUNG }));
  for (const [date, time] of [
    ['2026-12-10', '10:00'],
    ['2027-04-01', '10:00'],
  ]) {
    await postActivity(
      bot,
      click(SPK, 'session.create', {
        bodyId: PLANUNG,
        date,
        time,
        place: 'Rathaus Zehlendorf, Raum 1; Kirchstraße 1–3',
      }),
    );
  }
});
afterAll(async () => {
  await bot.close();
});

describe('calendar invites', () => {
  it('a member gets a link; the invite has the right local time in winter and in summer', async () => {
    const winter = await linkFor(JONAS, '2026-12-10-1000');
    expect(winter.text).toContain('nur für Sie');
    const res = await fetch(winter.url ?? '');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const body = await res.text();
    expect(body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const event = parseIcs(body);
    expect(event).toMatchObject({
      uid: '2026-12-10-1000.ag-planung-steglitz-zehlendorf@gremienbot',
      sequence: 0,
      start: '2026-12-10T09:00:00.000Z', // 10:00 CET
      end: '2026-12-10T11:00:00.000Z',
      tzid: 'Europe/Berlin',
      location: 'Rathaus Zehlendorf, Raum 1; Kirchstraße 1–3',
      status: 'CONFIRMED',
    });
    expect(event.description).toContain('Anmeldeschluss für Themen: Do, 3. Dez., 23:59');

    const summer = parseIcs(await (await fetch((await linkFor(JONAS, '2027-04-01-1000')).url ?? '')).text());
    expect(summer.start).toBe('2027-04-01T08:00:00.000Z'); // 10:00 CEST, after the change on 28 March
  });

  it('a moved session: same UID, higher SEQUENCE, new time', async () => {
    expect(await reply(bot, say(SPK, 'sitzung verschieben 10.12.2026 auf 17.12.2026 14:00'))).toContain(
      'verschoben',
    );
    const moved = parseIcs(await (await fetch((await linkFor(JONAS, '2026-12-10-1000')).url ?? '')).text());
    expect(moved).toMatchObject({
      uid: '2026-12-10-1000.ag-planung-steglitz-zehlendorf@gremienbot',
      sequence: 1,
      start: '2026-12-17T13:00:00.000Z',
    });
  });

  it('the SPK’s people get links like members (they act for the SPK office)', async () => {
    const { url } = await linkFor(SPK, '2026-12-10-1000');
    expect(url).toBeDefined();
    const res = await fetch(url ?? '');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('BEGIN:VCALENDAR');
  });

  it('only members get links', async () => {
    const refused = await linkFor(PETRA, '2026-12-10-1000');
    expect(refused.text).toContain('nur für bestätigte Mitglieder');
    expect(refused.url).toBeUndefined();
  });

  it('refuses tampered, foreign and expired links with 403 and no detail', async () => {
    const { url = '' } = await linkFor(JONAS, '2027-04-01-1000');
    const [base, token = ''] = url.split('/files/');
    const [payload = '', signature = ''] = token.split('.');
    const other = Buffer.from(
      Buffer.from(payload, 'base64url').toString().replace(JONAS.aadObjectId, PETRA.aadObjectId),
    ).toString('base64url');
    const foreign = signFileLink('someone-elses-key-0123456789abcdef-0123456789', {
      kind: 'ics',
      bodyId: PLANUNG,
      sessionId: '2027-04-01-1000',
      aad: JONAS.aadObjectId,
      exp: Date.now() + 3_600_000,
    });
    for (const bad of [
      `${other}.${signature}`,
      `${payload}.${signature.slice(0, -2)}AA`,
      foreign,
      'x',
      `${payload}`,
      // The issued link with anything appended, or its signature's last character swapped for
      // one that decodes to the same bytes (other unused low bits): not the link that was issued.
      `${token}.junk`,
      `${payload}.${signature.slice(0, -1)}${sameBytesVariant(signature.slice(-1))}`,
    ]) {
      const res = await fetch(`${base}/files/${bad}`);
      expect(res.status, bad).toBe(403);
      expect(await res.json()).toEqual({ error: 'forbidden' });
    }
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(ok.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.ics"$/);
    expect((await runScheduler(bot, new Date(TEST_NOW.getTime() + 16 * 60_000).toISOString())).status).toBe(
      200,
    );
    expect((await fetch(url)).status).toBe(403);
  });
});

/** The base64url character whose 6 bits differ from `c` only in the 2 bits a 43-character signature leaves unused. */
function sameBytesVariant(c: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const i = alphabet.indexOf(c);
  return alphabet[(i & ~0b11) | ((i + 1) & 0b11)] ?? c;
}

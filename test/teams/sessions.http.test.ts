import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  captureConnector,
  cardOf,
  cardText,
  eventually,
  postActivity,
  startTestBot,
  type TestBot,
} from '../support/bot.js';

import { click, invoke, JONAS, PLANUNG, SERVICE_URL, SPK, say } from '../support/teams-actions.js';

let bot: TestBot;
async function replies(activity: unknown, count = 1): Promise<string[]> {
  const { sent } = captureConnector(SERVICE_URL);
  await postActivity(bot, activity);
  await eventually(() => sent.length >= count);
  return sent.map((s) => cardText(cardOf(s.body)));
}

beforeAll(async () => {
  bot = await startTestBot({ SECRETARIAT_MEMBERS: `*:${SPK.aadObjectId}` });
  expect(await invoke(bot, click(SPK, 'body.link', { bodyId: PLANUNG }))).toContain('gehört jetzt');
});
afterAll(async () => {
  await bot.close();
});

const future = { bodyId: PLANUNG, date: '2027-01-14', time: '10:00', place: 'Rathaus Zehlendorf, Raum 101' };

describe('sessions', () => {
  it('"sitzung anlegen" gives the SPK a form with the next cadence date', async () => {
    const [text] = await replies(say(SPK, 'sitzung anlegen'));
    expect(text).toContain('Sitzung anlegen');
    expect(text).toContain('AG Planung Steglitz-Zehlendorf');
  });

  it('refuses SPK commands to others', async () => {
    expect((await replies(say(JONAS, 'sitzung anlegen')))[0]).toContain('nur die Geschäftsstelle');
    expect(await invoke(bot, click(JONAS, 'session.create', future))).toContain('nur die Geschäftsstelle');
  });

  it.each([
    ['a date in the past', { ...future, date: '2026-01-08' }, 'in der Vergangenheit'],
    ['no real date', { ...future, date: '2027-02-30' }, 'gültiges Datum'],
    ['a bad time', { ...future, time: '25:00' }, 'gültige Uhrzeit'],
    ['an oversized place', { ...future, place: 'x'.repeat(201) }, 'höchstens 200 Zeichen'],
    ['a forged body', { ...future, bodyId: 'erfundene-ag' }, 'ungültige Daten'],
    ['data of the wrong type', { ...future, date: 20270114 }, 'ungültige Daten'],
  ])('refuses %s and creates nothing', async (_name, data, message) => {
    expect(await invoke(bot, click(SPK, 'session.create', data))).toContain(message);
  });

  it('the SPK creates a session; a repeated click does not create a second one', async () => {
    expect(await invoke(bot, click(SPK, 'session.create', future))).toContain(
      'Sitzung angelegt: Do, 14. Jan. 2027, 10:00. Anmeldeschluss für Themen: Do, 7. Jan., 23:59.',
    );
    expect(await invoke(bot, click(SPK, 'session.create', future))).toContain('gibt es schon');
  });

  it('"sitzungen" lists upcoming sessions with deadline and dispatch in Berlin time', async () => {
    const [text] = await replies(say(JONAS, 'sitzungen'));
    expect(text).toContain('Sitzungen der AG Planung Steglitz-Zehlendorf');
    expect(text).toContain('Do, 14. Jan. 2027, 10:00');
    expect(text).toContain('Rathaus Zehlendorf, Raum 101');
    expect(text).toContain('Anmeldeschluss');
    expect(text).toContain('Do, 7. Jan., 23:59');
    expect(text).toContain('Sa, 9. Jan.');
  });

  it('"sitzungen planen" proposes cadence dates that do not exist yet, one click each', async () => {
    const [text] = await replies(say(SPK, 'sitzungen planen'));
    expect(text).toContain('Sitzungen planen');
    expect(text).not.toContain('14. Jan. 2027');
    expect(text).toMatch(/Anlegen: Do, 11\. März, 10:00/);
  });

  it('in English for an English client', async () => {
    const [text] = await replies({ ...say(JONAS, 'sessions'), locale: 'en-GB' });
    expect(text).toContain('Sessions of AG Planung');
    expect(text).toContain('Thu, 7 Jan, 23:59');
  });
});

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_BODY, runDemoStep } from '../../scripts/lib/demo.js';
import { signVotePage } from '../../src/app/meetings/vote-notice.js';
import { runScheduler, TEST_NOW } from '../support/bot.js';
import { type E2E, startE2E } from '../support/e2e.js';
import { storeOf } from '../support/http-setup.js';

/**
 * The README's walkthrough, done as a newcomer does it: in a real browser (Debian's chromium)
 * on the Agents Playground's UI, acting as Sabine Petersen (SPK), while `npm run demo` plays the
 * other members through the Playground's API. It checks what a person sees; the screenshots are
 * kept in test-output/browser/ (look at them).
 */
const FILES_SECRET = 'walkthrough-signing-key-0123456789abcdef';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.resolve('test-output/browser');
let e2e: E2E;
let browser: Browser;
let page: Page;
let shot = 0;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`No browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium)`);
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  e2e = await startE2E({
    SECRETARIAT_MEMBERS: '*:sabine.petersen@ba-demo.berlin.de',
    // Known here, so the walkthrough can open the page of the in-meeting notification (step 6).
    FILES_SIGNING_SECRET: FILES_SECRET,
    // The group drive as `npm start` has it: a folder on disk.
    GROUP_DRIVE_DIR: mkdtempSync(path.join(tmpdir(), 'gruppenlaufwerk-')),
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Loopback only: nothing the browser would fetch on its own.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'de-DE' });
  await page.goto(e2e.playground.url, { waitUntil: 'networkidle' });
}, 90_000);

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await screenshot('FAILED');
});

afterAll(async () => {
  await browser?.close();
  await e2e?.stop();
});

const demo = (step: Parameters<typeof runDemoStep>[0]) =>
  runDemoStep(step, {
    playgroundUrl: e2e.playground.url,
    connectionString: inject('azuriteConnectionString'),
    tablePrefix: e2e.bot.env.TABLE_PREFIX ?? 'gb',
    now: TEST_NOW,
  });

async function screenshot(name: string): Promise<void> {
  shot += 1;
  await page.screenshot({
    path: path.join(SHOTS, `${String(shot).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

/** A new post in the channel that addresses the bot, as a person types it. */
async function post(text: string, expectVisible: string | RegExp): Promise<void> {
  const box = page.locator('[contenteditable="true"]').first();
  await box.click();
  await box.pressSequentially('@Grem');
  await page.getByRole('menuitem', { name: 'Gremienbot' }).first().click();
  await box.pressSequentially(` ${text}`);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await seen(expectVisible);
}

/** Waits until the text is on screen. */
async function seen(text: string | RegExp, timeout = 30_000): Promise<void> {
  await page.getByText(text).first().waitFor({ state: 'visible', timeout });
}

/** Picks an entry of a card's choice list (the Playground draws it as a typeahead box). */
async function choose(box: Locator, option: string): Promise<void> {
  await box.click();
  await box.pressSequentially(option.slice(0, 6));
  await page.getByRole('option', { name: option, exact: true }).first().click();
}

const button = (name: string) => page.getByRole('button', { name, exact: true });

describe('the README walkthrough in a real browser', { timeout: 90_000 }, () => {
  it('1. the SPK links the channel to the working group', async () => {
    await page.getByText('AG Planung', { exact: true }).first().click();
    await seen('Willkommen beim Gremienbot');
    await post('gremium verbinden', 'Kanal mit Arbeitsgruppe verbinden');
    await choose(page.getByRole('combobox').first(), 'AG Planung Steglitz-Zehlendorf');
    await button('Verbinden').first().click();
    await seen(/gehört jetzt zur AG Planung Steglitz-Zehlendorf/);
    await screenshot('linked');
  });

  it('2. the members join (npm run demo -- mitglieder) and the SPK confirms each', async () => {
    const lines = await demo('mitglieder');
    expect(lines).toHaveLength(5);
    await seen(/Mariam Haddad/);
    await screenshot('requests');
    for (let left = 5; left > 0; left--) {
      await expect.poll(() => button('Bestätigen').count(), { timeout: 10_000 }).toBe(left);
      await button('Bestätigen').first().click();
      await expect.poll(() => button('Bestätigen').count(), { timeout: 10_000 }).toBe(left - 1);
    }
    await post('mitglieder', 'Mitglieder');
    await seen(/Jonas Krüger/);
    await screenshot('members');
  });
});

describe('the README walkthrough in a real browser: a session', { timeout: 90_000 }, () => {
  it('3. the SPK saves the group’s Teams meeting, then creates today’s session with the form', async () => {
    await post('besprechungslink', 'Noch ist kein Besprechungslink hinterlegt');
    await page
      .getByRole('textbox', { name: /Neuer Link/ })
      .last()
      .fill(
        'https://teams.microsoft.com/l/meetup-join/19%3ameeting_QUdQbGFudW5n%40thread.v2/0?context=%7b%22Tid%22%3a%227e3f2b1a-0c4d-4e5f-8a9b-2d1c0e9f8a7b%22%2c%22Oid%22%3a%225a1d0c6e-1111-4a00-8000-000000000001%22%7d',
      );
    await button('Link speichern').last().click();
    await seen('Der Besprechungslink ist gespeichert: neue Sitzungen bieten ihn an.');
    await screenshot('meeting-link');
    await post('sitzung anlegen', 'Sitzung anlegen');
    await seen('Mit der Teams-Besprechung der Arbeitsgruppe');
    // The Playground's date picker reads a typed date in English; it shows it in German.
    const date = page.locator('input[placeholder="Select a date..."]').first();
    await date.fill('November 22, 2026');
    await date.press('Enter');
    const time = page.locator('input[placeholder="Select a time..."]').first();
    await time.fill('14:00');
    await time.press('Enter');
    await screenshot('session-form');
    await page.locator('input[placeholder^="z. B. Rathaus"]').first().fill('Rathaus Zehlendorf, Raum 12');
    // Close any picker that is still open, as a person's next click would.
    await page.keyboard.press('Escape');
    await page.getByText('Sitzung anlegen', { exact: true }).first().click();
    await button('Anlegen').first().click();
    await seen(/Sitzung angelegt: So, 22\. Nov\. 2026, 14:00/);
    await seen('An der Teams-Besprechung teilnehmen');
    await post('sitzungen', 'Anmeldeschluss');
    await screenshot('session');
  });

  it('4. members register topics after the deadline (npm run demo -- themen); the SPK adds them', async () => {
    const lines = await demo('themen');
    expect(lines.join('\n')).toContain('Jonas Krüger');
    await expect.poll(() => button('Aufnehmen').count(), { timeout: 10_000 }).toBe(2);
    await screenshot('late-topics');
    for (let left = 2; left > 0; left--) {
      await button('Aufnehmen').first().click();
      await expect.poll(() => button('Aufnehmen').count(), { timeout: 10_000 }).toBe(left - 1);
    }
    await post('tagesordnung', 'TOP 1');
    await seen(/Neubau Jugendfreizeiteinrichtung Lankwitz/);
    await screenshot('agenda');
  });

  it('5. the SPK starts the session; members check in (npm run demo -- anwesend); offices without Teams by command', async () => {
    await post('sitzung starten', 'Nicht beschlussfähig: 0 von 11');
    await button('Anwesend').first().click();
    await demo('anwesend');
    // The shared check-in card is redrawn for everyone.
    await seen('Nicht beschlussfähig: 4 von 11 stimmberechtigten Ämtern anwesend (nötig: 6).');
    await post('anwesend Wirtschaftsförderung', 'Wirtschaftsförderung ist als anwesend eingetragen');
    await post('anwesend Umwelt', 'Umwelt- und Naturschutzamt ist als anwesend eingetragen');
    await seen('Beschlussfähig: 6 von 11 stimmberechtigten Ämtern anwesend (nötig: 6).');
    await screenshot('quorate');
  });

  it('6. the meeting starts (npm run demo -- besprechung-beginn); a vote: the alert in the meeting, members press buttons (npm run demo -- abstimmen), the SPK records offices without Teams, tally, close', async () => {
    await demo('besprechung-beginn');
    await seen(/Die Besprechung zur Sitzung der AG Planung Steglitz-Zehlendorf am .* hat begonnen/);
    // Thomas, who checked in his office, left the call: the SPK is told, nothing is recorded.
    await seen(/Die Vertretung hat die Besprechung verlassen: Stadtentwicklungsamt/);
    await screenshot('meeting');
    // The vote card's count (the typed "abstimmung TOP 1" would match its title before it came).
    await post('abstimmung TOP 1', /Ja 0 · Nein 0 · Enthaltung 0/);
    // The vote is announced in the meeting (in Teams also as the bubble on the meeting stage).
    await seen(
      'Abstimmung zu TOP 1 ist offen: Bitte stimmen Sie für Ihr Amt auf der Abstimmungskarte im Chat ab.',
    );
    await screenshot('meeting-alert');
    await demo('abstimmen');
    await seen(/Ja 3 · Nein 1 · Enthaltung 0 · noch offen 2/);
    await button('Stimme erfassen (SPK)').first().click();
    await choose(page.getByRole('combobox').first(), 'Wirtschaftsförderung');
    await page.getByRole('radio', { name: 'Ja' }).first().check();
    await page
      .getByRole('textbox', { name: /Begründung/ })
      .last()
      .fill('Schriftlich zugestimmt');
    await button('Erfassen').first().click();
    await seen('Stimme für Wirtschaftsförderung durch die SPK erfasst: Ja.');
    await screenshot('recorded');
    await post(
      'stimme erfassen Umwelt enthaltung',
      'Stimme für Umwelt- und Naturschutzamt durch die SPK erfasst',
    );
    await post('stand', 'Stand der Abstimmung TOP 1');
    await seen(/Die Mehrheit ist bisher erreicht/);
    await screenshot('tally');
    // In a scheduled Teams meeting, the bubble on the meeting stage shows this page (the
    // Playground has no meeting stage): opened here as Teams would, at the bubble's size.
    const store = storeOf(e2e.bot);
    const [running] = (await store.sessionsFrom(DEMO_BODY, '2026-01-01')).filter(
      (s) => s.session.status === 'running',
    );
    const snapshot = running ? await store.loadSession(DEMO_BODY, running.sessionId) : undefined;
    const [voteId] = [...(snapshot?.votes ?? new Map())]
      .filter(([, v]) => v.value.status === 'open')
      .map(([id]) => id);
    if (!snapshot || !voteId) throw new Error('no open vote');
    const token = signVotePage(FILES_SECRET, {
      bodyId: DEMO_BODY,
      sessionId: snapshot.sessionId,
      voteId,
      exp: Date.now() + 60_000,
    });
    const bubble = await browser.newPage({ viewport: { width: 420, height: 280 }, locale: 'de-DE' });
    try {
      await bubble.goto(`${e2e.bot.url}/meeting/vote/${token}`);
      await bubble
        .getByText(/6 von 6 stimmberechtigten Ämtern haben abgestimmt/)
        .waitFor({ timeout: 10_000 });
      await bubble.getByText('Die Abstimmung ist offen.', { exact: false }).waitFor();
      shot += 1;
      await bubble.screenshot({
        path: path.join(SHOTS, `${String(shot).padStart(2, '0')}-meeting-bubble.png`),
      });
    } finally {
      await bubble.close();
    }
    await post('abstimmung schließen', 'Ergebnis der Abstimmung TOP 1');
    await seen('Angenommen.');
    await seen(/Wirtschaftsförderung \(durch die SPK erfasst\)/);
    await screenshot('outcome');
  });

  it('7. the meeting ends (npm run demo -- besprechung-ende); the SPK ends the session from its reminder and releases the protocol', async () => {
    await demo('besprechung-ende');
    await seen(/ist beendet; die Sitzung läuft noch/);
    await screenshot('meeting-end');
    await button('Sitzung beenden (Protokollentwurf)').last().click();
    await seen('Ergebnisprotokoll');
    await screenshot('draft');
    await button('Freigeben und versenden').first().click();
    await seen(/freigegeben/);
    await screenshot('released');
  });

  it('8. decisions live on: the register, a follow-up set and done (npm run demo -- erledigt), the Entscheidungsgrundlage', async () => {
    await post('beschlüsse', 'Beschlüsse der AG Planung Steglitz-Zehlendorf');
    await seen(/AG Planung 2026\/01/);
    // The vote's result carries the SPK's button; the form comes as a message of its own.
    await button('Wiedervorlage anlegen').first().click();
    await seen('Wiedervorlage speichern');
    await page
      .getByRole('textbox', { name: /Was ist zu tun/ })
      .last()
      .fill('Standortalternativen prüfen');
    await choose(page.getByRole('combobox', { name: /Zuständiges Amt/ }).last(), 'Jugendamt');
    await screenshot('follow-up-form');
    await button('Wiedervorlage speichern').last().click();
    await seen(/Wiedervorlage angelegt: Standortalternativen prüfen \(Jugendamt/);
    await post('wiedervorlagen', 'Wiedervorlagen der AG Planung Steglitz-Zehlendorf');
    await seen(/Standortalternativen prüfen.*offen/);
    const lines = await demo('erledigt');
    expect(lines.join('\n')).toContain('Jonas Krüger: ');
    await post('beschluss 2026/01', 'Beschluss AG Planung 2026/01');
    await seen(/Erledigt; Unterlagen liegen der SPK vor/);
    await screenshot('decision-with-follow-up');
    await post('grundlage 2026/01', 'Entscheidungsgrundlage AG Planung 2026/01 erstellt');
    await seen(/Abgelegt im Gruppenlaufwerk: AG Planung\/2026\/Entscheidungsgrundlage 2026-01\.docx/);
    await screenshot('decision-basis');
  });

  it('9. a new working group: the SPK creates it with the form, previews its rules in words, links a channel', async () => {
    await post('gremium anlegen', 'Neue Arbeitsgruppe anlegen');
    const field = (label: RegExp) => page.getByRole('textbox', { name: label }).last();
    await field(/^Name der Arbeitsgruppe/).fill('AG Jugend und Schule');
    await field(/^Kurzname/).fill('AG Jugend');
    await field(/^Bezirk/).fill('Steglitz-Zehlendorf');
    await field(/^Ämter/).fill(
      [
        'spk | Sozialraumorientierte Planungskoordination (SPK) | beratend',
        'Jugendamt | stimmberechtigt',
        'Schul- und Sportamt | stimmberechtigt',
        'Amt für Soziales | stimmberechtigt',
      ].join('\n'),
    );
    await field(/^Grund/).fill('Einsetzung durch das Bezirksamt');
    await screenshot('body-form');
    await button('Vorschau').last().click();
    await seen('Vorschau: AG Jugend und Schule');
    await seen(/Beschlussfähig ab 2 von 3 stimmberechtigten Ämtern/);
    await screenshot('body-preview');
    await button('Arbeitsgruppe anlegen').last().click();
    await seen(/Die AG Jugend und Schule ist angelegt \(Fassung 1\)/);
    // Its channel: General.
    await page.getByText('General', { exact: true }).first().click();
    await post('gremium verbinden', 'Kanal mit Arbeitsgruppe verbinden');
    await choose(page.getByRole('combobox').last(), 'AG Jugend und Schule');
    await button('Verbinden').last().click();
    await seen(/gehört jetzt zur AG Jugend und Schule/);
    await post('geschäftsordnung', 'Geschäftsordnung der AG Jugend und Schule');
    await seen(/Nach der Geschäftsordnung in der Fassung vom .* \(Fassung 1\)/);
    await screenshot('body-rules');
  });

  it('10. the new working group holds a session with a vote: a topic, offices in the room, ballots recorded by the SPK', async () => {
    // Still in General, the new group's channel.
    await post('sitzung anlegen', 'Sitzung anlegen');
    const date = page.locator('input[placeholder="Select a date..."]').last();
    await date.fill('November 22, 2026');
    await date.press('Enter');
    const time = page.locator('input[placeholder="Select a time..."]').last();
    await time.fill('16:00');
    await time.press('Enter');
    await page.keyboard.press('Escape');
    await page.getByText('Sitzung anlegen', { exact: true }).last().click();
    await button('Anlegen').last().click();
    await seen(/Sitzung angelegt: So, 22\. Nov\. 2026, 16:00/);
    await post('thema anmelden', 'Thema anmelden');
    const field = (label: RegExp) => page.getByRole('textbox', { name: label }).last();
    await field(/^Titel/).fill('Jugendbeteiligung im Kiez');
    await choose(page.getByRole('combobox', { name: /Besprechungsgrund/ }).last(), 'Beschluss');
    await field(/^Kurzbeschreibung/).fill('Ein Jugendforum je Quartier.');
    await field(/^Unterlagen/).fill('https://intranet.ba-demo.berlin.de/jugendforum.pdf');
    await field(/^Zielkonflikte/).fill('Personal der Jugendfreizeiteinrichtungen gegen Beteiligungsformate.');
    // The deadline has passed: the form offers only a late registration, which the SPK then takes up.
    await button('Als verspätet einreichen').last().click();
    await expect.poll(() => button('Aufnehmen').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await button('Aufnehmen').last().click();
    await post('sitzung starten', 'Nicht beschlussfähig: 0 von 3');
    await post('anwesend Jugendamt', 'Jugendamt ist als anwesend eingetragen');
    await post('anwesend Schul- und Sportamt', 'Schul- und Sportamt ist als anwesend eingetragen');
    await post('abstimmung TOP 1', /Ja 0 · Nein 0 · Enthaltung 0/);
    await post('stimme erfassen Jugendamt ja', 'Stimme für Jugendamt durch die SPK erfasst');
    await post(
      'stimme erfassen Schul- und Sportamt ja',
      'Stimme für Schul- und Sportamt durch die SPK erfasst',
    );
    await post('abstimmung schließen', 'Beschluss AG Jugend 2026/01');
    await seen(/Nach der Geschäftsordnung in der Fassung vom .* \(Fassung 1\)/);
    await screenshot('new-body-vote');
    await page.getByText('AG Planung', { exact: true }).first().click();
  });

  it('11. an Umlaufverfahren: the SPK opens it, members vote (npm run demo -- umlauf), the result comes at the deadline', async () => {
    await post('umlauf', 'Umlaufverfahren eröffnen');
    await page.getByRole('textbox', { name: /Titel/ }).first().fill('Stellungnahme Kita-Ausbau');
    await page.locator('textarea').first().fill('Die AG begrüßt den Ausbau der Kita am Teltower Damm.');
    await button('Umlauf starten').first().click();
    await seen(/ist eröffnet/);
    // What the bot sends on its own goes out with the next scheduler pass.
    expect((await runScheduler(e2e.bot)).status).toBe(200);
    await seen('Umlaufverfahren: Stellungnahme Kita-Ausbau');
    await demo('umlauf');
    await post('umlauf stimme erfassen Wirtschaftsförderung ja Per Brief', 'durch die SPK erfasst');
    await post(
      'umlauf stimme erfassen Umwelt ja',
      'Stimme für Umwelt- und Naturschutzamt durch die SPK erfasst',
    );
    await screenshot('umlauf-open');
    // The deadline (Wed, 25 Nov, 12:00) passes: the local clock moves forward.
    expect((await runScheduler(e2e.bot, '2026-11-25T11:05:00Z')).status).toBe(200);
    await seen('Ergebnis des Umlaufverfahrens: Stellungnahme Kita-Ausbau');
    await seen(/Angenommen/);
    // The Playground gives no id for a post at a channel's root, so the bot cannot replace that
    // ballot card when the Umlauf closes (in Teams it does; test/teams/umlauf.http.test.ts). A
    // click on it refreshes it to the result instead, with the reason on top.
    await screenshot('umlauf-result');
    const stale = page.getByText('Umlaufverfahren: Stellungnahme Kita-Ausbau', { exact: true });
    await expect.poll(() => stale.count()).toBe(1);
    await stale
      .locator('xpath=ancestor::*[.//button[normalize-space()="Ja"]][1]')
      .getByRole('button', { name: 'Ja', exact: true })
      .first()
      .click();
    await seen(/Dieses Umlaufverfahren ist geschlossen/);
    await expect.poll(() => stale.count()).toBe(0);
    await screenshot('umlauf-stale-card-refreshed');
  });
  it('12. your own data: in the personal chat, meine daten counts what is stored and offers JSON and Word', async () => {
    await page.getByText('Personal Chat', { exact: true }).first().click();
    // The personal chat has a message box of its own (no @mention there).
    const box = page.locator('[contenteditable="true"]').first();
    await box.click();
    await box.pressSequentially('meine daten');
    await box.press('Enter');
    await seen(/Auskunft über Ihre gespeicherten Daten \(Art\. 15 DSGVO\)/);
    await seen(/Protokollierte Aktionen \(Audit\): \d+/);
    await seen('Daten (JSON)');
    await seen('Lesbare Fassung (Word)');
    await screenshot('my-data');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText, runScheduler } from '../support/bot.js';
import { type E2E, startE2E } from '../support/e2e.js';
import { buttonData, clickCard } from '../support/playground-client.js';

/**
 * End to end through the Agents Playground: time is moved with the local-development trigger
 * and the 7-day reminder, the agenda dispatch and an Umlauf result arrive in the channel.
 */
let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E({ SECRETARIAT_MEMBERS: '*:sabine.petersen@ba-demo.berlin.de' });
}, 60_000);

afterAll(async () => {
  await e2e?.stop();
});

describe('end to end: what the bot sends on its own', () => {
  it('reminder, agenda and an Umlauf result arrive when time moves forward', async () => {
    const { client, config } = e2e;
    const channel = config.teams[0]?.channels.find((c) => c.name === 'AG Planung');
    const spk = config.currentUser;
    const jonas = config.users.find((u) => u.name.startsWith('Jonas'));
    if (!channel || !jonas) throw new Error('demo data missing');
    const body = 'ag-planung-steglitz-zehlendorf';
    const inChannel = (text: string) => (p: { conversationId: string; card?: unknown }) =>
      p.conversationId.startsWith(channel.id) && cardText(p.card).includes(text);

    // Set-up as a newcomer would do it: link the channel, Jonas joins for the Jugendamt, a session.
    await client.say(channel.id, spk.id, 'gremium verbinden', config.bot);
    await clickCard(client, await client.waitFor(inChannel('Kanal mit Arbeitsgruppe')), spk.id, 'body.link', {
      bodyId: body,
    });
    await client.say(channel.id, jonas.id, 'mitglied werden', config.bot);
    await clickCard(client, await client.waitFor(inChannel('Mitglied werden')), jonas.id, 'member.request', {
      choice: `${body}|jugendamt`,
    });
    await clickCard(
      client,
      await client.waitFor(inChannel('Neue Anmeldung')),
      spk.id,
      'member.decide',
      buttonData(await client.waitFor(inChannel('Neue Anmeldung')), 'member.decide', { decision: 'approve' }),
    );
    await client.say(channel.id, spk.id, 'sitzung anlegen', config.bot);
    const created = await clickCard(
      client,
      await client.waitFor(inChannel('Sitzung anlegen')),
      spk.id,
      'session.create',
      {
        bodyId: body,
        date: '2026-12-10',
        time: '10:00',
        place: 'Rathaus Zehlendorf',
      },
    );
    expect(cardText(created.value)).toContain('Do, 3. Dez., 23:59');

    // Thursday 3 December, 08:00 in Berlin: the registration reminder.
    expect((await runScheduler(e2e.bot, '2026-12-03T07:00:30Z')).status).toBe(200);
    const reminder = await client.waitFor(inChannel('Erinnerung: Sitzung am'));
    expect(cardText(reminder.card)).toContain('Anmeldeschluss heute, 23:59.');

    // Saturday 5 December, 08:00: the invitation with the agenda.
    expect((await runScheduler(e2e.bot, '2026-12-05T07:00:30Z')).status).toBe(200);
    const invitation = await client.waitFor(inChannel('Einladung und Tagesordnung'));
    expect(cardText(invitation.card)).toContain('Rathaus Zehlendorf');

    // An Umlauf: opened, a ballot, and its result at the deadline.
    await client.say(channel.id, spk.id, 'umlauf', config.bot);
    const form = await client.waitFor(inChannel('Umlaufverfahren eröffnen'));
    const opened = await clickCard(client, form, spk.id, 'umlauf.open', {
      bodyId: body,
      title: 'Stellungnahme Radweg',
      text: 'Die AG Planung unterstützt den Radweg.',
      documents: '',
      deadlineDate: '07.12.2026',
      deadlineTime: '12:00',
    });
    expect(cardText(opened.value)).toContain('ist eröffnet');
    expect((await runScheduler(e2e.bot, '2026-12-05T07:05:00Z')).status).toBe(200);
    const ballotCard = await client.waitFor(inChannel('Umlaufverfahren: Stellungnahme Radweg'));
    const voted = await clickCard(client, ballotCard, jonas.id, 'umlauf.cast', {
      bodyId: body,
      umlaufId: (ballotCard.card as { actions?: { data?: { umlaufId?: string } }[] }).actions?.[0]?.data
        ?.umlaufId,
      choice: 'yes',
      argument: 'wichtig für den Schulweg',
    });
    expect(cardText(voted.value)).toContain('Ihre Stimme für Jugendamt ist gespeichert: Ja');
    expect((await runScheduler(e2e.bot, '2026-12-07T11:00:30Z')).status).toBe(200); // 12:00 in Berlin
    const result = await client.waitFor(inChannel('Ergebnis des Umlaufverfahrens: Stellungnahme Radweg'));
    expect(cardText(result.card)).toContain('Jugendamt: **Ja** – „wichtig für den Schulweg“');
    expect(cardText(result.card)).toContain('Nicht zustande gekommen'); // 1 of 11 offices took part
  }, 90_000);
});

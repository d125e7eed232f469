import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../support/bot.js';
import { type E2E, startE2E } from '../support/e2e.js';
import { buttonData, clickCard } from '../support/playground-client.js';

let e2e: E2E;
let client: E2E['client'];
let config: E2E['config'];

beforeAll(async () => {
  e2e = await startE2E({ SECRETARIAT_MEMBERS: '*:sabine.petersen@ba-demo.berlin.de' });
  ({ client, config } = e2e);
}, 60_000);

afterAll(async () => {
  await e2e?.stop();
});

describe('end to end: a working group set up in Teams', () => {
  it('the SPK (found by e-mail in the team roster) links the channel, a member joins and is approved', async () => {
    const channel = config.teams[0]?.channels.find((c) => c.name === 'AG Planung');
    if (!channel) throw new Error('demo channel missing');
    const spk = config.currentUser;
    const jonas = config.users.find((u) => u.name.startsWith('Jonas'));
    if (!jonas) throw new Error('demo user missing');

    await client.say(channel.id, spk.id, 'gremium verbinden', config.bot);
    const picker = await client.waitFor(
      (p) => p.conversationId.startsWith(channel.id) && cardText(p.card).includes('Kanal mit Arbeitsgruppe'),
    );
    const linked = await clickCard(client, picker, spk.id, 'body.link', {
      bodyId: 'ag-planung-steglitz-zehlendorf',
    });
    expect(cardText(linked.value)).toContain('gehört jetzt zur AG Planung');

    await client.say(channel.id, jonas.id, 'mitglied werden', config.bot);
    const offices = await client.waitFor(
      (p) => p.conversationId.startsWith(channel.id) && cardText(p.card).includes('Mitglied werden'),
    );
    const requested = await clickCard(client, offices, jonas.id, 'member.request', {
      choice: 'ag-planung-steglitz-zehlendorf|jugendamt',
    });
    expect(cardText(requested.value)).toContain('liegt der SPK zur Bestätigung vor');

    const approval = await client.waitFor(
      (p) => p.conversationId.startsWith(channel.id) && cardText(p.card).includes('Neue Anmeldung'),
    );
    const approved = await clickCard(
      client,
      approval,
      spk.id,
      'member.decide',
      buttonData(approval, 'member.decide', { decision: 'approve' }),
    );
    expect(cardText(approved.value)).toContain('vertritt jetzt „Jugendamt“');

    await client.say(channel.id, jonas.id, 'mitglieder', config.bot);
    const roster = await client.waitFor(
      (p) =>
        p.conversationId.startsWith(channel.id) && cardText(p.card).includes('Mitglieder der AG Planung'),
    );
    expect(cardText(roster.card)).toContain('Jonas Krüger (Jugendamt)');
  });

  it('a second member is approved, the SPK creates a session, two topics are registered and the agenda shows them', async () => {
    const channel = config.teams[0]?.channels.find((c) => c.name === 'AG Planung');
    const spk = config.currentUser;
    const jonas = config.users.find((u) => u.name.startsWith('Jonas'));
    const aylin = config.users.find((u) => u.name.startsWith('Aylin'));
    if (!channel || !jonas || !aylin) throw new Error('demo data missing');
    const inChannel = (text: string) => (p: { conversationId: string; card?: unknown }) =>
      p.conversationId.startsWith(channel.id) && cardText(p.card).includes(text);
    const body = 'ag-planung-steglitz-zehlendorf';

    await client.say(channel.id, aylin.id, 'mitglied werden', config.bot);
    const offices = await client.waitFor(inChannel('Mitglied werden'));
    await clickCard(client, offices, aylin.id, 'member.request', { choice: `${body}|schul-und-sportamt` });
    const approval = await client.waitFor(inChannel('Aylin Demir (Schul- und Sportamt) möchte'));
    const approved = await clickCard(
      client,
      approval,
      spk.id,
      'member.decide',
      buttonData(approval, 'member.decide', { decision: 'approve' }),
    );
    expect(cardText(approved.value)).toContain('vertritt jetzt „Schul- und Sportamt“');

    await client.say(channel.id, spk.id, 'sitzung anlegen', config.bot);
    const form = await client.waitFor(inChannel('Sitzung anlegen'));
    const created = await clickCard(client, form, spk.id, 'session.create', {
      bodyId: body,
      date: '2026-12-10',
      time: '10:00',
      place: 'Rathaus Zehlendorf',
    });
    expect(cardText(created.value)).toContain('Anmeldeschluss für Themen: Do, 3. Dez., 23:59');

    await client.say(channel.id, jonas.id, 'thema anmelden', config.bot);
    const topicForm = await client.waitFor(inChannel('Thema anmelden'));
    const beschluss = await clickCard(client, topicForm, jonas.id, 'topic.register', {
      bodyId: body,
      sessionId: '2026-12-10-1000',
      title: 'Standort Kita Lichterfelde-Süd',
      purpose: 'decision',
      description: 'Beschlussvorlage',
      documents: 'https://intranet.berlin.de/vorlagen/kita.pdf',
      conflictsOfGoals: 'Grünfläche gegen Kitaplätze',
    });
    expect(cardText(beschluss.value)).toContain('steht auf der Tagesordnung');
    const information = await clickCard(client, topicForm, aylin.id, 'topic.register', {
      bodyId: body,
      sessionId: '2026-12-10-1000',
      title: 'Schulentwicklungsplan 2027',
      purpose: 'information',
    });
    expect(cardText(information.value)).toContain('steht auf der Tagesordnung');

    await client.say(channel.id, aylin.id, 'tagesordnung', config.bot);
    const agenda = await client.waitFor(inChannel('Tagesordnung – Sitzung am Do, 10. Dez. 2026, 10:00'));
    const text = cardText(agenda.card);
    expect(text).toContain('TOP 1: Standort Kita Lichterfelde-Süd');
    expect(text).toContain('Beschluss · Jugendamt');
    expect(text).toContain('TOP 2: Schulentwicklungsplan 2027');
    expect(text).toContain('Erörterung · Information · Schul- und Sportamt');
  });
});

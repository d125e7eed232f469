import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../support/bot.js';
import { type E2E, startE2E } from '../support/e2e.js';
import { clickCard } from '../support/playground-client.js';

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

describe('end to end: link a channel and approve a member', () => {
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
    const approved = await clickCard(client, approval, spk.id, 'member.decide', {
      bodyId: 'ag-planung-steglitz-zehlendorf',
      memberAadObjectId: jonas.aadObjectId,
      decision: 'approve',
    });
    expect(cardText(approved.value)).toContain('vertritt jetzt „Jugendamt“');

    await client.say(channel.id, jonas.id, 'mitglieder', config.bot);
    const roster = await client.waitFor(
      (p) =>
        p.conversationId.startsWith(channel.id) && cardText(p.card).includes('Mitglieder der AG Planung'),
    );
    expect(cardText(roster.card)).toContain('Jonas Krüger (Jugendamt)');
  });
});

import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cardText } from '../support/bot.js';
import { type E2E, startE2E } from '../support/e2e.js';

let e2e: E2E;
let bot: E2E['bot'];
let playground: E2E['playground'];
let client: E2E['client'];
let config: E2E['config'];

beforeAll(async () => {
  e2e = await startE2E({ ALLOWED_TENANT_IDS: '7e3f2b1a-0c4d-4e5f-8a9b-2d1c0e9f8a7b' });
  ({ bot, playground, client, config } = e2e);
}, 60_000);

afterAll(async () => {
  await e2e?.stop();
});

describe('end to end through the Agents Playground', () => {
  it('listens on loopback only', () => {
    expect(playground.url.startsWith('http://127.0.0.1:')).toBe(true);
    expect(bot.url.startsWith('http://127.0.0.1:')).toBe(true);
  });

  it('installation in the personal chat: welcome card arrives and the reference is stored', async () => {
    const chat = config.personalChat.id;
    await client.install(chat);
    const welcome = await client.waitFor(
      (p) => p.conversationId === chat && cardText(p.card).includes('Willkommen'),
    );
    expect(welcome.card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', lang: 'de' });

    const table = TableClient.fromConnectionString(
      inject('azuriteConnectionString'),
      `${bot.env.TABLE_PREFIX}conversations`,
      { allowInsecureConnection: true },
    );
    const row = await table.getEntity(config.tenantId, chat);
    expect(row).toMatchObject({ kind: 'personal', userAadObjectId: config.currentUser.aadObjectId });
    expect(String(row.serviceUrl)).toContain('127.0.0.1');
  });

  it('"hilfe" in the personal chat: the help card arrives in German', async () => {
    const chat = config.personalChat.id;
    await client.say(chat, config.currentUser.id, 'hilfe');
    const help = await client.waitFor(
      (p) => p.conversationId === chat && cardText(p.card).includes('Gremienbot – Hilfe'),
    );
    expect(cardText(help.card)).toContain('Befehle');
  });

  it('installation in the team: the channel gets the channel welcome', async () => {
    const team = config.teams[0];
    if (!team) throw new Error('the demo config has a team');
    await client.install(team.id);
    const welcome = await client.waitFor(
      (p) => p.conversationId === team.id && cardText(p.card).includes('Kanal mit einer Arbeitsgruppe'),
    );
    expect(welcome.card).toBeDefined();
  });
});

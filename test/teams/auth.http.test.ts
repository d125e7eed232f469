import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  captureConnector,
  eventually,
  fixture,
  postActivity,
  startTestBot,
  type TestBot,
} from '../support/bot.js';
import { TEST_TENANT } from '../support/test-env.js';
import { createSigner, serveBotFrameworkKeys, serveEntraTokens, type TestSigner } from '../support/tokens.js';

const CLIENT_ID = '0c1b2a39-8e7d-4c6b-9a5f-4e3d2c1b0a99';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
let bot: TestBot;
let signer: TestSigner;
let impostor: TestSigner;

const goodClaims = () => ({ iss: 'https://api.botframework.com', aud: CLIENT_ID, serviceurl: SERVICE_URL });

beforeAll(async () => {
  signer = await createSigner('bf-key-1');
  impostor = await createSigner('bf-key-1'); // same kid, different key
  bot = await startTestBot({
    LOCAL_DEV_MODE: 'false',
    CLIENT_ID,
    CLIENT_SECRET: 'test-secret',
    TENANT_ID: TEST_TENANT,
  });
});
afterAll(async () => {
  await bot.close();
});
beforeEach(() => {
  serveBotFrameworkKeys([signer.jwk]);
});

async function storedConversations(): Promise<number> {
  const table = TableClient.fromConnectionString(
    inject('azuriteConnectionString'),
    `${bot.env.TABLE_PREFIX}conversations`,
    {
      allowInsecureConnection: true,
    },
  );
  // Conversation rows only (a personal chat also has a by-person lookup row, `user|…`).
  let n = 0;
  for await (const e of table.listEntities()) if (!String(e.rowKey).startsWith('user|')) n++;
  return n;
}

describe('with credentials, /api/messages requires a valid Bot Framework token', () => {
  const rejected: { name: string; header: () => Promise<Record<string, string>> }[] = [
    { name: 'no Authorization header', header: async () => ({}) },
    {
      name: 'a token signed by another key',
      header: async () => ({ authorization: `Bearer ${await impostor.sign(goodClaims())}` }),
    },
    {
      name: 'a wrong audience',
      header: async () => ({
        authorization: `Bearer ${await signer.sign({ ...goodClaims(), aud: 'someone-else' })}`,
      }),
    },
    {
      name: 'an expired token',
      header: async () => ({
        authorization: `Bearer ${await signer.sign(goodClaims(), { expiresInSeconds: -3600 })}`,
      }),
    },
    {
      name: 'a wrong issuer',
      header: async () => ({
        authorization: `Bearer ${await signer.sign({ ...goodClaims(), iss: 'https://evil.example' })}`,
      }),
    },
    {
      name: 'a token for another service URL',
      header: async () => ({
        authorization: `Bearer ${await signer.sign({ ...goodClaims(), serviceurl: 'https://evil.example/' })}`,
      }),
    },
    { name: 'garbage', header: async () => ({ authorization: 'Bearer not.a.jwt' }) },
  ];

  it.each(rejected)('rejects $name with 401 and runs no handler', async ({ header }) => {
    const { sent } = captureConnector(SERVICE_URL);
    const res = await postActivity(bot, fixture('personal-message-hilfe'), await header());
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(sent).toHaveLength(0);
    expect(await storedConversations()).toBe(0);
  });

  it('accepts a valid token: the handler runs and the reply is sent with the bot’s token', async () => {
    serveEntraTokens(TEST_TENANT);
    const { sent } = captureConnector(SERVICE_URL);
    const res = await postActivity(bot, fixture('personal-message-hilfe'), {
      authorization: `Bearer ${await signer.sign(goodClaims())}`,
    });
    expect(res.status).toBe(200);
    await eventually(() => sent.length === 1);
    expect(await storedConversations()).toBe(1);
  });
});

import { TableClient } from '@azure/data-tables';
import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  captureConnector,
  eventually,
  fixture,
  postActivity,
  startTestBot,
  type TestBot,
} from '../support/bot.js';
import { OTHER_TENANT, TEST_TENANT } from '../support/test-env.js';
import {
  createSigner,
  forgedToken,
  serveBotFrameworkKeys,
  serveEntraKeys,
  serveEntraTokens,
  type TestSigner,
} from '../support/tokens.js';

const CLIENT_ID = '0c1b2a39-8e7d-4c6b-9a5f-4e3d2c1b0a99';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
let bot: TestBot;
let signer: TestSigner & { publicPem: string };
let impostor: TestSigner;
let unendorsed: TestSigner;
let entra: TestSigner;

const goodClaims = () => ({ iss: 'https://api.botframework.com', aud: CLIENT_ID, serviceurl: SERVICE_URL });

beforeAll(async () => {
  signer = await createSigner('bf-key-1');
  impostor = await createSigner('bf-key-1'); // same kid, different key
  unendorsed = await createSigner('bf-key-2', ['skype']); // a real key, not endorsed for Teams
  entra = await createSigner('entra-key-1', null);
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
  serveBotFrameworkKeys([signer.jwk, unendorsed.jwk]);
  // Entra ID keys for both tenants, where the SDK's "agentic identity" path would fetch them:
  // the Entra tokens below are validly signed, and must still be refused.
  serveEntraKeys(TEST_TENANT, [entra.jwk]);
  serveEntraKeys(OTHER_TENANT, [entra.jwk]);
  serveEntraTokens(TEST_TENANT);
});

const entraV2 = (tid: string) => ({
  iss: `https://login.microsoftonline.com/${tid}/v2.0`,
  aud: CLIENT_ID,
  tid,
  azp: '11111111-2222-3333-4444-555555555555',
  ver: '2.0',
});
const entraV1 = (tid: string) => ({
  iss: `https://sts.windows.net/${tid}/`,
  aud: CLIENT_ID,
  tid,
  appid: '11111111-2222-3333-4444-555555555555',
  ver: '1.0',
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
    {
      name: 'a token that is not yet valid',
      header: async () => ({
        authorization: `Bearer ${await signer.sign(goodClaims(), { notBeforeSeconds: 3600 })}`,
      }),
    },
    {
      name: 'a token expired beyond the 300 s clock tolerance',
      header: async () => ({
        authorization: `Bearer ${await signer.sign(goodClaims(), { expiresInSeconds: -400 })}`,
      }),
    },
    {
      name: 'an unsigned token (alg: none)',
      header: async () => ({ authorization: `Bearer ${await forgedToken(goodClaims(), { alg: 'none' })}` }),
    },
    {
      name: 'an HS256 token keyed with the public key',
      header: async () => ({
        authorization: `Bearer ${await forgedToken(goodClaims(), { alg: 'HS256', secret: signer.publicPem, kid: signer.kid })}`,
      }),
    },
    {
      name: 'a key not endorsed for Teams',
      header: async () => ({ authorization: `Bearer ${await unendorsed.sign(goodClaims())}` }),
    },
    {
      name: 'an Entra ID v2 token for the bot from its home tenant',
      header: async () => ({ authorization: `Bearer ${await entra.sign(entraV2(TEST_TENANT))}` }),
    },
    {
      name: 'an Entra ID v1 token for the bot from its home tenant',
      header: async () => ({ authorization: `Bearer ${await entra.sign(entraV1(TEST_TENANT))}` }),
    },
    {
      name: 'an Entra ID v2 token for the bot from another tenant',
      header: async () => ({ authorization: `Bearer ${await entra.sign(entraV2(OTHER_TENANT))}` }),
    },
    {
      name: 'an Entra ID v1 token for the bot from another tenant',
      header: async () => ({ authorization: `Bearer ${await entra.sign(entraV1(OTHER_TENANT))}` }),
    },
    {
      name: 'an Entra ID token that also names a service URL',
      header: async () => ({
        authorization: `Bearer ${await entra.sign({ ...entraV2(TEST_TENANT), serviceurl: SERVICE_URL })}`,
      }),
    },
  ];

  it.each(rejected)('rejects $name with 401 and runs no handler', async ({ header }) => {
    const { sent } = captureConnector(SERVICE_URL);
    const activity = fixture('personal-message-hilfe');
    const before = bot.logger.entries.length;
    const res = await postActivity(bot, activity, await header());
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'unauthorized' });
    await new Promise((r) => setTimeout(r, 100));
    expect(sent).toHaveLength(0);
    expect(await storedConversations()).toBe(0);
    // The refusal is logged by its reason; nothing of the unauthenticated body is.
    const logged = JSON.stringify(bot.logger.entries.slice(before));
    expect(logged).toContain('activity refused');
    expect(logged).not.toContain(activity.id as string);
    expect(logged).not.toContain('hilfe');
  });

  it('refuses a valid token for a service URL off the allow-list (403): nothing stored, nothing sent', async () => {
    const evil = 'https://evil.example/teams/';
    const { sent } = captureConnector(evil);
    const res = await postActivity(bot, fixture('personal-message-hilfe', { serviceUrl: evil }), {
      authorization: `Bearer ${await signer.sign({ ...goodClaims(), serviceurl: evil })}`,
    });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: 'service_url_not_allowed' });
    await new Promise((r) => setTimeout(r, 100));
    expect(sent).toHaveLength(0);
    expect(await storedConversations()).toBe(0);
  });

  it('accepts a token expired within the 300 s clock tolerance', async () => {
    const { sent } = captureConnector(SERVICE_URL);
    const res = await postActivity(bot, fixture('personal-message-hilfe'), {
      authorization: `Bearer ${await signer.sign(goodClaims(), { expiresInSeconds: -120 })}`,
    });
    expect(res.status).toBe(200);
    await eventually(() => sent.length === 1);
  });

  it.each([
    ['a 502', (scope: nock.Interceptor) => scope.reply(502, { error: { code: 'BadGateway' } })],
    ['a 401', (scope: nock.Interceptor) => scope.reply(401, { message: 'Authorization has been denied' })],
  ])(
    'when the Bot Connector refuses the reply (%s), no token or secret reaches the log',
    async (_name, fail) => {
      serveEntraTokens(TEST_TENANT);
      const base = new URL(SERVICE_URL);
      fail(
        nock(base.origin)
          .persist()
          .post((uri) => uri.includes('/v3/conversations/')),
      );
      const before = bot.logger.entries.length;
      const inbound = await signer.sign(goodClaims());
      await postActivity(bot, fixture('personal-message-hilfe'), { authorization: `Bearer ${inbound}` });
      await eventually(() => bot.logger.entries.length > before);
      await new Promise((r) => setTimeout(r, 200));
      const logged = JSON.stringify(bot.logger.entries.slice(before));
      expect(logged).not.toMatch(/Bearer\s+ey/);
      expect(logged).not.toContain(inbound.split('.')[2] ?? 'x');
      expect(logged).not.toContain('eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9');
      expect(logged).not.toContain('test-secret');
      expect(logged).not.toMatch(/"(headers|config|request|response)":/);
    },
  );

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

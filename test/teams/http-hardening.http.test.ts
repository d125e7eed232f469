import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AzuriteHandle, startAzurite } from '../../src/storage/azurite.js';
import { HTTP_LIMITS } from '../../src/teams/http/server.js';
import { signTrigger } from '../../src/teams/http/trigger-auth.js';
import {
  botForFile,
  captureConnector,
  fixture,
  postActivity,
  runScheduler,
  startTestBot,
  type TestBot,
} from '../support/bot.js';
import { SERVICE_URL } from '../support/teams-actions.js';
import { TEST_TENANT } from '../support/test-env.js';

const bot = botForFile();

async function post(body: string, contentType?: string): Promise<Response> {
  return fetch(`${bot().url}/api/messages`, {
    method: 'POST',
    headers: contentType ? { 'content-type': contentType } : {},
    body,
  });
}

/** An answer that is short JSON: no HTML page, no stack trace, no internal path. */
async function expectJsonError(res: Response, status: number, error: string): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const text = await res.text();
  expect(JSON.parse(text)).toEqual({ error });
  expect(text).not.toMatch(/<html|<pre|at \w+ \(|node_modules|\/work\//i);
}

describe('POST /api/messages refuses what is not a Teams activity, in JSON', () => {
  const activity = () => JSON.stringify(fixture('personal-message-hilfe'));

  it.each([
    ['malformed JSON', '{"type": "message",', 'application/json', 400, 'malformed_body'],
    ['a text/plain body', activity(), 'text/plain', 400, 'unsupported_content_type'],
    ['a form body', 'type=message', 'application/x-www-form-urlencoded', 400, 'unsupported_content_type'],
    ['no content type', activity(), undefined, 400, 'unsupported_content_type'],
    ['an array', '[]', 'application/json', 400, 'invalid_activity'],
    ['an empty object', '{}', 'application/json', 400, 'invalid_activity'],
    ['a JSON string', '"hello"', 'application/json', 400, 'malformed_body'],
    [
      'an activity without a conversation',
      JSON.stringify({ ...fixture('personal-message-hilfe'), conversation: undefined }),
      'application/json',
      400,
      'invalid_activity',
    ],
    [
      'an activity without a sender',
      JSON.stringify({ ...fixture('personal-message-hilfe'), from: undefined }),
      'application/json',
      400,
      'invalid_activity',
    ],
    [
      'an oversized body',
      JSON.stringify({ ...fixture('personal-message-hilfe'), text: 'x'.repeat(300 * 1024) }),
      'application/json',
      413,
      'too_large',
    ],
  ] as const)('%s is refused; nothing sent', async (_name, body, type, status, error) => {
    const { sent } = captureConnector(SERVICE_URL);
    await expectJsonError(await post(body, type), status, error);
    await new Promise((r) => setTimeout(r, 50));
    expect(sent).toHaveLength(0);
  });

  it('an activity for a connector off the allow-list is refused in local development too', async () => {
    const { sent } = captureConnector('https://evil.example/');
    const res = await postActivity(
      bot(),
      fixture('personal-message-hilfe', { serviceUrl: 'https://evil.example/' }),
    );
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: 'service_url_not_allowed' });
    await new Promise((r) => setTimeout(r, 50));
    expect(sent).toHaveLength(0);
  });

  it('an unknown route is a JSON 404', async () => {
    await expectJsonError(await fetch(`${bot().url}/nothing-here`), 404, 'not_found');
  });
});

describe('local development: the clock-moving trigger only from the developer, as JSON', () => {
  const later = '2026-11-22T12:00:00.000Z';

  it('refuses a text/plain POST, as a web page could send it cross-site', async () => {
    const res = await fetch(`${bot().url}/api/scheduler/run`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ now: later }),
    });
    await expectJsonError(res, 400, 'unsupported_content_type');
  });

  it.each([
    ['a cross-site Origin', { origin: 'https://evil.example' }],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }],
    ['a same-site fetch from another port', { origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'same-site' }],
  ])('refuses %s with 403', async (_name, headers) => {
    const res = await runScheduler(bot(), later, headers);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: 'forbidden' });
  });

  it('none of the refused requests moved the clock; a plain JSON request does', async () => {
    const res = await runScheduler(bot(), later);
    expect(res.status).toBe(200);
    // If a refused request had moved the clock there, this earlier instant would be refused.
    expect((await runScheduler(bot(), '2026-11-22T11:00:00.000Z')).status).toBe(400);
  });
});

describe('slow clients are dropped within seconds', () => {
  it(`a client that never finishes its headers is disconnected after ${HTTP_LIMITS.headersTimeoutMs} ms`, async () => {
    // The slow client in a process of its own: nock, loaded here, stands in for raw sockets.
    const script = `
      const net = require('node:net');
      const started = Date.now();
      const socket = net.connect({ host: '127.0.0.1', port: ${new URL(bot().url).port} }, () =>
        socket.write('POST /api/messages HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nX-Slow: '));
      socket.on('error', () => {});
      socket.resume();
      socket.on('close', () => { process.stdout.write(String(Date.now() - started)); process.exit(0); });
      setTimeout(() => { process.stdout.write('still connected'); process.exit(0); }, ${HTTP_LIMITS.headersTimeoutMs + 5_000});
    `;
    const out = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['-e', script], { timeout: 30_000 }, (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      );
    });
    const closedAfter = Number(out);
    expect(out).not.toBe('still connected');
    expect(closedAfter).toBeGreaterThanOrEqual(HTTP_LIMITS.headersTimeoutMs - 100);
    expect(closedAfter).toBeLessThan(HTTP_LIMITS.headersTimeoutMs + 3_000);
  }, 30_000);
});

describe('storage down: health and the signed trigger answer 503 in JSON, without internals', () => {
  const SECRET = 'a-scheduler-trigger-secret-of-32-chars-or-more';
  let azurite: AzuriteHandle;
  let prod: TestBot;

  beforeAll(async () => {
    azurite = await startAzurite();
    prod = await startTestBot({
      STORAGE_CONNECTION_STRING: azurite.connectionString,
      STORAGE_TIMEOUT_MS: '500',
      LOCAL_DEV_MODE: 'false',
      CLIENT_ID: '0c1b2a39-8e7d-4c6b-9a5f-4e3d2c1b0a99',
      CLIENT_SECRET: 'test-secret',
      TENANT_ID: TEST_TENANT,
      SCHEDULER_TRIGGER_SECRET: SECRET,
    });
    await azurite.stop();
  });
  afterAll(async () => {
    await prod.close();
  });

  it('/healthz names the probe, not the address or the error', async () => {
    const res = await fetch(`${prod.url}/healthz`);
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      status: 'degraded',
      checks: { storage: 'unavailable', scheduler: 'ok' },
    });
    expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|connect/);
    // The detail is in the log, for the operator.
    expect(prod.logger.entries.some((e) => e.message === 'health check failed')).toBe(true);
  });

  it('a correctly signed trigger gets 503 JSON', async () => {
    const body = '{}';
    const res = await fetch(`${prod.url}/api/scheduler/run`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-gremienbot-signature': signTrigger(SECRET, body, new Date(), randomUUID()),
      },
      body,
    });
    await expectJsonError(res, 503, 'unavailable');
  });
});

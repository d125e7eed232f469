import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { afterAll, beforeAll } from 'vitest';
import { startBot } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/load-config.js';
import { RecordingLogger } from '../../src/ports/logger.js';
import type { RunningServer } from '../../src/teams/http/server.js';
import { devEnv } from './test-env.js';

const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/activities');

export type TestBot = RunningServer & { logger: RecordingLogger; env: Record<string, string> };

/** The "now" of HTTP and end-to-end tests, so that dates in them never fall into the past. */
export const TEST_NOW = new Date('2026-11-22T10:00:00.000Z');

/** Starts the real bot (config, storage on Azurite, HTTP) on a free loopback port, at TEST_NOW. */
export async function startTestBot(overrides: Record<string, string> = {}): Promise<TestBot> {
  const env = devEnv(overrides);
  const logger = new RecordingLogger();
  // Starts at TEST_NOW and moves 1 ms per reading, so events keep their order.
  let tick = 0;
  const server = await startBot(loadConfig(env), logger, {
    clock: { now: () => new Date(TEST_NOW.getTime() + ++tick) },
  });
  return Object.assign(server, { logger, env });
}

/**
 * The usual set-up of a test file: the real bot started before its tests (at TEST_NOW, with
 * `overrides`) and closed after them. Returns the running bot; call it inside tests.
 */
export function botForFile(overrides: Record<string, string> = {}): () => TestBot {
  let bot: TestBot | undefined;
  beforeAll(async () => {
    bot = await startTestBot(overrides);
  });
  afterAll(async () => {
    await bot?.close();
  });
  return () => {
    if (!bot) throw new Error('the bot starts in beforeAll');
    return bot;
  };
}

export type ActivityJson = Record<string, unknown> & {
  conversation: { id: string; tenantId?: string };
  serviceUrl: string;
};

/** A real Teams activity from test/fixtures, with a fresh id and optional changes. */
export function fixture(name: string, changes: Record<string, unknown> = {}): ActivityJson {
  const raw = JSON.parse(readFileSync(path.join(fixturesDir, `${name}.json`), 'utf8')) as ActivityJson;
  return { ...raw, id: `${raw.id as string}-${Math.random().toString(36).slice(2, 8)}`, ...changes };
}

/** Where tests send activities: the bot's HTTP endpoint, or an in-process bot (support/in-process-bot.ts). */
export type BotEndpoint =
  | { readonly url: string }
  | { readonly deliver: (activity: unknown) => Promise<{ status: number; body: unknown }> };

export async function postActivity(
  bot: BotEndpoint,
  activity: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  if ('deliver' in bot) return bot.deliver(JSON.parse(JSON.stringify(activity)));
  const res = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return { status: res.status, body: text ? safeParse(text) : undefined };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export type SentActivity = { conversationId: string; body: Record<string, unknown>; updates?: string };

/**
 * Intercepts the Bot Connector: every activity the bot sends to `serviceUrl`
 * is captured (and answered like the real service would).
 */
let activeCapture: nock.Scope | undefined;
/** Ids of posted activities are unique across captures, as Teams' are. */
let postedCount = 0;

export function captureConnector(serviceUrl: string): { sent: SentActivity[]; scope: nock.Scope } {
  // nock answers with the first matching interceptor: a new capture replaces the previous
  // one, or a second capture in the same test would never see anything.
  if (activeCapture) {
    // A copy: removing an interceptor splices the scope's own list (iterating it would skip
    // every second one, and an old capture would keep answering updates).
    for (const interceptor of [
      ...(activeCapture as unknown as { interceptors: nock.Interceptor[] }).interceptors,
    ]) {
      nock.removeInterceptor(interceptor);
    }
  }
  const sent: SentActivity[] = [];
  const base = new URL(serviceUrl);
  const prefix = base.pathname.replace(/\/$/, '');
  const scope = nock(base.origin)
    .persist()
    .post((uri) => uri.startsWith(`${prefix}/v3/conversations/`) && uri.endsWith('/activities'))
    .reply(201, async (request: Request) => {
      // nock 15 hands reply functions the Fetch Request.
      const uri = new URL(request.url).pathname;
      const conversationId = decodeURIComponent(
        uri.slice(`${prefix}/v3/conversations/`.length).split('/')[0] ?? '',
      );
      sent.push({ conversationId, body: (await request.json()) as Record<string, unknown> });
      return { id: `sent-${++postedCount}` };
    })
    // Updates of a posted message (a card refreshed for everyone).
    .put((uri) => uri.startsWith(`${prefix}/v3/conversations/`) && uri.includes('/activities/'))
    .reply(200, async (request: Request) => {
      const path = new URL(request.url).pathname.slice(`${prefix}/v3/conversations/`.length).split('/');
      sent.push({
        conversationId: decodeURIComponent(path[0] ?? ''),
        updates: decodeURIComponent(path[2] ?? ''),
        body: (await request.json()) as Record<string, unknown>,
      });
      return { id: decodeURIComponent(path[2] ?? '') };
    });
  activeCapture = scope;
  return { sent, scope };
}

/** The Adaptive Card content of a sent activity, or undefined. */
export function cardOf(activity: Record<string, unknown>): Record<string, unknown> | undefined {
  const attachments = activity.attachments as
    | { contentType: string; content: Record<string, unknown> }[]
    | undefined;
  return attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/**
 * All text a card shows, flattened, for assertions that do not depend on layout: Markdown
 * escapes (cards/plain.ts) are read as the characters a person sees; input values as they are.
 */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const shown = (text: string) => text.replace(/\\([\\`*_[\]#>+.-])/g, '$1');
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      const input = typeof o.type === 'string' && o.type.startsWith('Input.');
      for (const key of ['text', 'title', 'value'])
        if (typeof o[key] === 'string') out.push(input ? (o[key] as string) : shown(o[key] as string));
      for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
    }
  };
  walk(card);
  return out.join('\n');
}

/** Waits until `check` returns true (for effects of asynchronous sends). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition not met in time');
}

/** One scheduler pass through the trigger endpoint (in local development `now` moves the bot's clock). */
export async function runScheduler(
  bot: { url: string },
  now?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${bot.url}/api/scheduler/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(now ? { now } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : { text }) as Record<
      string,
      unknown
    >,
  };
}

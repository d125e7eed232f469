import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Application } from 'express';
import { z } from 'zod';
import type { SchedulerRunner } from '../../app/notifications/runner.js';
import type { ShiftableClock } from '../../ports/clock.js';
import type { HealthProbe } from '../../ports/health.js';
import type { NotificationStore } from '../../ports/notifications.js';
import { createBot } from '../app.js';
import type { BotDeps } from '../handlers/deps.js';
import { mountFiles } from '../handlers/files.js';
import type { TeamsMessenger } from '../messenger.js';
import { jsonFallbacks, messagesGuard } from './messages-guard.js';
import { TRIGGER_HEADER, verifyTrigger } from './trigger-auth.js';
import { mountVotePage } from './vote-page.js';

/**
 * Slow or idle clients are dropped within seconds (Node's defaults are 60–300 s): the Bot
 * Connector sends a whole activity at once and expects an answer within 15 s.
 */
export const HTTP_LIMITS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 512,
} as const;

export type RunningServer = {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
};

/**
 * Starts the bot's HTTP server: POST /api/messages (the Teams SDK) and GET /healthz.
 * It listens on the configured host, which is loopback unless production says otherwise;
 * the SDK's own start() is not used because it binds every interface.
 */
export type Scheduling = {
  readonly runner: SchedulerRunner;
  readonly messenger: TeamsMessenger;
  readonly notifications: NotificationStore;
  /** Local development only: the clock a trigger may move forward. */
  readonly devClock?: ShiftableClock;
};

export async function startHttpServer(
  deps: BotDeps & { health: readonly HealthProbe[]; scheduling: Scheduling },
): Promise<RunningServer> {
  const web = express();
  web.disable('x-powered-by');
  mountSchedulerTrigger(web, deps);
  mountFiles(web, deps);
  mountVotePage(web, deps);

  web.get('/healthz', async (_req, res) => {
    const results = await Promise.all(deps.health.map(async (p) => ({ name: p.name, ...(await p.check()) })));
    for (const r of results) {
      if (!r.ok)
        deps.logger.warn('health check failed', { probe: r.name, reason: 'reason' in r ? r.reason : '' });
    }
    const ok = results.every((r) => r.ok);
    // Status per probe only: addresses and error texts stay in the log.
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'degraded',
      checks: Object.fromEntries(results.map((r) => [r.name, r.ok ? 'ok' : 'unavailable'])),
    });
  });

  // In front of the SDK's own route: nothing unauthenticated or malformed reaches it.
  web.post('/api/messages', ...messagesGuard(deps.config, deps.logger));
  const app = createBot(deps, web);
  await app.initialize();
  deps.scheduling.messenger.bind(app);
  web.use(...jsonFallbacks(deps.logger));

  const server = http.createServer(
    {
      headersTimeout: HTTP_LIMITS.headersTimeoutMs,
      requestTimeout: HTTP_LIMITS.requestTimeoutMs,
      keepAliveTimeout: HTTP_LIMITS.keepAliveTimeoutMs,
      // How often Node looks for connections past those timeouts (default 30 s).
      connectionsCheckingInterval: 1_000,
      maxHeaderSize: 16 * 1024,
    },
    web,
  );
  server.maxConnections = HTTP_LIMITS.maxConnections;
  server.maxHeadersCount = 100;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: deps.config.port, host: deps.config.host }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = deps.config.host.includes(':') ? `[${deps.config.host}]` : deps.config.host;
  // Links point at the public address if one is configured, else at this server.
  if (deps.files && !deps.files.baseUrl) deps.files.baseUrl = `http://${host}:${port}`;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const TriggerBody = z
  .object({
    /** Local development only: run the pass at this instant (the bot's clock moves there). */
    now: z.string().datetime({ offset: true }).optional(),
  })
  .strict();

/**
 * POST /api/scheduler/run: one scheduler pass, for an external scheduler; answers with what
 * it sent. Outside local development the request must be signed (src/app/trigger-auth.ts) and
 * is accepted once; without a configured secret the endpoint does not exist. A simulated
 * "now" is refused outside local development.
 */
function mountSchedulerTrigger(web: Application, deps: BotDeps & { scheduling: Scheduling }): void {
  const { config, logger, scheduling } = deps;
  const localDev = config.auth.mode === 'local-dev';
  const secret = config.scheduler.triggerSecret;
  if (!localDev && !secret) return;
  web.post(
    '/api/scheduler/run',
    express.text({ type: 'application/json', limit: '4kb' }),
    async (req, res) => {
      // JSON only, and never from a web page on another origin: a page open in the developer's
      // browser must not be able to move the local clock (it cannot be moved back).
      if (!req.is('application/json')) {
        res.status(400).json({ error: 'unsupported_content_type' });
        return;
      }
      if (crossSite(req.header('origin'), req.header('sec-fetch-site'), req.header('host'))) {
        logger.warn('scheduler trigger refused', { reason: 'crossSite' });
        res.status(403).json({ error: 'forbidden' });
        return;
      }
      const raw = typeof req.body === 'string' ? req.body : '';
      if (secret && !localDev) {
        const check = verifyTrigger(secret, req.header(TRIGGER_HEADER), raw, new Date());
        if (!check.ok) {
          logger.warn('scheduler trigger refused', { reason: check.reason });
          res.status(401).json({ error: 'unauthorized' });
          return;
        }
        let fresh: boolean;
        try {
          fresh = await scheduling.notifications.recordNonce(check.nonce, check.at);
        } catch (e) {
          logger.error('scheduler trigger: nonce could not be stored', { error: e });
          res.status(503).json({ error: 'unavailable' });
          return;
        }
        if (!fresh) {
          logger.warn('scheduler trigger replayed', { nonce: check.nonce });
          res.status(401).json({ error: 'unauthorized' });
          return;
        }
      }
      let body: z.infer<typeof TriggerBody>;
      try {
        body = TriggerBody.parse(raw.trim() === '' ? {} : JSON.parse(raw));
      } catch {
        res
          .status(400)
          .json({ error: 'invalid_body', expected: '{} or {"now": "<ISO date-time with offset>"}' });
        return;
      }
      if (body.now !== undefined) {
        if (!localDev || !scheduling.devClock) {
          res.status(400).json({ error: 'a simulated "now" is accepted only in local development mode' });
          return;
        }
        if (!scheduling.devClock.moveTo(new Date(body.now))) {
          res
            .status(400)
            .json({ error: 'time only moves forward', now: scheduling.devClock.now().toISOString() });
          return;
        }
      }
      try {
        res.json(await scheduling.runner.run());
      } catch (e) {
        logger.error('scheduler pass failed', { error: e });
        res.status(503).json({ error: 'unavailable' });
      }
    },
  );
}

/** A browser request from another origin (a scheduler or curl sends no Origin). */
function crossSite(
  origin: string | undefined,
  fetchSite: string | undefined,
  host: string | undefined,
): boolean {
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return true;
  if (!origin) return false;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

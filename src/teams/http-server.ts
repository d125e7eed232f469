import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { HealthProbe } from '../ports/health.js';
import { type BotDeps, createBot } from './create-bot.js';

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
export async function startHttpServer(
  deps: BotDeps & { health: readonly HealthProbe[] },
): Promise<RunningServer> {
  const web = express();
  web.disable('x-powered-by');

  web.get('/healthz', async (_req, res) => {
    const results = await Promise.all(deps.health.map(async (p) => ({ name: p.name, ...(await p.check()) })));
    const ok = results.every((r) => r.ok);
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'degraded',
      checks: Object.fromEntries(
        results.map((r) => [r.name, r.ok ? 'ok' : `unavailable: ${'reason' in r ? r.reason : ''}`]),
      ),
    });
  });

  const app = createBot(deps, web);
  await app.initialize();

  const server = http.createServer(web);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: deps.config.port, host: deps.config.host }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = deps.config.host.includes(':') ? `[${deps.config.host}]` : deps.config.host;
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

/**
 * `npm run bench`: a ballot (Action.Execute through POST /api/messages, against Azurite)
 * next to the framework's floor — an Action.Execute the same bot answers without storage
 * (an unknown verb, answered with a static card) — on the same server, in one run.
 * Prints requests per second, p50 and p99 at 25 concurrent users, and the ratio.
 * The Bot Connector is a stub on 127.0.0.1 (the ballot refreshes the shared card there).
 * Figures only, no assertions: these machines are shared and noisy.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TableClient } from '@azure/data-tables';
import { stringify } from 'yaml';
import { startBot } from '../src/bootstrap.js';
import { parseBody } from '../src/domain/body.js';
import { loadConfig } from '../src/load-config.js';
import { RecordingLogger } from '../src/ports/logger.js';
import { startAzurite } from '../src/storage/azurite.js';
import { ensureTable } from '../src/storage/table-client.js';
import { TablePartitionStore } from '../src/storage/table-partition-store.js';
import { bodyInput } from '../test/support/bodies.js';
import { aadOf, depsFor, seedSession } from '../test/support/session-seed.js';

const USERS = 25;
const PER_USER = 40;
const TENANT = '7e3f2b1a-0c4d-4e5f-8a9b-2d1c0e9f8a7b';

// A Bot Connector stand-in on loopback: accepts every send and update.
const connector = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id":"1"}');
  });
});
await new Promise<void>((resolve) => connector.listen({ port: 0, host: '127.0.0.1' }, resolve));
const serviceUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;

const azurite = await startAzurite();
const bodiesDir = mkdtempSync(path.join(tmpdir(), 'bench-bodies-'));
writeFileSync(path.join(bodiesDir, 'test-ag.yaml'), stringify(bodyInput({ voting: USERS })));
const env = {
  LOCAL_DEV_MODE: 'true',
  PORT: '0',
  ALLOWED_TENANT_IDS: TENANT,
  STORAGE_CONNECTION_STRING: azurite.connectionString,
  TABLE_PREFIX: 'bench',
  BODIES_DIR: bodiesDir,
  LOG_LEVEL: 'error',
};
const server = await startBot(loadConfig(env), new RecordingLogger());

const client = TableClient.fromConnectionString(azurite.connectionString, 'benchgremien', {
  allowInsecureConnection: true,
});
await ensureTable(client, 5000);
const body = parseBody(bodyInput({ voting: USERS }), 'test-ag.yaml');
const SESSION = '2026-11-22-1200';
await seedSession(depsFor(new TablePartitionStore(client, 10_000), [body]), body, {
  sessionId: SESSION,
  voteId: 'v1',
});

function invoke(office: string, verb: string, data: Record<string, unknown>, n: number) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `bench-${office}-${n}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:${office}`, name: office, aadObjectId: aadOf(office) },
    recipient: { id: '28:bench-bot', name: 'Gremienbot' },
    conversation: { id: '19:bench@thread.tacv2;messageid=1', conversationType: 'channel', tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, channel: { id: '19:bench@thread.tacv2' } },
    replyToId: 'card-1',
    locale: 'de-DE',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

async function post(activity: unknown): Promise<void> {
  const res = await fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  await res.text();
  if (res.status !== 200) throw new Error(`status ${res.status}`);
}

async function run(name: string, make: (office: string, n: number) => unknown) {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: USERS }, async (_, u) => {
      const office = `amt-${u + 1}`;
      for (let n = 0; n < PER_USER; n++) {
        const t = performance.now();
        await post(make(office, n));
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return { name, rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), n: latencies.length };
}

// Warm up both paths (JIT, connections, the conversation-reference cache).
await run('warm-up', (office, n) =>
  invoke(
    office,
    n % 2 ? 'bench.echo' : 'vote.cast',
    { bodyId: body.id, sessionId: SESSION, voteId: 'v1', choice: 'abstain' },
    n,
  ),
);
const echo = await run('echo (framework floor)', (office, n) => invoke(office, 'bench.echo', {}, n));
const ballot = await run('ballot', (office, n) =>
  // Alternate the choice so every ballot is a real write.
  invoke(
    office,
    'vote.cast',
    { bodyId: body.id, sessionId: SESSION, voteId: 'v1', choice: n % 2 ? 'no' : 'yes' },
    n,
  ),
);

await server.close();
await azurite.stop();
connector.close();

const line = (r: Awaited<ReturnType<typeof run>>) =>
  `${r.name.padEnd(24)} ${r.rps.toFixed(1).padStart(7)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   (n=${r.n})`;
process.stdout.write(
  [
    `Action.Execute through /api/messages, ${USERS} concurrent users, this machine, one run`,
    line(echo),
    line(ballot),
    `ballot throughput / echo floor: ${((ballot.rps / echo.rps) * 100).toFixed(0)} %   (target ≥ 50 %)`,
    `ballot p99 at ${USERS} users: ${ballot.p99.toFixed(0)} ms   (target < 250 ms)`,
    '',
  ].join('\n'),
);

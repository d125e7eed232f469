/**
 * `npm run bench`: the figures of docs/performance.md, in one run on this machine.
 *
 * 1. Throughput at 25 concurrent users through POST /api/messages (Azurite, a Bot Connector stub
 *    on 127.0.0.1): the echo floor (an action answered without storage), the storage floor (the
 *    exact storage calls of one ballot, issued directly with @azure/data-tables at the same
 *    concurrency), the combined floor 1/(1/echo + 1/storage), the ballot, and their ratio; the
 *    same for a check-in.
 * 2. Round trips per ballot and per check-in, in the answer's path and after it.
 * 3. Scale, cards, start-up and cost: scripts/lib/bench/scale.ts and friends.
 * Figures only, no assertions: these machines are shared and noisy (compare within one run).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TableClient } from '@azure/data-tables';
import { stringify } from 'yaml';
import { checkIn } from '../src/app/session-run/check-in.js';
import type { SessionDeps } from '../src/app/shared/deps.js';
import { castBallot } from '../src/app/voting/cast-ballot.js';
import { startBot } from '../src/bootstrap.js';
import { parseBody } from '../src/domain/body.js';
import { loadConfig } from '../src/load-config.js';
import { RecordingLogger } from '../src/ports/logger.js';
import { startAzurite } from '../src/storage/azurite.js';
import { TableGremienStore } from '../src/storage/gremien-store.js';
import { ensureTable } from '../src/storage/table-client.js';
import { TablePartitionStore } from '../src/storage/table-partition-store.js';
import { bodyInput } from '../test/support/bodies.js';
import { aadOf, seedItem, seedSession } from '../test/support/session-seed.js';
import { replay } from './lib/bench/floor.js';
import {
  describeOps,
  line,
  load,
  RecordingPartitionStore,
  RoundTrips,
  type StorageOp,
} from './lib/bench/measure.js';
import { otherFigures } from './lib/bench/others.js';

const USERS = 25;
const PER_USER = 20;
const TENANT = '7e3f2b1a-0c4d-4e5f-8a9b-2d1c0e9f8a7b';
const out: string[] = [];
const say = (s = '') => {
  out.push(s);
};

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
const body = parseBody(bodyInput({ voting: USERS }), 'test-ag.yaml');
const trips = new RoundTrips();
const server = await startBot(
  loadConfig({
    LOCAL_DEV_MODE: 'true',
    PORT: '0',
    ALLOWED_TENANT_IDS: TENANT,
    STORAGE_CONNECTION_STRING: azurite.connectionString,
    TABLE_PREFIX: 'bench',
    BODIES_DIR: bodiesDir,
    LOG_LEVEL: 'error',
    SCHEDULER_INTERVAL_SECONDS: '0',
  }),
  new RecordingLogger(),
  { observeStorage: trips.observe },
);

// The same table, for seeding, recording a use case's storage calls, and the storage floor.
const client = TableClient.fromConnectionString(azurite.connectionString, 'benchgremien', {
  allowInsecureConnection: true,
});
await ensureTable(client, 5000);
const recorder = new RecordingPartitionStore(new TablePartitionStore(client, 10_000));
const deps: SessionDeps = {
  store: new TableGremienStore(recorder),
  bodies: new Map([[body.id, body]]),
  clock: { now: () => new Date() },
  newId: () => randomUUID(),
};
const VOTE_SESSION = '2026-11-22-1200';
await seedSession(deps, body, { sessionId: VOTE_SESSION, voteId: 'v1' });
// The vote's agenda item: with it, a ballot's answer draws the vote card and redraws its copies.
await seedItem(deps, body.id, VOTE_SESSION, { itemId: 'item-1' });
// Check-ins create a row once per office and session: one session per round, for the bot and the floor.
const checkInSessions = (prefix: string) =>
  Array.from({ length: PER_USER }, (_, n) => `2026-11-22-${prefix}${n}`);
for (const s of [...checkInSessions('h'), ...checkInSessions('f'), '2026-11-22-rec'])
  await seedSession(deps, body, { sessionId: s, voteId: 'v1' });

const office = (lane: number) => `amt-${lane + 1}`;
function invoke(o: string, verb: string, data: Record<string, unknown>, n: number) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `bench-${o}-${n}-${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:${o}`, name: o, aadObjectId: aadOf(o) },
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
const ballotOf = (o: string, n: number) =>
  invoke(
    o,
    'vote.cast',
    { bodyId: body.id, sessionId: VOTE_SESSION, voteId: 'v1', choice: n % 2 ? 'no' : 'yes' },
    n,
  );
const checkInOf = (o: string, sessionId: string, n: number) =>
  invoke(o, 'session.checkIn', { bodyId: body.id, sessionId }, n);

// ---- the storage calls of one ballot and one check-in, per office, as the use cases make them
const ballotOps = new Map<string, StorageOp[]>();
const checkInOps = new Map<string, StorageOp[]>();
for (let lane = 0; lane < USERS; lane++) {
  const o = office(lane);
  const cast = (n: number) =>
    castBallot(deps, {
      bodyId: body.id,
      sessionId: VOTE_SESSION,
      voteId: 'v1',
      actorAadObjectId: aadOf(o),
      choice: n % 2 ? 'no' : 'yes',
      activityId: `rec-${n}-${randomUUID()}`,
    });
  await cast(0); // the office's first ballot creates its row; later ones update it, as in the run
  recorder.recording = true;
  await cast(1);
  ballotOps.set(o, recorder.take());
  await checkIn(deps, {
    bodyId: body.id,
    sessionId: '2026-11-22-rec',
    actorAadObjectId: aadOf(o),
    activityId: `rec-${randomUUID()}`,
  });
  checkInOps.set(o, recorder.take());
  recorder.recording = false;
}

// ---- round trips in the answer's path (counted until the answer) and after it (card redraws)
async function tripsOf(activity: unknown) {
  await new Promise((r) => setTimeout(r, 1500)); // earlier redraws settle
  const before = trips.count;
  await post(activity);
  await new Promise((r) => setTimeout(r, 1500)); // this one's redraws run
  return trips.count - before;
}
await post(ballotOf('amt-1', 10)); // the conversation reference is stored once per process
const ballotTrips = await tripsOf(ballotOf('amt-1', 11));
const checkInTrips = await tripsOf(checkInOf('amt-1', checkInSessions('h')[0] ?? '', 0));

// ---- throughput at USERS concurrent users
await load('warm-up', USERS, 4, (lane, n) => post(invoke(office(lane), 'bench.echo', {}, n)));
await load('warm-up', USERS, 4, (lane, n) => post(ballotOf(office(lane), n)));
const echo = await load('echo (framework floor)', USERS, PER_USER, (lane, n) =>
  post(invoke(office(lane), 'bench.echo', {}, n)),
);
const ballotFloor = await load('ballot storage floor (direct)', USERS, PER_USER, (lane) =>
  replay(client, ballotOps.get(office(lane)) ?? []),
);
const ballot = await load('ballot', USERS, PER_USER, (lane, n) => post(ballotOf(office(lane), n)));
const sessions = { h: checkInSessions('h'), f: checkInSessions('f') };
const checkInFloor = await load('check-in storage floor (direct)', USERS, PER_USER, (lane, n) =>
  replay(client, checkInOps.get(office(lane)) ?? [], (pk) =>
    pk.replace('2026-11-22-rec', sessions.f[n] ?? ''),
  ),
);
// Round 0 of the bot's check-ins was used for counting round trips by amt-1: it answers "already present".
const check = await load('check-in', USERS, PER_USER, (lane, n) =>
  post(checkInOf(office(lane), sessions.h[n] ?? '', n)),
);

await server.close();
connector.close();

const combined = (a: number, b: number) => 1 / (1 / a + 1 / b);
const ballotCombined = combined(echo.rps, ballotFloor.rps);
const checkCombined = combined(echo.rps, checkInFloor.rps);
say(`Gremienbot benchmark — ${new Date().toISOString()} — Node ${process.version}`);
say();
say(`1. Throughput at ${USERS} concurrent users (Azurite in memory, Bot Connector stub on loopback)`);
say(line(echo));
say(line(ballotFloor));
say(`${'combined floor 1/(1/echo+1/storage)'.padEnd(34)} ${ballotCombined.toFixed(1).padStart(7)} /s`);
say(line(ballot));
say(`ballot / combined floor: ${(ballot.rps / ballotCombined).toFixed(2)}   (target ≥ 0.8)`);
say(
  `ballot p99 at ${USERS} users: ${ballot.p99.toFixed(0)} ms   (target < 250 ms; the storage floor's own p99: ${ballotFloor.p99.toFixed(0)} ms)`,
);
say(line(checkInFloor));
say(`${'combined floor 1/(1/echo+1/storage)'.padEnd(34)} ${checkCombined.toFixed(1).padStart(7)} /s`);
say(line(check));
say(`check-in / combined floor: ${(check.rps / checkCombined).toFixed(2)}   (target ≥ 0.8)`);
say(
  `check-in p99 at ${USERS} users: ${check.p99.toFixed(0)} ms   (target < 250 ms; the storage floor's own p99: ${checkInFloor.p99.toFixed(0)} ms)`,
);
say();
say('2. Storage round trips (HTTP requests to the Table service)');
const tripLine = (name: string, total: number, ops: readonly StorageOp[]) =>
  `${name} ${ops.length} that the answer waits for (the use case: ${describeOps(ops)}); ` +
  `+${total - ops.length} not awaited (redrawing the shared cards: the list of posted cards, a fresh read of the session and members)`;
say(tripLine('ballot:  ', ballotTrips, ballotOps.get('amt-1') ?? []));
say(tripLine('check-in:', checkInTrips, checkInOps.get('amt-1') ?? []));
say(
  'minimum 2 (one consistent read, one conditional write) is not taken: the membership that says which office a person ' +
    'votes for lives in the body partition, the vote in the session partition; one read would need membership copied ' +
    'into every session partition, a second source of truth that an approval or a removal would have to keep in step.',
);
say();
for (const l of await otherFigures(azurite.connectionString)) say(l);
await azurite.stop();
process.stdout.write(`${out.join('\n')}\n`);

/**
 * `npm run bench:storage`: storage round trips per action (counted by a pipeline policy on
 * the Table client) and latency of casting a ballot and checking in, against an in-memory
 * Azurite on this machine, at 1 and at 25 concurrent offices. Prints figures; asserts nothing
 * (machines here are shared and noisy: compare within one run).
 */
import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { checkIn } from '../src/app/session-run/check-in.js';
import type { SessionDeps } from '../src/app/shared/deps.js';
import { castBallot } from '../src/app/voting/cast-ballot.js';
import { startAzurite } from '../src/storage/azurite.js';
import { TableGremienStore } from '../src/storage/gremien-store.js';
import { ensureTable } from '../src/storage/table-client.js';
import { TablePartitionStore } from '../src/storage/table-partition-store.js';
import { makeBody } from '../test/support/bodies.js';
import { aadOf, seedSession } from '../test/support/session-seed.js';

const OFFICES = 25;
// The same body builder the tests use: 25 voting offices and the SPK.
const body = makeBody({ voting: OFFICES, commissioners: 0 });

const azurite = await startAzurite();
let requests = 0;
const client = TableClient.fromConnectionString(azurite.connectionString, 'benchgremien', {
  allowInsecureConnection: true,
});
client.pipeline.addPolicy({
  name: 'countRoundTrips',
  sendRequest: async (request, next) => {
    requests++;
    return next(request);
  },
});
await ensureTable(client, 5000);
const deps: SessionDeps = {
  store: new TableGremienStore(new TablePartitionStore(client, 10_000)),
  bodies: new Map([[body.id, body]]),
  clock: { now: () => new Date() },
  newId: () => randomUUID(),
};

// Approved members and a running session with an open vote for all voting offices.
const newSession = async (name: string) =>
  (await seedSession(deps, body, { sessionId: `2026-12-10-${name}` })).sessionId;

const ballot = (sessionId: string, office: string, n: number) =>
  castBallot(deps, {
    bodyId: body.id,
    sessionId,
    voteId: 'v1',
    actorAadObjectId: aadOf(office),
    choice: n % 2 === 0 ? 'yes' : 'no', // alternate so every ballot is a real write
    activityId: `bench-${n}`,
  });

// Round trips per action.
const countSession = await newSession('count');
requests = 0;
await ballot(countSession, 'amt-1', 0);
const ballotTrips = requests;
requests = 0;
await checkIn(deps, {
  bodyId: body.id,
  sessionId: countSession,
  actorAadObjectId: aadOf('amt-1'),
  activityId: 'c',
});
const checkInTrips = requests;

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { n: sorted.length, median: at(0.5), p99: at(0.99) };
}

async function measure(concurrency: number, perOffice: number) {
  const sessionId = await newSession(`c${concurrency}`);
  const ballotMs: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      for (let n = 0; n < perOffice; n++) {
        const t = performance.now();
        await ballot(sessionId, `amt-${i + 1}`, n);
        ballotMs.push(performance.now() - t);
      }
    }),
  );
  const checkSession = await newSession(`k${concurrency}`);
  const checkInMs: number[] = [];
  // All offices check in, spread over `concurrency` lanes (one after another when it is 1).
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      for (let i = lane; i < OFFICES; i += concurrency) {
        const t = performance.now();
        await checkIn(deps, {
          bodyId: body.id,
          sessionId: checkSession,
          actorAadObjectId: aadOf(`amt-${i + 1}`),
          activityId: 'k',
        });
        checkInMs.push(performance.now() - t);
      }
    }),
  );
  return { ballot: stats(ballotMs), checkIn: stats(checkInMs) };
}

const one = await measure(1, 100);
const many = await measure(OFFICES, 8);
await azurite.stop();

const fmt = (s: { n: number; median: number; p99: number }) =>
  `median ${s.median.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms (n=${s.n})`;
process.stdout.write(
  [
    'Storage benchmark (Azurite in memory, this machine)',
    `round trips per ballot (incl. refreshed tally): ${ballotTrips}   target ≤ 3`,
    `round trips per check-in (incl. quorum):        ${checkInTrips}`,
    `ballot,   1 office:   ${fmt(one.ballot)}`,
    `ballot,   ${OFFICES} offices: ${fmt(many.ballot)}`,
    `check-in, 1 office:   ${fmt(one.checkIn)}`,
    `check-in, ${OFFICES} offices: ${fmt(many.checkIn)}`,
    '',
  ].join('\n'),
);

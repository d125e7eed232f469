import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tallyCard } from '../../../cards/tally-card.js';
import { voteCard } from '../../../cards/vote-cards.js';
import { archiveYear } from '../../../src/app/archive/archive-year.js';
import { personalData } from '../../../src/app/privacy/personal-data.js';
import { protocolDraft } from '../../../src/app/protocol/protocol-draft.js';
import { todaysSession } from '../../../src/app/session-run/todays-session.js';
import { castBallot } from '../../../src/app/voting/cast-ballot.js';
import { voteAudience } from '../../../src/app/voting/vote-audience.js';
import { openVotes, voteView } from '../../../src/app/voting/vote-view.js';
import type { Body } from '../../../src/domain/body.js';
import { LIMITS } from '../../../src/domain/limits.js';
import { renderFile } from '../../../src/files/documents.js';
import { renderArchive } from '../../../src/files/xdomea.js';
import type { AuditEntry, SessionChange } from '../../../src/ports/gremien-store.js';
import type { PartitionStore } from '../../../src/ports/partition-store.js';
import { auditWrite } from '../../../src/storage/gremien-rows.js';
import { keys } from '../../../src/storage/rows.js';
import { TablePartitionStore } from '../../../src/storage/table-partition-store.js';
import { tallyData, voteCardData } from '../../../src/teams/handlers/session-cards.js';
import { messageWithCard } from '../../../src/teams/replies.js';
import { makeBody } from '../../../test/support/bodies.js';
import { aadOf, personOf, audit as seedAudit } from '../../../test/support/session-seed.js';
import { audienceFigures } from './audience.js';
import { benchDeps, connectEveryone, DriverClock, sessionDay } from './session-day.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const TEAMS_CARD_LIMIT = 28 * 1024;
/** Azure Table Storage, Standard, LRS, list price per 10,000 transactions (docs/performance.md says where from). */
const PRICE_PER_10K_TRANSACTIONS_USD = 0.00036;

const audit = (at: Date): AuditEntry => seedAudit('seed', at);

/**
 * A session as it stands after it ran: 10 items, 5 votes with a ballot (and an argument of the
 * longest allowed length) from every voting office, full attendance; every row with its audit row.
 */
async function writeSession(
  deps: Awaited<ReturnType<typeof benchDeps>>['deps'],
  partitions: PartitionStore,
  body: Body,
  sessionId: string,
  date: string,
  status: 'ended' | 'running',
  voteStatus: 'open' | 'closed',
) {
  const at = new Date(`${date}T09:00:00Z`);
  const voting = body.offices.filter((o) => o.role === 'voting').map((o) => o.id);
  const changes: SessionChange[] = [
    {
      kind: 'session',
      value: {
        date,
        startTime: '10:00',
        sequence: 0,
        durationMinutes: 120,
        place: 'Rathaus',
        status,
        updatedAt: at.toISOString(),
        ...(status === 'ended'
          ? {
              startedAt: at.toISOString(),
              startedBy: aadOf('spk'),
              startedByName: 'SPK',
              endedAt: new Date(at.getTime() + 7_200_000).toISOString(),
            }
          : {}),
      },
    },
    ...Array.from(
      { length: 10 },
      (_, i): SessionChange => ({
        kind: 'item',
        value: {
          itemId: `i-${i + 1}`,
          title: `Thema ${i + 1}`,
          purpose: i < 5 ? 'decision' : 'information',
          description: 'x'.repeat(400),
          documents: [],
          conflictsOfGoals: 'x',
          officeId: voting[i % voting.length] ?? 'amt-1',
          submittedBy: aadOf('amt-1'),
          submitterName: 'x',
          status: 'registered',
          registeredAt: new Date(at.getTime() - 30 * 86_400_000).toISOString(),
          decidedBy: '',
          grants: [],
        },
      }),
    ),
    ...body.offices.map(
      (o): SessionChange => ({
        kind: 'attendance',
        value: {
          officeId: o.id,
          present: true,
          capacity: o.role === 'voting' ? 'voting' : 'advisory',
          since: at.toISOString(),
          by: aadOf(o.id),
          arrivedLate: false,
          leftAt: '',
        },
      }),
    ),
  ];
  for (let v = 1; v <= 5; v++) {
    changes.push({
      kind: 'vote',
      voteId: `v-i-${v}`,
      value: {
        itemId: `i-${v}`,
        status: voteStatus,
        electorate: voting,
        grants: [],
        rules: '',
        result: '',
        annulledAt: '',
        closedAt: '',
        openedAt: at.toISOString(),
      },
    });
    for (const officeId of voting)
      changes.push({
        kind: 'ballot',
        value: {
          voteId: `v-i-${v}`,
          officeId,
          choice: 'yes',
          capacity: 'vote',
          argument: 'Begründung '.repeat(LIMITS.argument.max / 11).slice(0, LIMITS.argument.max),
          castAt: at.toISOString(),
          castBy: aadOf(officeId),
          activityId: 'seed',
          recordedBy: 'office',
        },
      });
  }
  for (let i = 0; i < changes.length; i += 99)
    await deps.store.commitSession(body.id, sessionId, changes.slice(i, i + 99), audit(at));
  // One audit row per row written, as the use cases leave them (the commits above wrote some).
  const audits = changes.slice(Math.ceil(changes.length / 99)).map(() => auditWrite(audit(at)));
  for (let i = 0; i < audits.length; i += 100)
    await partitions.commit(keys.session(body.id, sessionId), audits.slice(i, i + 100));
}

async function sessionRow(
  deps: Awaited<ReturnType<typeof benchDeps>>['deps'],
  body: Body,
  sessionId: string,
) {
  const s = await deps.store.loadSession(body.id, sessionId);
  if (!s) throw new Error(`no session ${sessionId}`);
  return s.session.value;
}

/** Time and round trips of what an SPK and the members do in the current session, at a given history. */
async function atHistory(connectionString: string, pastSessions: number) {
  const body = makeBody({ voting: 60, commissioners: 0 });
  const clock = new DriverClock(new Date('2026-12-10T09:30:00Z'));
  const bench = await benchDeps(connectionString, `h${pastSessions}x`, [body], clock);
  const { deps, trips, scheduler } = bench;
  const partitions = new TablePartitionStore(bench.gremien, 30_000);
  await connectEveryone(deps, bench.conversations, body, clock);
  // Past sessions: monthly, the second Thursday-ish of each month before December 2026.
  for (let k = pastSessions; k >= 1; k--) {
    const d = new Date(Date.UTC(2026, 11 - k, 10));
    const date = d.toISOString().slice(0, 10);
    await writeSession(deps, partitions, body, `${date}-1000`, date, 'ended', 'closed');
    await scheduler.planSession(
      body,
      `${date}-1000`,
      await sessionRow(deps, body, `${date}-1000`),
      new Date(d.getTime() - 40 * 86_400_000),
      false,
    );
  }
  // What the past sessions' notifications became (sent or skipped), archived by one pass.
  await scheduler.runPass(new Date('2026-11-30T00:00:00Z'));
  await writeSession(deps, partitions, body, '2026-12-10-1000', '2026-12-10', 'running', 'open');
  await writeSession(deps, partitions, body, '2026-12-10-0800', '2026-12-10', 'ended', 'closed');
  await scheduler.planSession(
    body,
    '2026-12-10-1000',
    await sessionRow(deps, body, '2026-12-10-1000'),
    new Date('2026-11-01T00:00:00Z'),
    false,
  );

  const figures: Record<string, { ms: number; trips: number }> = {};
  const measure = async (name: string, f: () => Promise<unknown>, warm = true) => {
    if (warm) await f();
    const { ms, trips: n } = await trips.during(f);
    figures[name] = { ms, trips: n };
  };
  await measure('load the session', () => deps.store.loadSession(body.id, '2026-12-10-1000'));
  let n = 0;
  await measure('cast a ballot', () =>
    castBallot(deps, {
      bodyId: body.id,
      sessionId: '2026-12-10-1000',
      voteId: 'v-i-1',
      actorAadObjectId: aadOf('amt-1'),
      choice: n++ % 2 ? 'no' : 'yes',
      activityId: randomUUID(),
    }),
  );
  await measure('draw the tally (stand)', async () => {
    const s = await todaysSession(deps, body);
    return s ? openVotes(body, s) : [];
  });
  await measure('build the protocol', () => protocolDraft(deps, body, '2026-12-10-0800', personOf('spk')));
  // The pass that sends the current session's first reminder to the channel and 60 personal chats.
  await measure(
    'scheduler pass (a reminder)',
    () => scheduler.runPass(new Date('2026-12-03T07:00:30Z')),
    false,
  );
  // meine daten for one member (every partition of the body, the notifications), and the
  // year's hand-over to the archive (gathered and rendered: every protocol and basis as Word).
  const privacy = { ...deps, conversations: bench.conversations, notifications: bench.notifications };
  await measure('meine daten (one member)', () =>
    personalData(privacy, { aadObjectId: aadOf('amt-1'), tenantId: '7e3f2b1a-0c4d-4e5f-8a9b-2d1c0e9f8a7b' }),
  );
  await measure(
    'archive 2026 (xdomea zip)',
    async () =>
      renderArchive(await archiveYear(deps, body, 2026, new Date('2027-01-05T09:00:00Z')), renderFile),
    false,
  );
  // The largest cards for this body: a vote and its tally with every office's longest argument.
  const snapshot = await deps.store.loadSession(body.id, '2026-12-10-1000');
  const view = snapshot ? voteView(body, snapshot, 'v-i-1') : undefined;
  const cards: [string, number][] = [];
  if (view) {
    const size = (c: unknown) => Buffer.byteLength(JSON.stringify(messageWithCard(c as never)), 'utf8');
    cards.push([
      'vote card (60 copies refreshed, SPK form)',
      size(voteCard('de', { ...voteCardData(view), ...(await voteAudience(deps, view)) })),
    ]);
    cards.push(['tally (60 ballots, longest arguments)', size(tallyCard('de', tallyData('de', view)))]);
  }
  return { figures, cards };
}

/** Start-up time and idle memory of the bot, in a process of its own. */
function startupProbe(
  connectionString: string,
): Promise<{ startupMs: number; rssMb: number; heapMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'start-probe.ts'), connectionString],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let text = '';
    child.stdout.on('data', (d) => {
      text += String(d);
    });
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(text)) : reject(new Error(`probe exited ${code}`)),
    );
  });
}

export async function otherFigures(connectionString: string): Promise<string[]> {
  const lines: string[] = [];
  const one = await atHistory(connectionString, 1);
  const sixty = await atHistory(connectionString, 60);
  lines.push(
    '3. Scale: a body of 60 offices, with 1 and with 60 past sessions (10 items, 5 votes, full attendance each)',
  );
  lines.push(`${''.padEnd(26)} ${'1 past session'.padStart(22)} ${'60 past sessions'.padStart(22)}`);
  for (const name of Object.keys(one.figures)) {
    const a = one.figures[name];
    const b = sixty.figures[name];
    const cell = (f?: { ms: number; trips: number }) => (f ? `${f.ms.toFixed(1)} ms, ${f.trips} trips` : '-');
    lines.push(`${name.padEnd(26)} ${cell(a).padStart(22)} ${cell(b).padStart(22)}`);
  }
  lines.push('');
  lines.push(
    `4. Largest cards for that body (the message as sent), against Teams' limit of ${TEAMS_CARD_LIMIT} bytes`,
  );
  for (const [name, bytes] of sixty.cards)
    lines.push(
      `${name.padEnd(44)} ${String(bytes).padStart(7)} bytes  (${((bytes / TEAMS_CARD_LIMIT) * 100).toFixed(0)} % of the limit)`,
    );
  lines.push('');
  const probe = await startupProbe(connectionString);
  lines.push('5. The bot at rest (own process, tsx as npm start runs it, storage on Azurite)');
  lines.push(
    `start-up to listening: ${probe.startupMs.toFixed(0)} ms;  idle RSS ${probe.rssMb.toFixed(0)} MB, heap ${probe.heapMb.toFixed(0)} MB`,
  );
  lines.push('');
  const steps = await sessionDay(connectionString, makeBody({ voting: 11, commissioners: 2 }));
  const total = steps.reduce((s, [, n]) => s + n, 0);
  lines.push(
    '6. Cost: storage transactions of one whole session (11 voting offices, 2 commissioners, the SPK)',
  );
  for (const [name, n] of steps) lines.push(`${name.padEnd(44)} ${String(n).padStart(5)}`);
  lines.push(`${'total'.padEnd(44)} ${String(total).padStart(5)}`);

  const perYear = total * 12;
  lines.push(
    `a monthly body: ${perYear} transactions a year = USD ${((perYear / 10_000) * PRICE_PER_10K_TRANSACTIONS_USD).toFixed(5)} ` +
      `at USD ${PRICE_PER_10K_TRANSACTIONS_USD} per 10,000 (capacity: well under 1 GB, see docs/performance.md)`,
  );
  lines.push('');
  lines.push(...(await audienceFigures(connectionString, 500)));
  return lines;
}

import { randomUUID } from 'node:crypto';
import type { SessionDeps } from '../../src/app/shared/deps.js';
import type { Body } from '../../src/domain/body.js';
import { decisionLabel } from '../../src/domain/filing.js';
import type { GremienStore } from '../../src/ports/gremien-store.js';
import type { PartitionStore } from '../../src/ports/partition-store.js';
import type { ItemRow } from '../../src/ports/records.js';
import { TableGremienStore } from '../../src/storage/gremien-store.js';

export const aadOf = (officeId: string) => `aad-${officeId}`;
/** The person acting for an office, as the platform would report them. */
export const personOf = (officeId: string) => ({
  aadObjectId: aadOf(officeId),
  displayName: officeId,
  principalNames: async () => [],
});
export const FIXED_NOW = new Date('2026-12-10T09:30:00.000Z');

export function depsFor(partitions: PartitionStore, bodies: Body[]): SessionDeps {
  // A clock that moves 1 ms per reading, so events have distinct, ordered times.
  let tick = 0;
  return {
    store: new TableGremienStore(partitions),
    bodies: new Map(bodies.map((b) => [b.id, b])),
    clock: { now: () => new Date(FIXED_NOW.getTime() + ++tick) },
    newId: () => randomUUID(),
    backoff: async (attempt) => new Promise((r) => setTimeout(r, Math.random() * 3 * attempt)),
  };
}

/** The audit entry of a row written by a test's set-up. */
export const audit = (action: string, at: Date = FIXED_NOW) => ({
  id: randomUUID(),
  at,
  actorAadObjectId: 'seed',
  actorOfficeId: 'spk',
  action,
  target: 'seed',
  before: '',
  after: '',
  activityId: 'seed',
});

/** Approved members (person `aad-<office>` for each office), a running session and an open vote. */
export async function seedSession(
  deps: SessionDeps,
  body: Body,
  opts: {
    sessionId?: string;
    voteId?: string;
    electorate?: string[];
    status?: 'planned' | 'running';
    pending?: string[];
  } = {},
) {
  const sessionId = opts.sessionId ?? '2026-12-10-a';
  const voteId = opts.voteId ?? 'v1';
  await Promise.all(
    body.offices.map(async (o) =>
      (await deps.store.member(body.id, aadOf(o.id)))
        ? undefined
        : deps.store.saveMember(
            body.id,
            aadOf(o.id),
            {
              officeId: o.id,
              status: opts.pending?.includes(o.id) ? 'pending' : 'approved',
              role: 'representative',
              displayName: o.name,
              since: FIXED_NOW.toISOString(),
            },
            undefined,
            audit('member.approved'),
          ),
    ),
  );
  const electorate = opts.electorate ?? body.offices.filter((o) => o.role === 'voting').map((o) => o.id);
  await deps.store.commitSession(
    body.id,
    sessionId,
    [
      {
        kind: 'session',
        value: {
          date: '2026-12-10',
          startTime: '10:00',
          sequence: 0,
          durationMinutes: 120,
          place: 'Rathaus, Raum 101',
          status: opts.status ?? 'running',
          updatedAt: FIXED_NOW.toISOString(),
        },
      },
      {
        kind: 'vote',
        voteId,
        value: {
          itemId: 'item-1',
          status: 'open',
          electorate,
          grants: [],
          openedAt: FIXED_NOW.toISOString(),
          rules: '',
          result: '',
          annulledAt: '',
          closedAt: '',
        },
      },
    ],
    audit('session.created'),
  );
  return { sessionId, voteId };
}

/** An approved member of a body, written directly (set-up of HTTP and scheduler tests). */
export async function seedMember(
  store: GremienStore,
  bodyId: string,
  m: { aadObjectId: string; officeId: string; name: string; teamsUserId: string },
  at: Date,
): Promise<void> {
  await store.saveMember(
    bodyId,
    m.aadObjectId,
    {
      officeId: m.officeId,
      status: 'approved',
      role: 'representative',
      displayName: m.name,
      since: at.toISOString(),
      teamsUserId: m.teamsUserId,
    },
    undefined,
    audit('seed', at),
  );
}

/** An agenda item of a session, written directly (a Beschluss item unless `changes` say otherwise). */
export async function seedItem(
  deps: SessionDeps,
  bodyId: string,
  sessionId: string,
  changes: Partial<ItemRow> & { itemId: string },
): Promise<void> {
  await deps.store.commitSession(
    bodyId,
    sessionId,
    [
      {
        kind: 'item',
        value: {
          title: changes.itemId,
          purpose: 'decision',
          description: '',
          documents: [],
          conflictsOfGoals: 'x',
          officeId: 'amt-1',
          submittedBy: aadOf('amt-1'),
          submitterName: 'x',
          status: 'registered',
          registeredAt: new Date(FIXED_NOW.getTime() - 30 * 86_400_000).toISOString(),
          decidedBy: '',
          grants: [],
          ...changes,
        },
      },
    ],
    audit('seed.item'),
  );
}

/** A decision in the register (2026/1, adopted, `ref` session/s/v-1), written directly as set-up: what follow-ups follow. */
export async function seedDecision(store: GremienStore, body: Body): Promise<void> {
  await store.registerDecision(
    body.id,
    {
      year: 2026,
      kind: 'vote',
      ref: 'session/s/v-1',
      sessionId: 's',
      title: 'Kita',
      text: '',
      outcome: 'adopted',
      counts: { yes: 3, no: 0, abstain: 0 },
      decidedAt: FIXED_NOW.toISOString(),
      ballots: [],
    },
    (n) => decisionLabel(body, 2026, n),
    audit('decision.registered'),
  );
}

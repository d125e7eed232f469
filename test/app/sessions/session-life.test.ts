import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { endSession } from '../../../src/app/session-run/end-session.js';
import { startSession } from '../../../src/app/session-run/start-session.js';
import { currentSession, todaysSession } from '../../../src/app/session-run/todays-session.js';
import { changeSession } from '../../../src/app/sessions/change-session.js';
import { createSession } from '../../../src/app/sessions/create-session.js';
import { proposeSessions, upcomingSessions } from '../../../src/app/sessions/session-queries.js';
import type { MembershipDeps } from '../../../src/app/shared/deps.js';
import { InMemoryPartitionStore } from '../../../src/ports/in-memory-partition-store.js';
import { TableGremienStore } from '../../../src/storage/gremien-store.js';
import { keys } from '../../../src/storage/rows.js';
import { TablePartitionStore } from '../../../src/storage/table-partition-store.js';
import { makeBody } from '../../support/bodies.js';
import { HoldingStore, interleave } from '../../support/holding-store.js';
import { tableClient } from '../../support/stores.js';

/**
 * A session over time: moved, run on its new date, ended the next morning, cancelled and its
 * slot booked again; move and cancel against a concurrent start, forced in both orders on both
 * stores.
 */
const body = makeBody({ voting: 4 });
const SPK = 'aad-spk';
const spk = { aadObjectId: SPK, displayName: 'Sabine (SPK)', principalNames: async () => [] };

const stores: [string, () => Promise<HoldingStore>][] = [
  ['in memory', async () => new HoldingStore(new InMemoryPartitionStore())],
  ['Azurite', async () => new HoldingStore(new TablePartitionStore(await tableClient(), 10_000))],
];

function world(partitions: HoldingStore, start: string) {
  let now = new Date(start);
  let tick = 0;
  const deps: MembershipDeps = {
    store: new TableGremienStore(partitions),
    bodies: new Map([[body.id, body]]),
    clock: { now: () => new Date(now.getTime() + ++tick) },
    newId: () => randomUUID(),
    backoff: async () => undefined,
    secretariatMembers: () => [SPK],
  };
  return {
    deps,
    at: (instant: string) => {
      now = new Date(instant);
      tick = 0;
    },
  };
}

const act = (n: string) => ({ actor: spk, activityId: n });

describe.each(stores)('a session over time (%s)', (_name, makeStore) => {
  it('a postponed session runs on its new date: start, end, found by date and state, not by its id', async () => {
    const { deps, at } = world(await makeStore(), '2026-11-20T10:00:00Z');
    expect(
      (
        await createSession(deps, {
          bodyId: body.id,
          date: '2026-12-10',
          time: '10:00',
          place: '',
          ...act('c'),
        })
      ).kind,
    ).toBe('created');
    const moved = await changeSession(deps, {
      kind: 'move',
      bodyId: body.id,
      date: '10.12.2026',
      toDate: '2026-12-15',
      toTime: '14:00',
      ...act('m'),
    });
    expect(moved.kind).toBe('moved');
    at('2026-12-10T09:00:00Z');
    expect(await todaysSession(deps, body)).toBeUndefined(); // nothing on the old date
    at('2026-12-15T12:50:00Z');
    const today = await todaysSession(deps, body);
    expect(today?.sessionId).toBe('2026-12-10-1000');
    expect(today?.session.value.date).toBe('2026-12-15');
    expect(
      (await startSession(deps, { bodyId: body.id, sessionId: '2026-12-10-1000', ...act('s') })).kind,
    ).toBe('started');
    at('2026-12-15T15:00:00Z');
    expect(
      (await endSession(deps, { bodyId: body.id, sessionId: '2026-12-10-1000', ...act('e') })).kind,
    ).toBe('ended');
  });

  it('a session still running the next morning is the current one (overdue) and can be ended; another waits for it', async () => {
    const { deps, at } = world(await makeStore(), '2026-11-20T10:00:00Z');
    await createSession(deps, {
      bodyId: body.id,
      date: '2026-12-10',
      time: '18:00',
      place: '',
      ...act('c1'),
    });
    await createSession(deps, {
      bodyId: body.id,
      date: '2026-12-11',
      time: '10:00',
      place: '',
      ...act('c2'),
    });
    at('2026-12-10T17:00:00Z');
    expect(
      (await startSession(deps, { bodyId: body.id, sessionId: '2026-12-10-1800', ...act('s1') })).kind,
    ).toBe('started');
    // Past midnight, and forgotten until the next morning.
    at('2026-12-11T08:30:00Z');
    const current = await currentSession(deps, body);
    expect(current.snapshot?.sessionId).toBe('2026-12-10-1800');
    expect(current.overdue).toBe(true);
    // Today's session cannot start while yesterday's still runs: the SPK is told which.
    expect(await startSession(deps, { bodyId: body.id, sessionId: '2026-12-11-1000', ...act('s2') })).toEqual(
      {
        kind: 'refused',
        reason: 'otherRunning',
        runningDate: '2026-12-10',
      },
    );
    expect(
      (await endSession(deps, { bodyId: body.id, sessionId: '2026-12-10-1800', ...act('e1') })).kind,
    ).toBe('ended');
    const next = await currentSession(deps, body);
    expect(next).toMatchObject({ overdue: false, snapshot: { sessionId: '2026-12-11-1000' } });
    expect(
      (await startSession(deps, { bodyId: body.id, sessionId: '2026-12-11-1000', ...act('s3') })).kind,
    ).toBe('started');
  });

  it('a cancelled slot can be booked again; a repeated delivery of that booking makes no third session', async () => {
    const { deps } = world(await makeStore(), '2026-11-20T10:00:00Z');
    const create = (n: string) =>
      createSession(deps, { bodyId: body.id, date: '2026-12-10', time: '10:00', place: 'Raum 1', ...act(n) });
    expect((await create('c1')).kind).toBe('created');
    expect(
      (await changeSession(deps, { kind: 'cancel', bodyId: body.id, date: '2026-12-10', ...act('x') })).kind,
    ).toBe('cancelled');
    const again = await create('c2');
    expect(again).toMatchObject({ kind: 'created', summary: { sessionId: '2026-12-10-1000-2' } });
    expect((await create('c2')).kind).toBe('exists');
    const upcoming = await upcomingSessions(deps, body);
    expect(upcoming.map((s) => [s.sessionId, s.session.status])).toEqual([['2026-12-10-1000-2', 'planned']]);
  });

  it('the proposal of next dates sees a moved session: its slot is not offered again', async () => {
    const { deps } = world(await makeStore(), '2026-11-20T10:00:00Z');
    const [first] = await proposeSessions(deps, body, 1);
    if (!first) throw new Error('no proposal');
    await createSession(deps, { bodyId: body.id, date: first, time: '10:00', place: '', ...act('c') });
    const later = `${first.slice(0, 8)}${String(Number(first.slice(8)) + 1).padStart(2, '0')}`;
    await changeSession(deps, {
      kind: 'move',
      bodyId: body.id,
      date: first,
      toDate: later,
      toTime: '',
      ...act('m'),
    });
    expect(await proposeSessions(deps, body, 3)).not.toContain(first);
  });

  it.each(['move', 'cancel'] as const)(
    '%s held after its read while the SPK starts the session: refused, stored running',
    async (kind) => {
      const store = await makeStore();
      const { deps, at } = world(store, '2026-11-20T10:00:00Z');
      await createSession(deps, {
        bodyId: body.id,
        date: '2026-12-10',
        time: '10:00',
        place: '',
        ...act('c'),
      });
      at('2026-12-10T08:55:00Z');
      const { held, other } = await interleave(
        store,
        keys.session(body.id, '2026-12-10-1000'),
        () =>
          kind === 'move'
            ? changeSession(deps, {
                kind,
                bodyId: body.id,
                date: '2026-12-10',
                toDate: '2026-12-17',
                toTime: '',
                ...act('m'),
              })
            : changeSession(deps, { kind, bodyId: body.id, date: '2026-12-10', ...act('x') }),
        () => startSession(deps, { bodyId: body.id, sessionId: '2026-12-10-1000', ...act('s') }),
      );
      expect(other.kind).toBe('started');
      expect(held).toEqual({ kind: 'refused', reason: 'notPlanned' });
      const stored = await deps.store.loadSession(body.id, '2026-12-10-1000');
      expect(stored?.session.value).toMatchObject({ status: 'running', date: '2026-12-10' });
    },
  );

  it.each(['move', 'cancel'] as const)(
    'start held after its read while the SPK does %s: the start is refused, the change stands',
    async (kind) => {
      const store = await makeStore();
      const { deps, at } = world(store, '2026-11-20T10:00:00Z');
      await createSession(deps, {
        bodyId: body.id,
        date: '2026-12-10',
        time: '10:00',
        place: '',
        ...act('c'),
      });
      at('2026-12-10T08:55:00Z');
      const { held, other } = await interleave(
        store,
        keys.session(body.id, '2026-12-10-1000'),
        () => startSession(deps, { bodyId: body.id, sessionId: '2026-12-10-1000', ...act('s') }),
        () =>
          kind === 'move'
            ? changeSession(deps, {
                kind,
                bodyId: body.id,
                date: '2026-12-10',
                toDate: '2026-12-17',
                toTime: '',
                ...act('m'),
              })
            : changeSession(deps, { kind, bodyId: body.id, date: '2026-12-10', ...act('x') }),
      );
      expect(other.kind).toBe(kind === 'move' ? 'moved' : 'cancelled');
      const stored = await deps.store.loadSession(body.id, '2026-12-10-1000');
      if (kind === 'cancel') {
        expect(held).toEqual({ kind: 'refused', reason: 'notStartable' });
        expect(stored?.session.value.status).toBe('cancelled');
      } else {
        // The start read the session before it moved: its commit fails on the ETag, it re-reads
        // and finds the session a week later — not today's, so not started.
        expect(held).toEqual({ kind: 'refused', reason: 'notToday' });
        expect(stored?.session.value).toMatchObject({ date: '2026-12-17', status: 'planned' });
      }
    },
  );
});

import { describe, expect, it } from 'vitest';
import { checkIn } from '../../../src/app/session-run/check-in.js';
import { startSession } from '../../../src/app/session-run/start-session.js';
import { castBallot } from '../../../src/app/voting/cast-ballot.js';
import { StorageUnavailableError } from '../../../src/ports/errors.js';
import { InMemoryPartitionStore } from '../../../src/ports/in-memory-partition-store.js';
import { makeBody, voters } from '../../support/bodies.js';
import { aadOf, depsFor, personOf, seedSession } from '../../support/session-seed.js';
import { partitionStores } from '../../support/stores.js';

const body = makeBody({ voting: 10, commissioners: 2 });

describe.each(partitionStores)('session use cases on %s', (_name, makeStore) => {
  async function setup(opts: Parameters<typeof seedSession>[2] = {}) {
    const deps = depsFor(await makeStore(), [body]);
    const ids = await seedSession(deps, body, { electorate: voters(8), ...opts });
    const cast = (actor: string, extra: Partial<Parameters<typeof castBallot>[1]> = {}) =>
      castBallot(deps, {
        bodyId: body.id,
        sessionId: ids.sessionId,
        voteId: ids.voteId,
        actorAadObjectId: aadOf(actor),
        choice: 'yes',
        activityId: 'a',
        ...extra,
      });
    return { deps, ...ids, cast };
  }

  it('records a ballot and returns the refreshed outcome', async () => {
    const { cast } = await setup();
    const result = await cast('amt-1');
    expect(result).toMatchObject({
      kind: 'recorded',
      ballot: { officeId: 'amt-1', choice: 'yes', capacity: 'vote' },
    });
    expect(result.kind === 'recorded' && result.outcome).toMatchObject({
      kind: 'open',
      required: 6,
      stillNeeded: 5,
    });
  });

  it('changing a ballot replaces it and is audited with before and after', async () => {
    const { deps, cast, sessionId } = await setup();
    await cast('amt-1', { choice: 'yes' });
    await cast('amt-1', { choice: 'no', argument: 'Zu teuer' });
    const audit = await deps.store.sessionAudit(body.id, sessionId);
    const change = audit.find((a) => a.action === 'ballot.changed');
    expect(change).toMatchObject({ actorOfficeId: 'amt-1', actorAadObjectId: 'aad-amt-1' });
    expect(JSON.parse(change?.before ?? '')).toEqual({ choice: 'yes', argument: '' });
    expect(JSON.parse(change?.after ?? '')).toMatchObject({ choice: 'no', argument: 'Zu teuer' });
  });

  it('an advisory opinion is stored apart and does not count', async () => {
    const { cast } = await setup();
    const result = await cast('beauftragte-1', {
      choice: 'no',
      argument: 'Bedenken aus Sicht der Integration',
    });
    expect(result).toMatchObject({ kind: 'recorded', ballot: { capacity: 'advisory' } });
    expect(result.kind === 'recorded' && result.outcome).toMatchObject({ tally: { yes: 0, no: 0 } });
  });

  it.each([
    ['a non-member', 'nobody', {}, 'notMember'],
    ['a pending member', 'amt-2', {}, 'pendingMember'],
    ['an office not present when the vote opened', 'amt-9', {}, 'notPresent'],
    ['card data naming another office', 'amt-1', { claimedOfficeId: 'amt-3' }, 'otherOffice'],
    ['an unknown vote', 'amt-1', { voteId: 'v-forged' }, 'unknownVote'],
    ['an unknown session', 'amt-1', { sessionId: '2099-01-01-x' }, 'unknownSession'],
  ] as const)('refuses %s and writes nothing', async (_n, actor, extra, reason) => {
    const { deps, cast, sessionId } = await setup({ pending: ['amt-2'] });
    const before = await deps.store.sessionAudit(body.id, sessionId);
    expect(await cast(actor, extra)).toEqual({ kind: 'refused', reason });
    expect(await deps.store.sessionAudit(body.id, sessionId)).toEqual(before);
  });

  it('check-in counts an office once and reports quorum', async () => {
    const { deps, sessionId } = await setup();
    const first = await checkIn(deps, {
      bodyId: body.id,
      sessionId,
      actorAadObjectId: aadOf('amt-1'),
      activityId: 'c1',
    });
    expect(first).toMatchObject({
      kind: 'checkedIn',
      quorum: { presentVoting: 1, needed: 5, quorate: false },
    });
    const advisory = await checkIn(deps, {
      bodyId: body.id,
      sessionId,
      actorAadObjectId: aadOf('beauftragte-1'),
      activityId: 'c2',
    });
    expect(advisory).toMatchObject({
      kind: 'checkedIn',
      attendance: { capacity: 'advisory' },
      quorum: { presentVoting: 1 },
    });
  });

  it('check-in is refused while the session is not running', async () => {
    const { deps, sessionId } = await setup({ status: 'planned' });
    expect(
      await checkIn(deps, { bodyId: body.id, sessionId, actorAadObjectId: aadOf('amt-1'), activityId: 'c' }),
    ).toEqual({
      kind: 'refused',
      reason: 'sessionNotRunning',
    });
  });

  it('the body’s audit trail collects body-level and session changes, oldest first', async () => {
    const { deps, cast, sessionId } = await setup();
    await cast('amt-1');
    const trail = await deps.store.bodyAudit(body.id);
    const actions = trail.map((a) => a.action);
    expect(actions.filter((a) => a === 'member.approved')).toHaveLength(body.offices.length);
    expect(actions).toContain('session.created');
    expect(actions.at(-1)).toBe('ballot.cast');
    expect(trail.map((a) => a.at)).toEqual([...trail.map((a) => a.at)].sort());
    expect(await deps.store.sessionAudit(body.id, sessionId)).toHaveLength(2);
  });

  it('only the SPK starts a session', async () => {
    const { deps, sessionId } = await setup({ status: 'planned' });
    expect(
      await startSession(deps, {
        bodyId: body.id,
        sessionId,
        actor: personOf('amt-1'),
        activityId: 's',
      }),
    ).toEqual({
      kind: 'refused',
      reason: 'notSecretariat',
    });
  });
});

describe('storage outage', () => {
  it('a ballot during an outage fails with a typed error and leaves nothing behind', async () => {
    const store = new InMemoryPartitionStore();
    const deps = depsFor(store, [body]);
    const { sessionId, voteId } = await seedSession(deps, body, { electorate: voters(8) });
    store.failNextCommit = new StorageUnavailableError('commit');
    await expect(
      castBallot(deps, {
        bodyId: body.id,
        sessionId,
        voteId,
        actorAadObjectId: aadOf('amt-1'),
        choice: 'yes',
        activityId: 'x',
      }),
    ).rejects.toBeInstanceOf(StorageUnavailableError);
    const snapshot = await deps.store.loadSession(body.id, sessionId);
    expect(snapshot?.ballots.size).toBe(0);
    expect(
      (await deps.store.sessionAudit(body.id, sessionId)).filter((a) => a.action.startsWith('ballot')),
    ).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { checkIn } from '../../../src/app/session-run/check-in.js';
import { markAttendance } from '../../../src/app/session-run/mark-attendance.js';
import type { MembershipDeps } from '../../../src/app/shared/deps.js';
import { castBallot } from '../../../src/app/voting/cast-ballot.js';
import { closeVote } from '../../../src/app/voting/close-vote.js';
import { grantVote } from '../../../src/app/voting/grant-vote.js';
import { openVote } from '../../../src/app/voting/open-vote.js';
import { InMemoryPartitionStore } from '../../../src/ports/in-memory-partition-store.js';
import type { ItemRow } from '../../../src/ports/records.js';
import { makeBody } from '../../support/bodies.js';
import { aadOf, depsFor, FIXED_NOW, personOf, seedSession } from '../../support/session-seed.js';

const body = makeBody({ voting: 10, commissioners: 2 });
const SESSION = '2026-12-10-1000';

async function setup(): Promise<MembershipDeps> {
  const deps = { ...depsFor(new InMemoryPartitionStore(), [body]), secretariatMembers: () => [] };
  await seedSession(deps, body, { sessionId: SESSION, voteId: 'seed-vote' });
  const item = (itemId: string, purpose: ItemRow['purpose'], minute: number): ItemRow => ({
    itemId,
    title: itemId,
    purpose,
    description: '',
    documents: [],
    conflictsOfGoals: 'x',
    officeId: 'amt-1',
    submittedBy: aadOf('amt-1'),
    submitterName: 'x',
    status: 'registered',
    registeredAt: new Date(FIXED_NOW.getTime() - minute * 60_000).toISOString(),
    decidedBy: '',
    grants: [],
  });
  await deps.store.commitSession(
    body.id,
    SESSION,
    [
      { kind: 'item', value: item('a-decision', 'decision', 30) },
      { kind: 'item', value: item('b-decision', 'decision', 20) },
      { kind: 'item', value: item('c-info', 'information', 10) },
    ],
    {
      id: 'seed-items',
      at: FIXED_NOW,
      actorAadObjectId: 's',
      actorOfficeId: 'spk',
      action: 'seed',
      target: '',
      before: '',
      after: '',
      activityId: '',
    },
  );
  for (const office of ['amt-1', 'amt-2', 'amt-3', 'amt-4', 'amt-5', 'amt-6', 'beauftragte-1']) {
    await checkIn(deps, {
      bodyId: body.id,
      sessionId: SESSION,
      actorAadObjectId: aadOf(office),
      activityId: `c-${office}`,
    });
  }
  return deps;
}
const spk = { bodyId: body.id, sessionId: SESSION, actor: personOf('spk'), activityId: 'a' };

describe('per-case voting grants', () => {
  it('only the SPK records them, only for commissioners, only on Beschluss items', async () => {
    const deps = await setup();
    expect(
      await grantVote(deps, { ...spk, actor: personOf('amt-1'), itemNumber: 1, officeId: 'beauftragte-1' }),
    ).toEqual({ kind: 'refused', reason: 'notSecretariat' });
    expect(await grantVote(deps, { ...spk, itemNumber: 1, officeId: 'amt-7' })).toEqual({
      kind: 'refused',
      reason: 'notCommissioner',
    });
    expect(await grantVote(deps, { ...spk, itemNumber: 3, officeId: 'beauftragte-1' })).toEqual({
      kind: 'refused',
      reason: 'notDecisionItem',
    });
    expect(await grantVote(deps, { ...spk, itemNumber: 9, officeId: 'beauftragte-1' })).toEqual({
      kind: 'refused',
      reason: 'unknownItem',
    });
  });

  it('a granted, present commissioner votes on that item only; elsewhere the opinion is advisory', async () => {
    const deps = await setup();
    expect(await grantVote(deps, { ...spk, itemNumber: 1, officeId: 'beauftragte-1' })).toMatchObject({
      kind: 'granted',
      number: 1,
    });
    expect(await grantVote(deps, { ...spk, itemNumber: 1, officeId: 'beauftragte-1' })).toMatchObject({
      kind: 'alreadyGranted',
    });
    const first = await openVote(deps, { ...spk, itemNumber: 1 });
    expect(first.kind === 'opened' && first.view.vote.electorate).toContain('beauftragte-1');
    const voteA = first.kind === 'opened' ? first.view.voteId : '';
    const cast = (voteId: string) =>
      castBallot(deps, {
        bodyId: body.id,
        sessionId: SESSION,
        voteId,
        actorAadObjectId: aadOf('beauftragte-1'),
        choice: 'yes',
        activityId: voteId,
      });
    expect(await cast(voteA)).toMatchObject({ kind: 'recorded', ballot: { capacity: 'vote' } });
    await closeVote(deps, spk);
    const second = await openVote(deps, { ...spk, itemNumber: 2 });
    const voteB = second.kind === 'opened' ? second.view.voteId : '';
    expect(await cast(voteB)).toMatchObject({ kind: 'recorded', ballot: { capacity: 'advisory' } });
    const audit = (await deps.store.sessionAudit(body.id, SESSION)).map((a) => a.action);
    expect(audit.filter((a) => a === 'vote.granted')).toHaveLength(1);
  });
});

describe('SPK attendance marking', () => {
  it('marks present (late after the start) and absent (left early), audited with the time; quorum follows', async () => {
    const deps = await setup();
    const late = await markAttendance(deps, { ...spk, officeId: 'amt-9', present: true });
    expect(late).toMatchObject({ kind: 'marked', late: true, quorum: { presentVoting: 7 } });
    const gone = await markAttendance(deps, { ...spk, officeId: 'amt-1', present: false });
    expect(gone).toMatchObject({ kind: 'marked', quorum: { presentVoting: 6 } });
    expect(await markAttendance(deps, { ...spk, officeId: 'amt-1', present: false })).toMatchObject({
      kind: 'unchanged',
    });
    const row = (await deps.store.loadSession(body.id, SESSION))?.attendance.get('amt-1')?.value;
    expect(row).toMatchObject({ present: false });
    expect(row?.leftAt).not.toBe('');
    const audit = (await deps.store.sessionAudit(body.id, SESSION)).map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['attendance.markedPresent', 'attendance.markedAbsent']));
    expect(
      await markAttendance(deps, { ...spk, actor: personOf('amt-2'), officeId: 'amt-9', present: false }),
    ).toEqual({ kind: 'refused', reason: 'notSecretariat' });
    expect(await markAttendance(deps, { ...spk, officeId: 'amt-99', present: true })).toEqual({
      kind: 'refused',
      reason: 'unknownOffice',
    });
  });

  it('a presence marked after the session has started is a late arrival', async () => {
    const deps = await setup();
    const later = { ...deps, clock: { now: () => new Date('2026-12-10T09:45:00Z') } }; // 10:45 in Berlin, session at 10:00
    expect(await markAttendance(later, { ...spk, officeId: 'amt-10', present: true })).toMatchObject({
      kind: 'marked',
      late: true,
    });
    expect(
      (await deps.store.loadSession(body.id, SESSION))?.attendance.get('amt-10')?.value.arrivedLate,
    ).toBe(true);
  });
});

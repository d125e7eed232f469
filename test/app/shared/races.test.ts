import { describe, expect, it } from 'vitest';
import { registerTopic } from '../../../src/app/agenda/register-topic.js';
import { protocolDraft } from '../../../src/app/protocol/protocol-draft.js';
import { checkIn } from '../../../src/app/session-run/check-in.js';
import { endSession } from '../../../src/app/session-run/end-session.js';
import { markAttendance } from '../../../src/app/session-run/mark-attendance.js';
import type { MembershipDeps } from '../../../src/app/shared/deps.js';
import { castUmlaufBallot } from '../../../src/app/umlauf/cast-umlauf-ballot.js';
import { closeUmlaufAtDeadline } from '../../../src/app/umlauf/close-umlauf.js';
import { openUmlauf } from '../../../src/app/umlauf/open-umlauf.js';
import { type UmlaufDeps, viewOf } from '../../../src/app/umlauf/umlauf-view.js';
import { castBallot } from '../../../src/app/voting/cast-ballot.js';
import { closeVote } from '../../../src/app/voting/close-vote.js';
import { openVote } from '../../../src/app/voting/open-vote.js';
import { voteView } from '../../../src/app/voting/vote-view.js';
import type { Choice } from '../../../src/domain/ballots.js';
import { decideSessionVote } from '../../../src/domain/decision.js';
import { InMemoryPartitionStore } from '../../../src/ports/in-memory-partition-store.js';
import type { NotificationPlanner } from '../../../src/ports/notification-planner.js';
import { keys } from '../../../src/storage/rows.js';
import { TablePartitionStore } from '../../../src/storage/table-partition-store.js';
import { makeBody } from '../../support/bodies.js';
import { HoldingStore, interleave } from '../../support/holding-store.js';
import { aadOf, depsFor, FIXED_NOW, personOf, seedItem, seedSession } from '../../support/session-seed.js';
import { tableClient } from '../../support/stores.js';

/**
 * Every read-decide-write use case against each of its rivals: one is held right after its
 * read, the other runs to its end, then the first goes on. Whatever the order, what was
 * announced is what storage says afterwards, and no action lands on a decision it did not see.
 */
const body = makeBody({ voting: 9 });
/** The same offices where the Umlauf allows no objection, so an outcome can be settled early. */
const noObjection = makeBody({ voting: 9, umlauf: { objectionAllowed: false } });
const SESSION = '2026-12-10-1000';
const spk = { bodyId: body.id, sessionId: SESSION, actor: personOf('spk'), activityId: 'spk-action' };

const stores: [string, () => Promise<HoldingStore>][] = [
  ['in memory', async () => new HoldingStore(new InMemoryPartitionStore())],
  ['Azurite', async () => new HoldingStore(new TablePartitionStore(await tableClient(), 10_000))],
];

const noPlanner: NotificationPlanner = {
  planSession: async () => {},
  withdrawSession: async () => {},
  planUmlauf: async () => {},
  planUmlaufResult: async () => {},
  planProtocol: async () => {},
  planSessionChange: async () => {},
};

async function sessionWithItem(store: HoldingStore, present: string[]): Promise<MembershipDeps> {
  const deps = { ...depsFor(store, [body]), secretariatMembers: () => [] };
  await seedSession(deps, body, { sessionId: SESSION, voteId: 'seed-vote' });
  await seedItem(deps, body.id, SESSION, {
    itemId: 'kita',
    title: 'Kita Süd',
    registeredAt: new Date(FIXED_NOW.getTime() - 86_400_000 * 10).toISOString(),
  });
  for (const office of present) {
    await checkIn(deps, {
      bodyId: body.id,
      sessionId: SESSION,
      actorAadObjectId: aadOf(office),
      activityId: office,
    });
  }
  return deps;
}

/** The set-up's vote (on no agenda item) closed, so the session can end. */
async function closeSeedVote(deps: MembershipDeps): Promise<void> {
  const vote = (await deps.store.loadSession(body.id, SESSION))?.votes.get('seed-vote');
  if (!vote) throw new Error('no seed vote');
  await deps.store.commitSession(
    body.id,
    SESSION,
    [{ kind: 'vote', voteId: 'seed-vote', value: { ...vote.value, status: 'closed' }, etag: vote.etag }],
    {
      id: 'seed-close',
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
}

const ballot = (deps: MembershipDeps, voteId: string, office: string, choice: Choice) =>
  castBallot(deps, {
    bodyId: body.id,
    sessionId: SESSION,
    voteId,
    actorAadObjectId: aadOf(office),
    choice,
    activityId: `${office}-${choice}`,
  });

/** The outcome recomputed from storage, as the protocol and `stand` would. */
async function storedOutcome(deps: MembershipDeps, voteId: string) {
  const snapshot = await deps.store.loadSession(body.id, SESSION);
  if (!snapshot) throw new Error('no session');
  return voteView(body, snapshot, voteId)?.outcome;
}

describe.each(stores)('read-decide-write races (%s)', (_name, makeStore) => {
  const sessionPartition = keys.session(body.id, SESSION);

  async function openedVote(store: HoldingStore, present: string[]) {
    const deps = await sessionWithItem(store, present);
    const opened = await openVote(deps, { ...spk, itemNumber: 1 });
    if (opened.kind !== 'opened') throw new Error(`vote not opened: ${opened.kind}`);
    return { deps, voteId: opened.view.voteId };
  }

  it('a ballot read while the vote was open, committed after the close: refused; the announced result stays', async () => {
    const store = await makeStore();
    const present = ['amt-1', 'amt-2', 'amt-3', 'amt-4', 'amt-5', 'amt-6'];
    const { deps, voteId } = await openedVote(store, present);
    for (const office of ['amt-1', 'amt-2', 'amt-3']) await ballot(deps, voteId, office, 'yes');
    await ballot(deps, voteId, 'amt-4', 'no');
    const { held, other } = await interleave(
      store,
      sessionPartition,
      () => ballot(deps, voteId, 'amt-5', 'yes'),
      () => closeVote(deps, spk),
    );
    expect(other.kind).toBe('closed');
    const announced = other.kind === 'closed' ? other.view.outcome : undefined;
    // 3 of 6 present: 4 yes needed; the late ballot would have made it 4.
    expect(announced?.kind).toBe('rejected');
    expect(held).toEqual({ kind: 'refused', reason: 'voteClosed' });
    expect(await storedOutcome(deps, voteId)).toEqual(announced);
    const audit = (await deps.store.sessionAudit(body.id, SESSION)).find((a) => a.action === 'vote.closed');
    expect(JSON.parse(audit?.after ?? '{}')).toMatchObject({ status: 'closed', outcome: 'rejected' });
  });

  it('a close read before a ballot committed: decided again with that ballot; the announced result is what is stored', async () => {
    const store = await makeStore();
    const present = ['amt-1', 'amt-2', 'amt-3', 'amt-4', 'amt-5', 'amt-6'];
    const { deps, voteId } = await openedVote(store, present);
    for (const office of ['amt-1', 'amt-2', 'amt-3']) await ballot(deps, voteId, office, 'yes');
    const { held, other } = await interleave(
      store,
      sessionPartition,
      () => closeVote(deps, spk),
      () => ballot(deps, voteId, 'amt-5', 'yes'),
    );
    expect(other.kind).toBe('recorded');
    expect(held.kind).toBe('closed');
    const announced = held.kind === 'closed' ? held.view.outcome : undefined;
    expect(announced).toMatchObject({ kind: 'adopted', tally: { yes: 4 } });
    expect(await storedOutcome(deps, voteId)).toEqual(announced);
  });

  it('a changed ballot racing the close: either the change is refused or it is in the result', async () => {
    const store = await makeStore();
    const { deps, voteId } = await openedVote(store, ['amt-1', 'amt-2', 'amt-3', 'amt-4', 'amt-5']);
    for (const office of ['amt-1', 'amt-2', 'amt-3', 'amt-4']) await ballot(deps, voteId, office, 'yes');
    const { held, other } = await interleave(
      store,
      sessionPartition,
      () => ballot(deps, voteId, 'amt-1', 'no'),
      () => closeVote(deps, spk),
    );
    expect(held).toEqual({ kind: 'refused', reason: 'voteClosed' });
    const announced = other.kind === 'closed' ? other.view.outcome : undefined;
    expect(announced).toMatchObject({ kind: 'adopted', tally: { yes: 4, no: 0 } });
    expect(await storedOutcome(deps, voteId)).toEqual(announced);
  });

  it('opening a vote read before an office was marked absent: decided again without it', async () => {
    const store = await makeStore();
    const deps = await sessionWithItem(store, ['amt-1', 'amt-2', 'amt-3', 'amt-4', 'amt-5']);
    const { held, other } = await interleave(
      store,
      sessionPartition,
      () => openVote(deps, { ...spk, itemNumber: 1 }),
      () => markAttendance(deps, { ...spk, officeId: 'amt-5', present: false }),
    );
    expect(other.kind).toBe('marked');
    expect(held.kind).toBe('opened');
    const base = held.kind === 'opened' ? held.view.vote.electorate : [];
    expect(base).not.toContain('amt-5');
    expect(base).toEqual(['amt-1', 'amt-2', 'amt-3', 'amt-4']);
  });

  it('an absence read before the vote opened: the office was present at opening and stays in the base', async () => {
    const store = await makeStore();
    const deps = await sessionWithItem(store, ['amt-1', 'amt-2', 'amt-3', 'amt-4', 'amt-5']);
    const { held, other } = await interleave(
      store,
      sessionPartition,
      () => markAttendance(deps, { ...spk, officeId: 'amt-5', present: false }),
      () => openVote(deps, { ...spk, itemNumber: 1 }),
    );
    expect(other.kind === 'opened' && other.view.vote.electorate).toContain('amt-5');
    expect(held.kind).toBe('marked');
    const snapshot = await deps.store.loadSession(body.id, SESSION);
    expect(snapshot?.attendance.get('amt-5')?.value.present).toBe(false);
    // The frozen base is what was announced at opening.
    const stored = [...(snapshot?.votes.values() ?? [])].find((v) => v.value.itemId === 'kita');
    expect(stored?.value.electorate).toContain('amt-5');
  });

  it('a check-in read before a check-in of a new office and before the opening: both counted once, base as read', async () => {
    const store = await makeStore();
    const deps = await sessionWithItem(store, ['amt-1', 'amt-2', 'amt-3', 'amt-4']);
    const { held, other } = await interleave(
      store,
      sessionPartition,
      () => openVote(deps, { ...spk, itemNumber: 1 }),
      () =>
        checkIn(deps, {
          bodyId: body.id,
          sessionId: SESSION,
          actorAadObjectId: aadOf('amt-6'),
          activityId: 'x',
        }),
    );
    expect(other.kind).toBe('checkedIn');
    // The opening was decided again after the check-in: the new office is in its base.
    expect(held.kind === 'opened' && held.view.vote.electorate).toContain('amt-6');
  });

  it('a check-in read while the session ran, committed after its end: refused; the protocol’s attendance stays', async () => {
    const store = await makeStore();
    const deps = await sessionWithItem(store, ['amt-1', 'amt-2']);
    await closeSeedVote(deps);
    const { held, other } = await interleave(
      store,
      sessionPartition,
      () =>
        checkIn(deps, {
          bodyId: body.id,
          sessionId: SESSION,
          actorAadObjectId: aadOf('amt-3'),
          activityId: 'late',
        }),
      () => endSession(deps, spk),
    );
    expect(other.kind).toBe('ended');
    expect(held).toEqual({ kind: 'refused', reason: 'sessionNotRunning' });
    const draft = await protocolDraft(deps, body, SESSION, spk.actor);
    if (typeof draft === 'string') throw new Error(draft);
    const present = draft.document.attendance.filter((a) => a.status === 'present').map((a) => a.officeId);
    expect(present).toEqual(['amt-1', 'amt-2']);
    expect((await deps.store.loadSession(body.id, SESSION))?.attendance.get('amt-3')?.value.present).toBe(
      false,
    );
  });

  it('an end read before a check-in: decided again; the office is in the protocol', async () => {
    const store = await makeStore();
    const deps = await sessionWithItem(store, ['amt-1', 'amt-2']);
    await closeSeedVote(deps);
    const { held, other } = await interleave(
      store,
      sessionPartition,
      () => endSession(deps, spk),
      () =>
        checkIn(deps, {
          bodyId: body.id,
          sessionId: SESSION,
          actorAadObjectId: aadOf('amt-3'),
          activityId: 'late',
        }),
    );
    expect(other.kind).toBe('checkedIn');
    expect(held.kind).toBe('ended');
    const present =
      held.kind === 'ended' ? (held.draft?.attendance ?? []).filter((a) => a.status === 'present') : [];
    expect(present.map((a) => a.officeId)).toEqual(['amt-1', 'amt-2', 'amt-3']);
  });

  it('a vote opened on a read of the running session cannot land after the session ended', async () => {
    const store = await makeStore();
    const deps = await sessionWithItem(store, ['amt-1', 'amt-2', 'amt-3', 'amt-4', 'amt-5']);
    await closeSeedVote(deps);
    const { held, other } = await interleave(
      store,
      sessionPartition,
      () => openVote(deps, { ...spk, itemNumber: 1 }),
      () => endSession(deps, spk),
    );
    expect(other.kind).toBe('ended');
    expect(held).toEqual({ kind: 'refused', reason: 'sessionNotRunning' });
  });

  it('two submits of the same topic by one office, read before either committed: one item, the other is a duplicate', async () => {
    const store = await makeStore();
    const deps = { ...depsFor(store, [body]), secretariatMembers: () => [] };
    await seedSession(deps, body, { sessionId: SESSION, status: 'planned' });
    const early = { ...deps, clock: { now: () => new Date('2026-11-20T10:00:00Z') } };
    const submit = (activityId: string) =>
      registerTopic(early, {
        bodyId: body.id,
        sessionId: SESSION,
        input: {
          title: 'Spielplatz Nord',
          purpose: 'information',
          description: '',
          documents: '',
          conflictsOfGoals: '',
        },
        submitLate: false,
        actor: personOf('amt-2'),
        activityId,
      });
    const { held, other } = await interleave(
      store,
      sessionPartition,
      () => submit('first'),
      () => submit('second'),
    );
    expect(other.kind).toBe('registered');
    expect(held.kind).toBe('duplicate');
    const items = [...((await deps.store.loadSession(body.id, SESSION))?.items.values() ?? [])];
    expect(items).toHaveLength(1);
  });

  describe('Umlaufverfahren', () => {
    async function umlauf(store: HoldingStore, of = body) {
      let now = new Date('2026-12-01T09:00:00Z');
      const deps: UmlaufDeps = {
        ...depsFor(store, [of]),
        clock: { now: () => now },
        secretariatMembers: () => [],
        planner: noPlanner,
      };
      await seedSession(deps, of, { sessionId: SESSION, voteId: 'seed-vote' });
      const opened = await openUmlauf(deps, {
        bodyId: of.id,
        actor: personOf('spk'),
        title: 'Eilbeschluss Kältehilfe',
        text: 'Zustimmung zur Verlängerung',
        documents: '',
        deadlineDate: '03.12.2026',
        deadlineTime: '10:00',
        activityId: 'u-open',
      });
      if (opened.kind !== 'opened') throw new Error(opened.kind);
      const umlaufId = opened.view.umlaufId;
      const cast = (office: string, choice: Choice) =>
        castUmlaufBallot(deps, {
          bodyId: of.id,
          umlaufId,
          actorAadObjectId: aadOf(office),
          choice,
          argument: '',
          activityId: `${office}-${choice}`,
        });
      return { deps, umlaufId, cast, setNow: (d: Date) => (now = d) };
    }

    it('a ballot read before the deadline, committed after the deadline close: refused; the stored result equals its ballots', async () => {
      const store = await makeStore();
      const { deps, umlaufId, cast, setNow } = await umlauf(store);
      for (const office of ['amt-1', 'amt-2', 'amt-3', 'amt-4']) await cast(office, 'yes');
      await cast('amt-5', 'no');
      const { held, other } = await interleave(
        store,
        keys.umlauf(body.id, umlaufId),
        () => cast('amt-6', 'yes'),
        async () => {
          setNow(new Date('2026-12-03T09:30:00Z'));
          return closeUmlaufAtDeadline(deps, body, umlaufId);
        },
      );
      expect(other.kind).toBe('closed');
      expect(held.kind).toBe('refused');
      const snapshot = await deps.store.loadUmlauf(body.id, umlaufId);
      if (!snapshot) throw new Error('no Umlauf');
      expect(snapshot.ballots.size).toBe(5);
      const stored = JSON.parse(snapshot.umlauf.value.outcome) as { counts: Record<string, number> };
      expect(stored.counts).toEqual({ yes: 4, no: 1, abstain: 0, objections: 0 });
      const announced = other.kind === 'closed' ? other.view.final : undefined;
      expect(viewOf(body, snapshot).final).toEqual(announced);
    });

    it('cross-check: the protocol reports a closed Umlauf with the counts of its ballots', async () => {
      const store = await makeStore();
      const { deps, umlaufId, cast, setNow } = await umlauf(store);
      for (const office of ['amt-1', 'amt-2', 'amt-3', 'amt-4']) await cast(office, 'yes');
      await cast('amt-5', 'no');
      await cast('amt-6', 'abstain');
      setNow(new Date('2026-12-03T09:30:00Z'));
      expect((await closeUmlaufAtDeadline(deps, body, umlaufId)).kind).toBe('closed');
      await closeSeedVote(deps);
      setNow(new Date('2026-12-10T11:00:00Z'));
      const ended = await endSession(deps, spk);
      if (ended.kind !== 'ended') throw new Error(ended.reason);
      const ballots = [...((await deps.store.loadUmlauf(body.id, umlaufId))?.ballots.values() ?? [])];
      const count = (c: Choice) => ballots.filter((b) => b.value.choice === c).length;
      expect(ended.draft?.umlaufs).toEqual([
        expect.objectContaining({
          title: 'Eilbeschluss Kältehilfe',
          outcome: 'adopted',
          counts: { yes: count('yes'), no: count('no'), abstain: count('abstain') },
        }),
      ]);
      expect(ended.draft?.umlaufs[0]?.counts).toEqual({ yes: 4, no: 1, abstain: 1 });
    });

    it('a ballot read while open, committed after another ballot settled and closed it: refused', async () => {
      const store = await makeStore();
      const { deps, umlaufId, cast } = await umlauf(store, noObjection);
      // 9 voting offices, 2/3 of the ballots cast: with 5 yes and 2 no the two offices still to vote
      // decide it; one more yes settles it (the last office could no longer turn it: `settled`).
      for (const office of ['amt-1', 'amt-2', 'amt-3', 'amt-4', 'amt-5']) await cast(office, 'yes');
      await cast('amt-6', 'no');
      await cast('amt-7', 'no');
      const { held, other } = await interleave(
        store,
        keys.umlauf(noObjection.id, umlaufId),
        () => cast('amt-8', 'no'),
        () => cast('amt-9', 'yes'),
      );
      expect(other.kind).toBe('recordedAndClosed');
      expect(held).toEqual({ kind: 'refused', reason: 'voteClosed' });
      const snapshot = await deps.store.loadUmlauf(noObjection.id, umlaufId);
      expect(snapshot?.ballots.has('amt-8')).toBe(false);
    });
  });
});

describe('the closing outcome is the rules core’s final one', () => {
  it('decideSessionVote with closed: true never answers "open"', () => {
    const outcome = decideSessionVote(body, {
      electorate: ['amt-1', 'amt-2', 'amt-3', 'amt-4', 'amt-5'],
      grants: [],
      ballots: [],
      closed: true,
    });
    expect(outcome.kind).not.toBe('open');
  });
});

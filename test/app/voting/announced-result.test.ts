import { describe, expect, it } from 'vitest';
import { editTopic } from '../../../src/app/agenda/edit-topic.js';
import { withdrawTopic } from '../../../src/app/agenda/withdraw-topic.js';
import { changeMembership } from '../../../src/app/membership/change-membership.js';
import { Scheduler } from '../../../src/app/notifications/scheduler.js';
import { protocolDraft } from '../../../src/app/protocol/protocol-draft.js';
import { checkIn } from '../../../src/app/session-run/check-in.js';
import { endSession } from '../../../src/app/session-run/end-session.js';
import type { MembershipDeps } from '../../../src/app/shared/deps.js';
import { castBallot } from '../../../src/app/voting/cast-ballot.js';
import { annulVote, closeVote } from '../../../src/app/voting/close-vote.js';
import { openVote } from '../../../src/app/voting/open-vote.js';
import { voteView } from '../../../src/app/voting/vote-view.js';
import type { Body } from '../../../src/domain/body.js';
import { renderFile } from '../../../src/files/documents.js';
import { InMemoryConversationStore } from '../../../src/ports/conversation-store.js';
import { InMemoryPartitionStore } from '../../../src/ports/in-memory-partition-store.js';
import { RecordingLogger } from '../../../src/ports/logger.js';
import { TableNotificationStore } from '../../../src/storage/notification-store.js';
import { composeNotification } from '../../../src/teams/notification-content.js';
import { makeBody } from '../../support/bodies.js';
import {
  aadOf,
  audit,
  depsFor,
  FIXED_NOW,
  personOf,
  seedItem,
  seedSession,
} from '../../support/session-seed.js';

/**
 * An announced result is stored, never recomputed: a later change of the body's rules (a 3/4
 * majority instead of 2/3) changes neither a closed vote's outcome nor a vote already open.
 */
const SESSION = '2026-12-10-1000';
const before = makeBody({ voting: 6 });
const threeQuarters: Body = {
  ...before,
  majority: { ...before.majority, fraction: { numerator: 3, denominator: 4 } },
};
const spk = { bodyId: before.id, sessionId: SESSION, actor: personOf('spk'), activityId: 'spk' };

async function sessionWithTwoItems(): Promise<MembershipDeps> {
  const deps = { ...depsFor(new InMemoryPartitionStore(), [before]), secretariatMembers: () => [] };
  await seedSession(deps, before, { sessionId: SESSION, voteId: 'seed-vote' });
  for (const [n, itemId] of [
    [1, 'kita'],
    [2, 'schule'],
  ] as const) {
    await seedItem(deps, before.id, SESSION, {
      itemId,
      title: `Thema ${n}`,
      registeredAt: new Date(FIXED_NOW.getTime() - 86_400_000 * (20 - n)).toISOString(),
    });
  }
  for (const office of ['amt-1', 'amt-2', 'amt-3', 'amt-4', 'amt-5', 'amt-6']) {
    await checkIn(deps, {
      bodyId: before.id,
      sessionId: SESSION,
      actorAadObjectId: aadOf(office),
      activityId: office,
    });
  }
  return deps;
}

/** The set-up's vote (on no agenda item) closed, then the session ended. */
async function endWithProtocol(deps: MembershipDeps): Promise<void> {
  const seed = (await deps.store.loadSession(before.id, SESSION))?.votes.get('seed-vote');
  if (!seed) throw new Error('no seed vote');
  await deps.store.commitSession(
    before.id,
    SESSION,
    [{ kind: 'vote', voteId: 'seed-vote', value: { ...seed.value, status: 'closed' }, etag: seed.etag }],
    audit('seed'),
  );
  expect((await endSession(deps, spk)).kind).toBe('ended');
}

const underRules = (deps: MembershipDeps, body: Body): MembershipDeps => ({
  ...deps,
  bodies: new Map([[body.id, body]]),
});

async function vote(deps: MembershipDeps, voteId: string, yes: number) {
  for (let i = 1; i <= 6; i++) {
    await castBallot(deps, {
      bodyId: before.id,
      sessionId: SESSION,
      voteId,
      actorAadObjectId: aadOf(`amt-${i}`),
      choice: i <= yes ? 'yes' : 'no',
      activityId: `${voteId}-${i}`,
    });
  }
}

describe('the register', () => {
  it('a closed vote is numbered when it is announced; one whose registration failed is recorded by the hourly check', async () => {
    const deps = await sessionWithTwoItems();
    const first = await openVote(deps, { ...spk, itemNumber: 1 });
    if (first.kind !== 'opened') throw new Error(first.kind);
    await vote(deps, first.view.voteId, 4);
    const closed = await closeVote(deps, spk);
    expect(closed).toMatchObject({
      kind: 'closed',
      decision: { label: 'Test-AG 2026/01', outcome: 'adopted' },
    });
    // The register cannot be written when the second vote closes.
    const second = await openVote(deps, { ...spk, itemNumber: 2 });
    if (second.kind !== 'opened') throw new Error(second.kind);
    await vote(deps, second.view.voteId, 2);
    const failing = {
      ...deps,
      store: Object.assign(Object.create(deps.store), {
        registerDecision: async () => {
          throw new Error('storage down');
        },
      }) as typeof deps.store,
    };
    const unregistered = await closeVote(failing, spk);
    expect(unregistered.kind).toBe('closed');
    expect('decision' in unregistered && unregistered.decision).toBeFalsy();
    expect(await deps.store.decisions(before.id)).toHaveLength(1);
    // The hourly check runs three hours later: the decision keeps the time its vote closed.
    const later = new Date(FIXED_NOW.getTime() + 3 * 3600_000);
    const scheduler = new Scheduler({
      compose: composeNotification,
      renderFile,
      ...deps,
      clock: { now: () => later },
      notifications: new TableNotificationStore(new InMemoryPartitionStore()),
      conversations: new InMemoryConversationStore(),
      messenger: { send: async () => ({ activityId: 'x' }) },
      logger: new RecordingLogger(),
      instanceId: 'check',
    });
    await scheduler.checkPlans(later);
    expect((await deps.store.decisions(before.id)).map((d) => [d.label, d.outcome])).toEqual([
      ['Test-AG 2026/01', 'adopted'],
      ['Test-AG 2026/02', 'rejected'],
    ]);
    const decidedAt = Date.parse((await deps.store.decisions(before.id))[1]?.decidedAt ?? '');
    expect(decidedAt - FIXED_NOW.getTime()).toBeGreaterThanOrEqual(0);
    expect(decidedAt - FIXED_NOW.getTime()).toBeLessThan(1000);
    // Checking again changes nothing.
    await scheduler.checkPlans(later);
    expect(await deps.store.decisions(before.id)).toHaveLength(2);
  });
});

describe('a person who left', () => {
  it('no longer votes for their office, nor marks it "on Teams": the SPK records its ballot in the room', async () => {
    const deps = await sessionWithTwoItems();
    const opened = await openVote(deps, { ...spk, itemNumber: 1 });
    if (opened.kind !== 'opened') throw new Error(opened.kind);
    const record = () =>
      castBallot(deps, {
        bodyId: before.id,
        sessionId: SESSION,
        voteId: opened.view.voteId,
        actorAadObjectId: aadOf('spk'),
        actor: personOf('spk'),
        forOfficeId: 'amt-6',
        choice: 'yes',
        activityId: 'record-6',
      });
    expect(await record()).toEqual({ kind: 'refused', reason: 'officeOnTeams' });
    const left = await changeMembership(deps, {
      bodyId: before.id,
      change: { kind: 'remove', memberAadObjectId: aadOf('amt-6'), shownOfficeId: 'amt-6' },
      actor: personOf('spk'),
      activityId: 'remove-6',
    });
    expect(left.kind).toBe('removed');
    const own = await castBallot(deps, {
      bodyId: before.id,
      sessionId: SESSION,
      voteId: opened.view.voteId,
      actorAadObjectId: aadOf('amt-6'),
      choice: 'no',
      activityId: 'own-6',
    });
    expect(own).toEqual({ kind: 'refused', reason: 'notMember' });
    expect((await record()).kind).toBe('recorded');
  });
});

describe('a voted item keeps its words', () => {
  it('an item with an open or closed vote can be neither edited nor withdrawn; an unvoted one can', async () => {
    const deps = await sessionWithTwoItems();
    const opened = await openVote(deps, { ...spk, itemNumber: 1 });
    if (opened.kind !== 'opened') throw new Error(opened.kind);
    const input = {
      title: 'Neuer Titel',
      purpose: 'information',
      description: '',
      documents: '',
      conflictsOfGoals: '',
    };
    const edit = (itemId: string) => editTopic(deps, { ...spk, itemId, input });
    const withdraw = (itemId: string) => withdrawTopic(deps, { ...spk, itemId });
    expect(await edit('kita')).toEqual({ kind: 'refused', reason: 'itemVoted' });
    expect(await withdraw('kita')).toEqual({ kind: 'refused', reason: 'itemVoted' });
    await closeVote(deps, { ...spk, voteId: opened.view.voteId });
    expect(await edit('kita')).toEqual({ kind: 'refused', reason: 'itemVoted' });
    const snapshot = await deps.store.loadSession(before.id, SESSION);
    expect(snapshot?.items.get('kita')?.value).toMatchObject({ title: 'Thema 1', status: 'registered' });
    expect((await edit('schule')).kind).toBe('edited');
  });
});

describe('a vote opened by mistake can be annulled', () => {
  it('annulled: no ballot lands on it; the item is voted on anew with the offices present then; the protocol shows both', async () => {
    const deps = await sessionWithTwoItems();
    const first = await openVote(deps, { ...spk, itemNumber: 1 });
    if (first.kind !== 'opened') throw new Error(first.kind);
    await vote(deps, first.view.voteId, 2);
    const annulled = await annulVote(deps, spk);
    expect(annulled).toMatchObject({
      kind: 'annulled',
      view: { voteId: 'v-kita', vote: { status: 'annulled' } },
    });
    expect(await annulVote(deps, spk)).toEqual({ kind: 'refused', reason: 'voteClosed' });
    const late = await castBallot(deps, {
      bodyId: before.id,
      sessionId: SESSION,
      voteId: first.view.voteId,
      actorAadObjectId: aadOf('amt-6'),
      choice: 'yes',
      activityId: 'late',
    });
    expect(late).toEqual({ kind: 'refused', reason: 'voteAnnulled' });
    const again = await openVote(deps, { ...spk, itemNumber: 1 });
    expect(again).toMatchObject({ kind: 'opened', view: { voteId: 'v-kita-2', vote: { status: 'open' } } });
    if (again.kind !== 'opened') throw new Error(again.kind);
    await vote(deps, again.view.voteId, 5);
    expect(await closeVote(deps, spk)).toMatchObject({
      kind: 'closed',
      view: { outcome: { kind: 'adopted' } },
    });
    await endWithProtocol(deps);
    const draft = await protocolDraft(deps, before, SESSION, personOf('spk'));
    if (typeof draft === 'string') throw new Error(draft);
    const item = draft.document.items.find((i) => i.title === 'Thema 1');
    expect(item?.annulledVotes).toHaveLength(1);
    expect(item?.vote).toMatchObject({ outcome: 'adopted', counts: { yes: 5, no: 1 } });
    const actions = (await deps.store.sessionAudit(before.id, SESSION)).map((a) => a.action);
    expect(actions.filter((a) => a === 'vote.annulled')).toHaveLength(1);
  });
});

describe('an announced result is stored, never recomputed', () => {
  it('4 of 6 under 2/3 stays "adopted" after the majority becomes 3/4: vote view, tally and protocol', async () => {
    const deps = await sessionWithTwoItems();
    const opened = await openVote(deps, { ...spk, itemNumber: 1 });
    if (opened.kind !== 'opened') throw new Error(opened.kind);
    await vote(deps, opened.view.voteId, 4);
    const closed = await closeVote(deps, { ...spk, voteId: opened.view.voteId });
    expect(closed).toMatchObject({
      kind: 'closed',
      view: { outcome: { kind: 'adopted', base: 6, required: 4 } },
    });

    // The Geschäftsordnung is amended: 3/4 from now on.
    const later = underRules(deps, threeQuarters);
    const snapshot = await later.store.loadSession(before.id, SESSION);
    if (!snapshot) throw new Error('no session');
    expect(voteView(threeQuarters, snapshot, opened.view.voteId)?.outcome).toMatchObject({
      kind: 'adopted',
      base: 6,
      required: 4,
    });
    await endWithProtocol(later);
    const draft = await protocolDraft(later, threeQuarters, SESSION, personOf('spk'));
    if (typeof draft === 'string') throw new Error(draft);
    const item = draft.document.items.find((i) => i.title === 'Thema 1');
    expect(item?.vote).toMatchObject({
      outcome: 'adopted',
      base: 6,
      required: 4,
      rule: { numerator: 2, denominator: 3 },
    });
  });

  it('a vote opened under 2/3 is decided under 2/3 even if the rules change while it is open', async () => {
    const deps = await sessionWithTwoItems();
    const opened = await openVote(deps, { ...spk, itemNumber: 2 });
    if (opened.kind !== 'opened') throw new Error(opened.kind);
    const later = underRules(deps, threeQuarters);
    await vote(later, opened.view.voteId, 4);
    const closed = await closeVote(later, { ...spk, voteId: opened.view.voteId });
    expect(closed).toMatchObject({ kind: 'closed', view: { outcome: { kind: 'adopted', required: 4 } } });
    // A vote opened after the change runs under 3/4: 4 of 6 is not enough.
    const third = await seedItem(later, before.id, SESSION, {
      itemId: 'rad',
      title: 'Thema 3',
      registeredAt: new Date(FIXED_NOW.getTime() - 86_400_000 * 10).toISOString(),
    });
    expect(third).toBeUndefined();
    const next = await openVote(later, { ...spk, itemNumber: 3 });
    if (next.kind !== 'opened') throw new Error(next.kind);
    await vote(later, next.view.voteId, 4);
    const rejected = await closeVote(later, { ...spk, voteId: next.view.voteId });
    expect(rejected).toMatchObject({ kind: 'closed', view: { outcome: { kind: 'rejected', required: 5 } } });
  });
});

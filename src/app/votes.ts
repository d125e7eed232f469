import { agendaOf } from '../domain/agenda.js';
import type { Ballot } from '../domain/ballots.js';
import { type Body, votingOffices } from '../domain/body.js';
import { decideSessionVote, type SessionOutcome } from '../domain/decision.js';
import type { SessionSnapshot } from '../storage/gremien-store.js';
import type { ItemRow, VoteRow } from '../storage/rows.js';
import { retryOnConflict } from './deps.js';
import type { MembershipDeps } from './membership.js';
import { isSecretariat, type Person } from './secretariat.js';

export type VoteView = {
  readonly body: Body;
  readonly sessionId: string;
  readonly voteId: string;
  readonly item: ItemRow;
  readonly number: number;
  readonly vote: VoteRow;
  readonly outcome: SessionOutcome;
  readonly ballots: readonly {
    officeId: string;
    choice: string;
    capacity: 'vote' | 'advisory';
    argument: string;
  }[];
};

type Refusal =
  | 'unknownBody'
  | 'notSecretariat'
  | 'unknownSession'
  | 'sessionNotRunning'
  | 'unknownItem'
  | 'notDecisionItem'
  | 'unknownVote'
  | 'voteClosed';

/** A session vote's id: one vote per agenda item. */
export const voteIdOf = (itemId: string) => `v-${itemId}`;

/** The tally and outcome of a vote as stored (counted ballots only; advisory opinions apart). */
export function voteView(body: Body, snapshot: SessionSnapshot, voteId: string): VoteView | undefined {
  const vote = snapshot.votes.get(voteId);
  if (!vote) return undefined;
  const item = snapshot.items.get(vote.value.itemId)?.value;
  if (!item) return undefined;
  const rows = [...snapshot.ballots.values()].map((b) => b.value).filter((b) => b.voteId === voteId);
  const ballots: Ballot[] = rows
    .filter((b) => b.capacity === 'vote')
    .map((b) => ({ officeId: b.officeId, choice: b.choice, castAt: new Date(b.castAt) }));
  const agenda = agendaOf(
    [...snapshot.items.values()].map((v) => ({
      ...v.value,
      id: v.value.itemId,
      registeredAt: new Date(v.value.registeredAt),
    })),
  );
  return {
    body,
    sessionId: snapshot.sessionId,
    voteId,
    item,
    number: agenda.find((i) => i.id === item.itemId)?.number ?? 0,
    vote: vote.value,
    outcome: decideSessionVote(body, {
      electorate: vote.value.electorate,
      grants: vote.value.grants,
      ballots,
      closed: vote.value.status === 'closed',
    }),
    ballots: rows.map((b) => ({
      officeId: b.officeId,
      choice: b.choice,
      capacity: b.capacity,
      argument: b.argument,
    })),
  };
}

async function spkSession(deps: MembershipDeps, bodyId: string, sessionId: string, actor: Person) {
  const body = deps.bodies.get(bodyId);
  if (!body) return 'unknownBody' as const;
  if (!(await isSecretariat(deps.store, body, actor, deps.secretariatMembers(body.id))))
    return 'notSecretariat' as const;
  const snapshot = await deps.store.loadSession(bodyId, sessionId);
  if (!snapshot) return 'unknownSession' as const;
  if (snapshot.session.value.status !== 'running') return 'sessionNotRunning' as const;
  return { body, snapshot };
}

/**
 * The SPK opens the vote on agenda item n, which must be a Beschluss item. The voting
 * offices present now (and present commissioners granted a vote for this item) are frozen
 * as the vote's base. Opening an open vote again changes nothing.
 */
export async function openVote(
  deps: MembershipDeps,
  cmd: { bodyId: string; sessionId: string; itemNumber: number; actor: Person; activityId: string },
): Promise<
  | { readonly kind: 'opened' | 'alreadyOpen'; readonly view: VoteView }
  | { readonly kind: 'refused'; readonly reason: Refusal }
> {
  return retryOnConflict(deps, async () => {
    const context = await spkSession(deps, cmd.bodyId, cmd.sessionId, cmd.actor);
    if (typeof context === 'string') return { kind: 'refused', reason: context } as const;
    const { body, snapshot } = context;
    const agenda = agendaOf(
      [...snapshot.items.values()].map((v) => ({
        ...v.value,
        id: v.value.itemId,
        registeredAt: new Date(v.value.registeredAt),
      })),
    );
    const entry = agenda.find((i) => i.number === cmd.itemNumber);
    if (!entry) return { kind: 'refused', reason: 'unknownItem' } as const;
    if (entry.marking !== 'Beschluss') return { kind: 'refused', reason: 'notDecisionItem' } as const;
    const voteId = voteIdOf(entry.id);
    const existing = voteView(body, snapshot, voteId);
    if (existing)
      return existing.vote.status === 'open'
        ? ({ kind: 'alreadyOpen', view: existing } as const)
        : ({ kind: 'refused', reason: 'voteClosed' } as const);
    const present = new Set(
      [...snapshot.attendance.values()].filter((a) => a.value.present).map((a) => a.value.officeId),
    );
    const voting = new Set(votingOffices(body).map((o) => o.id));
    const now = deps.clock.now();
    const vote: VoteRow = {
      itemId: entry.id,
      status: 'open',
      electorate: [...present].filter((id) => voting.has(id)).sort(),
      grants: [],
      openedAt: now.toISOString(),
    };
    await deps.store.commitSession(body.id, cmd.sessionId, [{ kind: 'vote', voteId, value: vote }], {
      id: deps.newId(),
      at: now,
      actorAadObjectId: cmd.actor.aadObjectId,
      actorOfficeId: body.secretariat,
      action: 'vote.opened',
      target: `vote/${voteId}`,
      before: '',
      after: JSON.stringify({ itemId: entry.id, electorate: vote.electorate }),
      activityId: cmd.activityId.slice(0, 200),
    });
    const reread = await deps.store.loadSession(body.id, cmd.sessionId);
    const view = reread ? voteView(body, reread, voteId) : undefined;
    if (!view) throw new Error('vote vanished after opening');
    return { kind: 'opened', view } as const;
  });
}

/** The SPK closes a vote; from then on it accepts no ballot and its outcome is final. */
export async function closeVote(
  deps: MembershipDeps,
  cmd: { bodyId: string; sessionId: string; voteId?: string; actor: Person; activityId: string },
): Promise<
  | { readonly kind: 'closed'; readonly view: VoteView }
  | { readonly kind: 'refused'; readonly reason: Refusal }
> {
  return retryOnConflict(deps, async () => {
    const context = await spkSession(deps, cmd.bodyId, cmd.sessionId, cmd.actor);
    if (typeof context === 'string') return { kind: 'refused', reason: context } as const;
    const { body, snapshot } = context;
    const open = [...snapshot.votes.entries()].filter(([, v]) => v.value.status === 'open');
    const target = cmd.voteId ? snapshot.votes.get(cmd.voteId) : open[0]?.[1];
    const voteId = cmd.voteId ?? open[0]?.[0];
    if (!target || !voteId)
      return { kind: 'refused', reason: cmd.voteId ? 'unknownVote' : 'voteClosed' } as const;
    if (target.value.status === 'closed') return { kind: 'refused', reason: 'voteClosed' } as const;
    const now = deps.clock.now();
    const closed: VoteRow = { ...target.value, status: 'closed' };
    const outcome = voteView(body, snapshot, voteId)?.outcome;
    await deps.store.commitSession(
      body.id,
      cmd.sessionId,
      [{ kind: 'vote', voteId, value: closed, etag: target.etag }],
      {
        id: deps.newId(),
        at: now,
        actorAadObjectId: cmd.actor.aadObjectId,
        actorOfficeId: body.secretariat,
        action: 'vote.closed',
        target: `vote/${voteId}`,
        before: JSON.stringify({ status: 'open' }),
        after: JSON.stringify({ status: 'closed', outcome: outcome?.kind }),
        activityId: cmd.activityId.slice(0, 200),
      },
    );
    const reread = await deps.store.loadSession(body.id, cmd.sessionId);
    const view = reread ? voteView(body, reread, voteId) : undefined;
    if (!view) throw new Error('vote vanished after closing');
    return { kind: 'closed', view } as const;
  });
}

/** The open votes of a running session, for `stand`. */
export function openVotes(body: Body, snapshot: SessionSnapshot): VoteView[] {
  return [...snapshot.votes.entries()]
    .filter(([, v]) => v.value.status === 'open')
    .map(([id]) => voteView(body, snapshot, id))
    .filter((v): v is VoteView => v !== undefined);
}

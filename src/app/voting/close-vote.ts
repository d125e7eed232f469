import type { Decision, VoteRow } from '../../ports/records.js';
import { recordVoteDecision } from '../register/record-decision.js';
import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import { ballotsAsRead } from '../shared/read-set.js';
import { retryOnConflict } from '../shared/retry.js';
import type { Person } from '../shared/secretariat.js';
import { type Refusal, spkSession } from './spk-session.js';
import { latestOpenVote, type VoteView, voteView } from './vote-view.js';

type VoteCommand = { bodyId: string; sessionId: string; voteId?: string; actor: Person; activityId: string };

/**
 * The SPK closes a vote; from then on it accepts no ballot and its outcome is final. The decision
 * is recorded in the body's register with its number (a failure there does not undo the close:
 * the scheduler's hourly check records what is missing).
 */
export async function closeVote(
  deps: MembershipDeps,
  cmd: VoteCommand,
): Promise<
  | { readonly kind: 'closed'; readonly view: VoteView; readonly decision?: Decision }
  | { readonly kind: 'refused'; readonly reason: Refusal }
> {
  const result = await endVote(deps, cmd, 'closed');
  if (result.kind === 'refused') return result;
  const decision = await recordVoteDecision(deps, result.view.body, result.view).catch(() => undefined);
  return { kind: 'closed', view: result.view, ...(decision ? { decision } : {}) };
}

/**
 * The SPK annuls an open vote — opened by mistake, or before two offices in the room were marked
 * present. It takes no ballot from then on, its ballots stay on record, the protocol shows it as
 * "aufgehoben", and the item can be voted on again: the new vote takes the next id and the
 * offices present then as its base.
 */
export async function annulVote(
  deps: MembershipDeps,
  cmd: VoteCommand,
): Promise<
  | { readonly kind: 'annulled'; readonly view: VoteView }
  | { readonly kind: 'refused'; readonly reason: Refusal }
> {
  const result = await endVote(deps, cmd, 'annulled');
  return result.kind === 'refused' ? result : { kind: 'annulled', view: result.view };
}

/**
 * Ends an open vote (the one named, or the most recently opened): every office's ballot place is
 * sealed or conditioned as read, so a ballot decided on a read of the open vote cannot land
 * afterwards. Closing stores the outcome it decided on (every card, tally and protocol reads it,
 * never recomputes it); annulling stores when.
 */
async function endVote(
  deps: MembershipDeps,
  cmd: VoteCommand,
  how: 'closed' | 'annulled',
): Promise<
  { readonly kind: 'ended'; readonly view: VoteView } | { readonly kind: 'refused'; readonly reason: Refusal }
> {
  return retryOnConflict(deps, async () => {
    const context = await spkSession(deps, cmd.bodyId, cmd.sessionId, cmd.actor);
    if (typeof context === 'string') return { kind: 'refused', reason: context } as const;
    const { body, snapshot } = context;
    const voteId = cmd.voteId ?? latestOpenVote(snapshot);
    const target = voteId ? snapshot.votes.get(voteId) : undefined;
    if (!target || !voteId)
      return { kind: 'refused', reason: cmd.voteId ? 'unknownVote' : 'voteClosed' } as const;
    if (target.value.status !== 'open') return { kind: 'refused', reason: 'voteClosed' } as const;
    const now = deps.clock.now();
    const votes = new Map(snapshot.votes);
    let ended: VoteRow;
    let after: Record<string, unknown>;
    if (how === 'closed') {
      // The final outcome, from exactly the ballots read.
      votes.set(voteId, { value: { ...target.value, status: 'closed' }, etag: target.etag });
      const outcome = voteView(body, { ...snapshot, votes }, voteId)?.outcome;
      if (!outcome || outcome.kind === 'open') throw new Error('a closed vote without its outcome');
      ended = {
        ...target.value,
        status: 'closed',
        result: JSON.stringify(outcome),
        closedAt: now.toISOString(),
      };
      after = { status: 'closed', outcome: outcome.kind };
    } else {
      ended = { ...target.value, status: 'annulled', annulledAt: now.toISOString() };
      after = { status: 'annulled', at: now.toISOString() };
    }
    votes.set(voteId, { value: ended, etag: target.etag });
    await deps.store.commitSession(
      body.id,
      cmd.sessionId,
      [{ kind: 'vote', voteId, value: ended, etag: target.etag }, ...ballotsAsRead(body, snapshot, voteId)],
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: how === 'closed' ? 'vote.closed' : 'vote.annulled',
        target: `vote/${voteId}`,
        before: { status: 'open' },
        after,
        activityId: cmd.activityId,
      }),
    );
    // What is announced is what this commit decided on (no second read).
    const view = voteView(body, { ...snapshot, votes }, voteId);
    if (!view) throw new Error('vote without its item');
    return { kind: 'ended', view } as const;
  });
}

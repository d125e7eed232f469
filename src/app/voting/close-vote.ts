import type { VoteRow } from '../../ports/records.js';
import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import { ballotsAsRead } from '../shared/read-set.js';
import { retryOnConflict } from '../shared/retry.js';
import type { Person } from '../shared/secretariat.js';
import { type Refusal, spkSession } from './spk-session.js';
import { latestOpenVote, type VoteView, voteView } from './vote-view.js';

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
    // Without a vote named, the most recently opened vote on an agenda item is closed.
    const voteId = cmd.voteId ?? latestOpenVote(snapshot);
    const target = voteId ? snapshot.votes.get(voteId) : undefined;
    if (!target || !voteId)
      return { kind: 'refused', reason: cmd.voteId ? 'unknownVote' : 'voteClosed' } as const;
    if (target.value.status === 'closed') return { kind: 'refused', reason: 'voteClosed' } as const;
    const now = deps.clock.now();
    // The final outcome, from exactly the ballots read: the commit fails if any office's
    // ballot changed or appeared meanwhile (its place is sealed), so what is announced stays.
    // It is stored with the vote: every card, tally and protocol reads it, never recomputes it.
    const votes = new Map(snapshot.votes);
    votes.set(voteId, { value: { ...target.value, status: 'closed' }, etag: target.etag });
    const outcome = voteView(body, { ...snapshot, votes }, voteId)?.outcome;
    if (!outcome || outcome.kind === 'open') throw new Error('a closed vote without its outcome');
    const closed: VoteRow = { ...target.value, status: 'closed', result: JSON.stringify(outcome) };
    votes.set(voteId, { value: closed, etag: target.etag });
    await deps.store.commitSession(
      body.id,
      cmd.sessionId,
      [{ kind: 'vote', voteId, value: closed, etag: target.etag }, ...ballotsAsRead(body, snapshot, voteId)],
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: 'vote.closed',
        target: `vote/${voteId}`,
        before: { status: 'open' },
        after: { status: 'closed', outcome: outcome?.kind },
        activityId: cmd.activityId,
      }),
    );
    // The outcome announced is the one this commit decided on (no second read).
    const view = voteView(body, { ...snapshot, votes }, voteId);
    if (!view) throw new Error('vote without its item');
    return { kind: 'closed', view } as const;
  });
}

import type { VoteRow } from '../../ports/records.js';
import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import { ballotsAsRead } from '../shared/read-set.js';
import { retryOnConflict } from '../shared/retry.js';
import type { Person } from '../shared/secretariat.js';
import { type Refusal, spkSession } from './spk-session.js';
import { latestOpenVote, type VoteView, voteView } from './vote-view.js';

/**
 * The SPK annuls an open vote — opened by mistake, or before two offices in the room were marked
 * present. It takes no ballot from then on (every office's ballot place is sealed as on closing),
 * its ballots stay on record, the protocol shows it as "aufgehoben", and the item can be voted on
 * again: the new vote takes the next id and the offices present then as its base.
 */
export async function annulVote(
  deps: MembershipDeps,
  cmd: { bodyId: string; sessionId: string; voteId?: string; actor: Person; activityId: string },
): Promise<
  | { readonly kind: 'annulled'; readonly view: VoteView }
  | { readonly kind: 'refused'; readonly reason: Refusal }
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
    const annulled: VoteRow = { ...target.value, status: 'annulled', annulledAt: now.toISOString() };
    await deps.store.commitSession(
      body.id,
      cmd.sessionId,
      [
        { kind: 'vote', voteId, value: annulled, etag: target.etag },
        ...ballotsAsRead(body, snapshot, voteId),
      ],
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: 'vote.annulled',
        target: `vote/${voteId}`,
        before: { status: 'open' },
        after: { status: 'annulled', at: now.toISOString() },
        activityId: cmd.activityId,
      }),
    );
    const votes = new Map(snapshot.votes);
    votes.set(voteId, { value: annulled, etag: target.etag });
    const view = voteView(body, { ...snapshot, votes }, voteId);
    if (!view) throw new Error('vote without its item');
    return { kind: 'annulled', view } as const;
  });
}

import { electorateAtOpening, voteOpening } from '../../domain/ballots.js';
import { rulesOf } from '../../domain/vote-rules.js';
import type { SessionChange } from '../../ports/gremien-store.js';
import type { VoteRow } from '../../ports/records.js';
import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import { attendanceAsRead, sessionAsRead } from '../shared/read-set.js';
import { retryOnConflict } from '../shared/retry.js';
import type { Person } from '../shared/secretariat.js';
import { sessionAgenda } from '../shared/session-agenda.js';
import { type Refusal, spkSession } from './spk-session.js';
import { type VoteView, voteIdOf, voteView } from './vote-view.js';

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
    const agenda = sessionAgenda(snapshot);
    const entry = agenda.find((i) => i.number === cmd.itemNumber);
    if (!entry) return { kind: 'refused', reason: 'unknownItem' } as const;
    // The item's vote that counts; after an annulment the item is voted on anew, under a new id.
    const voteId = voteIdOf(snapshot, entry.id);
    const existing = voteView(body, snapshot, voteId);
    const status = existing?.vote.status;
    const opening = voteOpening(entry.marking, status === 'annulled' ? undefined : status);
    if (opening.kind === 'refused') return opening;
    if (opening.kind === 'alreadyOpen' && existing) return { kind: 'alreadyOpen', view: existing } as const;
    const present = [...snapshot.attendance.values()]
      .filter((a) => a.value.present)
      .map((a) => a.value.officeId);
    const now = deps.clock.now();
    const grants = snapshot.items.get(entry.id)?.value.grants ?? [];
    const vote: VoteRow = {
      itemId: entry.id,
      status: 'open',
      rules: JSON.stringify(rulesOf(body)),
      result: '',
      annulledAt: '',
      closedAt: '',
      electorate: electorateAtOpening(body, present, grants),
      grants: [...grants],
      openedAt: now.toISOString(),
    };
    const item = snapshot.items.get(entry.id);
    if (!item) return { kind: 'refused', reason: 'unknownItem' } as const;
    // The base is frozen from what was read: the commit fails if the session, the item (its
    // grants) or any office's attendance changed meanwhile, and is then decided again.
    const changes: SessionChange[] = [
      { kind: 'vote', voteId, value: vote },
      sessionAsRead(snapshot),
      { kind: 'unchanged', row: { kind: 'item', itemId: entry.id }, etag: item.etag },
      ...attendanceAsRead(body, snapshot, cmd.actor.aadObjectId, now),
    ];
    await deps.store.commitSession(
      body.id,
      cmd.sessionId,
      changes,
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: 'vote.opened',
        target: `vote/${voteId}`,
        after: { itemId: entry.id, electorate: vote.electorate },
        activityId: cmd.activityId,
      }),
    );
    // Drawn from what this commit decided on, not from a second read: once the vote is open,
    // a failing read must not make the answer "not saved".
    const votes = new Map(snapshot.votes);
    votes.set(voteId, { value: vote, etag: '' });
    const view = voteView(body, { ...snapshot, votes }, voteId);
    if (!view) throw new Error('vote without its item');
    return { kind: 'opened', view } as const;
  });
}

import { mayBeGrantedVote, takesVotes } from '../../domain/ballots.js';
import type { SessionChange } from '../../ports/gremien-store.js';
import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import { attendanceAsRead } from '../shared/read-set.js';
import { retryOnConflict } from '../shared/retry.js';
import type { Person } from '../shared/secretariat.js';
import { sessionAgenda } from '../shared/session-agenda.js';
import { type Refusal, spkSession } from './spk-session.js';
import { voteIdOf } from './vote-view.js';

/**
 * The voting members grant a commissioner (Beauftragte) a vote for one item (000 §4); the SPK
 * records it. If the item's vote is already open and the office is present, it joins that
 * vote's base. Only commissioners can be granted a vote.
 */
export async function grantVote(
  deps: MembershipDeps,
  cmd: {
    bodyId: string;
    sessionId: string;
    itemNumber: number;
    officeId: string;
    actor: Person;
    activityId: string;
  },
): Promise<
  | { readonly kind: 'granted' | 'alreadyGranted'; readonly officeName: string; readonly number: number }
  | { readonly kind: 'refused'; readonly reason: Refusal | 'notCommissioner' }
> {
  return retryOnConflict(deps, async () => {
    const context = await spkSession(deps, cmd.bodyId, cmd.sessionId, cmd.actor);
    if (typeof context === 'string') return { kind: 'refused', reason: context } as const;
    const { body, snapshot } = context;
    const office = body.offices.find((o) => o.id === cmd.officeId);
    if (!office || !mayBeGrantedVote(body, office.id))
      return { kind: 'refused', reason: 'notCommissioner' } as const;
    const agenda = sessionAgenda(snapshot);
    const entry = agenda.find((i) => i.number === cmd.itemNumber);
    if (!entry) return { kind: 'refused', reason: 'unknownItem' } as const;
    if (!takesVotes(entry.marking)) return { kind: 'refused', reason: 'notDecisionItem' } as const;
    const item = snapshot.items.get(entry.id);
    if (!item) return { kind: 'refused', reason: 'unknownItem' } as const;
    if (item.value.grants.includes(office.id))
      return { kind: 'alreadyGranted', officeName: office.name, number: entry.number } as const;
    const changes: SessionChange[] = [
      { kind: 'item', value: { ...item.value, grants: [...item.value.grants, office.id] }, etag: item.etag },
    ];
    const voteId = voteIdOf(snapshot, entry.id);
    const vote = snapshot.votes.get(voteId);
    if (vote?.value.status === 'open') {
      const present = snapshot.attendance.get(office.id)?.value.present === true;
      // Whether the office joins the open vote's base depends on its attendance as read.
      changes.push(...attendanceAsRead(body, snapshot, cmd.actor.aadObjectId, deps.clock.now(), [office.id]));
      changes.push({
        kind: 'vote',
        voteId,
        etag: vote.etag,
        value: {
          ...vote.value,
          grants: [...vote.value.grants, office.id],
          electorate: present ? [...vote.value.electorate, office.id].sort() : vote.value.electorate,
        },
      });
    }
    await deps.store.commitSession(
      body.id,
      cmd.sessionId,
      changes,
      auditEntry(deps, {
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: 'vote.granted',
        target: `item/${entry.id}`,
        after: { officeId: office.id, item: entry.number },
        activityId: cmd.activityId,
      }),
    );
    return { kind: 'granted', officeName: office.name, number: entry.number } as const;
  });
}

import { isVotedOn, mayWithdraw } from '../../domain/agenda.js';
import type { Body } from '../../domain/body.js';
import type { ItemRow } from '../../ports/records.js';
import { actorFor } from '../shared/actor.js';
import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import { sessionAsRead } from '../shared/read-set.js';
import { retryOnConflict } from '../shared/retry.js';
import { isSpk, type Person } from '../shared/secretariat.js';
import { toAgendaItem } from '../shared/session-agenda.js';
import { sessionContext, votedItemIds } from './agenda-context.js';
import type { ItemDecisionResult } from './decide-late-topic.js';

/** Withdraws an item: its own office until registration closes, the SPK until the session starts. */
export async function withdrawTopic(
  deps: MembershipDeps,
  cmd: { bodyId: string; sessionId: string; itemId: string; actor: Person; activityId: string },
): Promise<
  | ItemDecisionResult
  | { readonly kind: 'withdrawn'; readonly item: ItemRow; readonly body: Body }
  | { readonly kind: 'refused'; readonly reason: 'notAllowed' | 'notMember' | 'itemVoted' }
> {
  const body = deps.bodies.get(cmd.bodyId);
  if (!body) return { kind: 'refused', reason: 'unknownBody' };
  const actor = await actorFor(deps, body.id, cmd.actor.aadObjectId);
  const secretariat = await isSpk(deps, body, cmd.actor);
  if (actor.kind !== 'member' && !secretariat) return { kind: 'refused', reason: 'notMember' };
  return retryOnConflict(deps, async () => {
    const context = await sessionContext(deps, cmd.bodyId, cmd.sessionId);
    if (typeof context === 'string') return { kind: 'refused', reason: context } as const;
    const current = context.snapshot.items.get(cmd.itemId);
    if (!current) return { kind: 'refused', reason: 'unknownItem' } as const;
    if (isVotedOn(cmd.itemId, votedItemIds(context.snapshot)))
      return { kind: 'refused', reason: 'itemVoted' } as const;
    const now = deps.clock.now();
    const officeId = actor.kind === 'member' ? actor.officeId : '';
    if (
      !mayWithdraw(
        toAgendaItem(current.value),
        { officeId, isSecretariat: secretariat },
        context.timeline,
        now,
      )
    ) {
      return { kind: 'refused', reason: 'notAllowed' } as const;
    }
    const item: ItemRow = { ...current.value, status: 'withdrawn' };
    await deps.store.commitSession(
      body.id,
      cmd.sessionId,
      [{ kind: 'item', value: item, etag: current.etag }, sessionAsRead(context.snapshot)],
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: secretariat ? body.secretariat : officeId,
        action: 'topic.withdrawn',
        target: `item/${item.itemId}`,
        before: { status: current.value.status },
        after: { status: 'withdrawn' },
        activityId: cmd.activityId,
      }),
    );
    return { kind: 'withdrawn', item, body } as const;
  });
}

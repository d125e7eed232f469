import type { Body } from '../../domain/body.js';
import type { ItemRow } from '../../ports/records.js';
import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import { sessionAsRead } from '../shared/read-set.js';
import { retryOnConflict } from '../shared/retry.js';
import type { Person } from '../shared/secretariat.js';
import { spkBodyOf } from '../shared/secretariat.js';
import { type SessionRefusal, sessionContext } from './agenda-context.js';

export type ItemDecisionResult =
  | { readonly kind: 'accepted' | 'declined' | 'alreadyDecided'; readonly item: ItemRow; readonly body: Body }
  | { readonly kind: 'refused'; readonly reason: SessionRefusal | 'notSecretariat' | 'unknownItem' };

/** The SPK accepts or declines a late topic. */
export async function decideLateTopic(
  deps: MembershipDeps,
  cmd: {
    bodyId: string;
    sessionId: string;
    itemId: string;
    accept: boolean;
    actor: Person;
    activityId: string;
  },
): Promise<ItemDecisionResult> {
  const body = await spkBodyOf(deps, cmd.bodyId, cmd.actor);
  if (typeof body === 'string') return { kind: 'refused', reason: body };
  return retryOnConflict(deps, async (): Promise<ItemDecisionResult> => {
    const context = await sessionContext(deps, cmd.bodyId, cmd.sessionId);
    if (typeof context === 'string') return { kind: 'refused', reason: context };
    const current = context.snapshot.items.get(cmd.itemId);
    if (!current) return { kind: 'refused', reason: 'unknownItem' };
    if (current.value.status !== 'lateRequested')
      return { kind: 'alreadyDecided', item: current.value, body };
    const now = deps.clock.now();
    const item: ItemRow = {
      ...current.value,
      status: cmd.accept ? 'lateAccepted' : 'lateDeclined',
      decidedBy: cmd.actor.aadObjectId,
    };
    await deps.store.commitSession(
      body.id,
      cmd.sessionId,
      [{ kind: 'item', value: item, etag: current.etag }, sessionAsRead(context.snapshot)],
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: cmd.accept ? 'topic.lateAccepted' : 'topic.lateDeclined',
        target: `item/${item.itemId}`,
        before: { status: current.value.status },
        after: { status: item.status },
        activityId: cmd.activityId,
      }),
    );
    return { kind: cmd.accept ? 'accepted' : 'declined', item, body };
  });
}

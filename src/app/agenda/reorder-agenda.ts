import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import { sessionAsRead } from '../shared/read-set.js';
import { retryOnConflict } from '../shared/retry.js';
import type { Person } from '../shared/secretariat.js';
import { spkBodyOf } from '../shared/secretariat.js';
import { sessionAgenda } from '../shared/session-agenda.js';
import { type SpkItemRefusal, sessionContext } from './agenda-context.js';

/**
 * The SPK reorders the agenda: the items are sorted by the positions given (ties keep their
 * current order) and numbered 1…n again, all in one transaction.
 */
export async function reorderAgenda(
  deps: MembershipDeps,
  cmd: {
    bodyId: string;
    sessionId: string;
    positions: readonly { itemId: string; position: number }[];
    actor: Person;
    activityId: string;
  },
): Promise<
  | { readonly kind: 'reordered'; readonly titles: readonly string[] }
  | { readonly kind: 'refused'; readonly reason: SpkItemRefusal }
> {
  const body = await spkBodyOf(deps, cmd.bodyId, cmd.actor);
  if (typeof body === 'string') return { kind: 'refused', reason: body };
  return retryOnConflict(deps, async () => {
    const context = await sessionContext(deps, cmd.bodyId, cmd.sessionId);
    if (typeof context === 'string') return { kind: 'refused', reason: context } as const;
    const stored = context.snapshot.items;
    if (cmd.positions.some((p) => !stored.has(p.itemId)))
      return { kind: 'refused', reason: 'unknownItem' } as const;
    const current = sessionAgenda(context.snapshot);
    const wanted = new Map(cmd.positions.map((p) => [p.itemId, p.position]));
    const order = [...current].sort(
      (a, b) => (wanted.get(a.id) ?? a.number) - (wanted.get(b.id) ?? b.number) || a.number - b.number,
    );
    const changes = order.flatMap((item, i) => {
      const v = stored.get(item.id);
      return v && v.value.position !== i + 1
        ? [{ kind: 'item' as const, value: { ...v.value, position: i + 1 }, etag: v.etag }]
        : [];
    });
    if (changes.length > 0) {
      await deps.store.commitSession(
        body.id,
        cmd.sessionId,
        [...changes, sessionAsRead(context.snapshot)],
        auditEntry(deps, {
          actor: cmd.actor.aadObjectId,
          office: body.secretariat,
          action: 'agenda.reordered',
          target: `session/${cmd.sessionId}`,
          before: current.map((i) => i.id),
          after: order.map((i) => i.id),
          activityId: cmd.activityId,
        }),
      );
    }
    return { kind: 'reordered', titles: order.map((i) => i.title) } as const;
  });
}

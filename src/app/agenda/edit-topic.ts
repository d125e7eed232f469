import { isVotedOn, type TopicProblem, validateTopic } from '../../domain/agenda.js';
import type { Body } from '../../domain/body.js';
import type { SessionTimeline } from '../../domain/schedule.js';
import type { ItemRow } from '../../ports/records.js';
import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import { sessionAsRead } from '../shared/read-set.js';
import { retryOnConflict } from '../shared/retry.js';
import type { Person } from '../shared/secretariat.js';
import { spkBodyOf } from '../shared/secretariat.js';
import { splitDocuments } from '../shared/session-agenda.js';
import { type SpkItemRefusal, sessionContext, votedItemIds } from './agenda-context.js';
import type { TopicInput } from './register-topic.js';

/** The SPK edits an item's content; the office, status and position stay. */
export async function editTopic(
  deps: MembershipDeps,
  cmd: {
    bodyId: string;
    sessionId: string;
    itemId: string;
    input: TopicInput;
    actor: Person;
    activityId: string;
  },
): Promise<
  | {
      readonly kind: 'edited';
      readonly item: ItemRow;
      readonly body: Body;
      readonly timeline: SessionTimeline;
    }
  | { readonly kind: 'invalid'; readonly problems: readonly TopicProblem[] }
  | { readonly kind: 'refused'; readonly reason: SpkItemRefusal }
> {
  const body = await spkBodyOf(deps, cmd.bodyId, cmd.actor);
  if (typeof body === 'string') return { kind: 'refused', reason: body };
  const checked = validateTopic({ ...cmd.input, documents: splitDocuments(cmd.input.documents) });
  if (!checked.ok) return { kind: 'invalid', problems: checked.problems };
  return retryOnConflict(deps, async () => {
    const context = await sessionContext(deps, cmd.bodyId, cmd.sessionId);
    if (typeof context === 'string') return { kind: 'refused', reason: context } as const;
    const current = context.snapshot.items.get(cmd.itemId);
    if (!current || current.value.status === 'withdrawn')
      return { kind: 'refused', reason: 'unknownItem' } as const;
    if (isVotedOn(cmd.itemId, votedItemIds(context.snapshot)))
      return { kind: 'refused', reason: 'itemVoted' } as const;
    const item: ItemRow = { ...current.value, ...checked.topic, documents: [...checked.topic.documents] };
    await deps.store.commitSession(
      body.id,
      cmd.sessionId,
      [{ kind: 'item', value: item, etag: current.etag }, sessionAsRead(context.snapshot)],
      auditEntry(deps, {
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: 'topic.edited',
        target: `item/${item.itemId}`,
        before: { title: current.value.title, purpose: current.value.purpose },
        after: { title: item.title, purpose: item.purpose },
        activityId: cmd.activityId,
      }),
    );
    return { kind: 'edited', item, body, timeline: context.timeline } as const;
  });
}

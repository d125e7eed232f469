import { createHash } from 'node:crypto';
import { type TopicProblem, topicTiming, validateTopic } from '../../domain/agenda.js';
import type { Body } from '../../domain/body.js';
import type { SessionTimeline } from '../../domain/schedule.js';
import type { ItemRow } from '../../ports/records.js';
import { actorFor } from '../shared/actor.js';
import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import { sessionAsRead } from '../shared/read-set.js';
import { retryOnConflict } from '../shared/retry.js';
import type { Person } from '../shared/secretariat.js';
import { splitDocuments } from '../shared/session-agenda.js';
import { type SessionRefusal, sessionContext } from './agenda-context.js';

export type TopicInput = {
  readonly title?: unknown;
  readonly purpose?: unknown;
  readonly description?: unknown;
  /** One link per line (from the form) or a list. */
  readonly documents?: unknown;
  readonly conflictsOfGoals?: unknown;
};

/** Whether the person may register topics for the body at all: asked before the form is shown. */
export async function mayRegisterTopics(
  deps: MembershipDeps,
  bodyId: string,
  person: Person,
): Promise<'ok' | 'notMember' | 'pendingMember'> {
  const actor = await actorFor(deps, bodyId, person.aadObjectId, person);
  return actor.kind === 'member' ? 'ok' : actor.kind === 'pending' ? 'pendingMember' : 'notMember';
}

export type RegisterResult =
  | {
      readonly kind: 'registered' | 'lateRequested' | 'duplicate';
      readonly item: ItemRow;
      readonly body: Body;
      readonly timeline: SessionTimeline;
    }
  | { readonly kind: 'invalid'; readonly problems: readonly TopicProblem[] }
  /** Registration has closed: nothing was saved; the member may submit it as late. */
  | { readonly kind: 'late'; readonly timeline: SessionTimeline }
  | {
      readonly kind: 'refused';
      readonly reason: SessionRefusal | 'notMember' | 'pendingMember' | 'sessionStarted' | 'otherOffice';
    };

/**
 * A member registers a topic for a session for their own office (from membership, never
 * from the card). On time it goes on the agenda; after the deadline only as a late request
 * the SPK accepts or declines. A repeated delivery, or the same title again from the same
 * office, does not create a second item.
 */
export async function registerTopic(
  deps: MembershipDeps,
  cmd: {
    bodyId: string;
    sessionId: string;
    input: TopicInput;
    submitLate: boolean;
    actor: Person;
    activityId: string;
    /** An office named by the card; refused unless it is the submitter's own. */
    claimedOfficeId?: string;
  },
): Promise<RegisterResult> {
  // Decided on the session and its agenda as read: the commit conditions on the session row
  // (moved, started, cancelled meanwhile?) and every agenda change does too, so two submits
  // of the same title, or one racing a move, are decided again on a fresh read.
  return retryOnConflict(deps, async (): Promise<RegisterResult> => {
    const context = await sessionContext(deps, cmd.bodyId, cmd.sessionId);
    if (typeof context === 'string') return { kind: 'refused', reason: context };
    const { body, snapshot, timeline } = context;
    const actor = await actorFor(deps, body.id, cmd.actor.aadObjectId, cmd.actor);
    if (actor.kind === 'none') return { kind: 'refused', reason: 'notMember' };
    if (actor.kind === 'pending') return { kind: 'refused', reason: 'pendingMember' };
    if (cmd.claimedOfficeId !== undefined && cmd.claimedOfficeId !== actor.officeId)
      return { kind: 'refused', reason: 'otherOffice' };

    const checked = validateTopic({ ...cmd.input, documents: splitDocuments(cmd.input.documents) });
    if (!checked.ok) return { kind: 'invalid', problems: checked.problems };

    const now = deps.clock.now();
    const timing = topicTiming(timeline, now);
    if (timing.kind === 'sessionStarted') return { kind: 'refused', reason: 'sessionStarted' };
    if (timing.kind === 'late' && !cmd.submitLate) return { kind: 'late', timeline };

    const sameTitle = (i: ItemRow) =>
      i.officeId === actor.officeId &&
      i.status !== 'withdrawn' &&
      i.title.toLocaleLowerCase('de') === checked.topic.title.toLocaleLowerCase('de');
    const existing = [...snapshot.items.values()].map((v) => v.value).find(sameTitle);
    if (existing) return { kind: 'duplicate', item: existing, body, timeline };

    const item: ItemRow = {
      // Derived from the activity: a re-delivered submit maps to the same item and conflicts.
      itemId: createHash('sha256').update(`${cmd.activityId}|${cmd.sessionId}`).digest('hex').slice(0, 16),
      ...checked.topic,
      documents: [...checked.topic.documents],
      officeId: actor.officeId,
      submittedBy: cmd.actor.aadObjectId,
      submitterName: cmd.actor.displayName.slice(0, 200),
      status: timing.kind === 'late' ? 'lateRequested' : 'registered',
      registeredAt: now.toISOString(),
      decidedBy: '',
      grants: [],
    };
    await deps.store.commitSession(
      body.id,
      cmd.sessionId,
      [{ kind: 'item', value: item }, sessionAsRead(snapshot)],
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: actor.officeId,
        action: item.status === 'registered' ? 'topic.registered' : 'topic.lateRequested',
        target: `item/${item.itemId}`,
        after: { title: item.title, purpose: item.purpose, status: item.status },
        activityId: cmd.activityId,
      }),
    );
    return { kind: item.status === 'registered' ? 'registered' : 'lateRequested', item, body, timeline };
  });
}

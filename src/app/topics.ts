import { createHash } from 'node:crypto';
import {
  type AgendaItem,
  agendaOf,
  mayWithdraw,
  type NumberedItem,
  type TopicProblem,
  topicTiming,
  validateTopic,
} from '../domain/agenda.js';
import type { Body } from '../domain/body.js';
import type { SessionTimeline } from '../domain/schedule.js';
import type { SessionSnapshot } from '../ports/gremien-store.js';
import type { ItemRow } from '../ports/records.js';
import { actorFor } from './actor.js';
import { retryOnConflict } from './deps.js';
import type { MembershipDeps } from './membership.js';
import { sessionAsRead } from './read-set.js';
import { isSecretariat, type Person } from './secretariat.js';
import { timelineOf } from './sessions.js';
import { auditEntry } from './shared/audit.js';

export type TopicInput = {
  readonly title?: unknown;
  readonly purpose?: unknown;
  readonly description?: unknown;
  /** One link per line (from the form) or a list. */
  readonly documents?: unknown;
  readonly conflictsOfGoals?: unknown;
};

type Context = { body: Body; snapshot: SessionSnapshot; timeline: SessionTimeline };
type SessionRefusal = 'unknownBody' | 'unknownSession' | 'sessionClosed';

/** The body, if the actor belongs to its SPK; otherwise why not. */
async function secretariatBody(
  deps: MembershipDeps,
  bodyId: string,
  actor: Person,
): Promise<Body | 'unknownBody' | 'notSecretariat'> {
  const body = deps.bodies.get(bodyId);
  if (!body) return 'unknownBody';
  return (await isSecretariat(deps.store, body, actor, deps.secretariatMembers(body.id)))
    ? body
    : 'notSecretariat';
}

async function sessionContext(
  deps: MembershipDeps,
  bodyId: string,
  sessionId: string,
): Promise<Context | SessionRefusal> {
  const body = deps.bodies.get(bodyId);
  if (!body) return 'unknownBody';
  const snapshot = await deps.store.loadSession(bodyId, sessionId);
  if (!snapshot) return 'unknownSession';
  const s = snapshot.session.value;
  if (s.status === 'ended' || s.status === 'cancelled') return 'sessionClosed';
  return {
    body,
    snapshot,
    timeline: timelineOf(body, s),
  };
}

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
  const body = await secretariatBody(deps, cmd.bodyId, cmd.actor);
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

/** Withdraws an item: its own office until registration closes, the SPK until the session starts. */
export async function withdrawTopic(
  deps: MembershipDeps,
  cmd: { bodyId: string; sessionId: string; itemId: string; actor: Person; activityId: string },
): Promise<
  | ItemDecisionResult
  | { readonly kind: 'withdrawn'; readonly item: ItemRow; readonly body: Body }
  | { readonly kind: 'refused'; readonly reason: 'notAllowed' | 'notMember' }
> {
  const body = deps.bodies.get(cmd.bodyId);
  if (!body) return { kind: 'refused', reason: 'unknownBody' };
  const actor = await actorFor(deps, body.id, cmd.actor.aadObjectId);
  const secretariat = await isSecretariat(deps.store, body, cmd.actor, deps.secretariatMembers(body.id));
  if (actor.kind !== 'member' && !secretariat) return { kind: 'refused', reason: 'notMember' };
  return retryOnConflict(deps, async () => {
    const context = await sessionContext(deps, cmd.bodyId, cmd.sessionId);
    if (typeof context === 'string') return { kind: 'refused', reason: context } as const;
    const current = context.snapshot.items.get(cmd.itemId);
    if (!current) return { kind: 'refused', reason: 'unknownItem' } as const;
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

export type AgendaView = {
  readonly body: Body;
  readonly sessionId: string;
  readonly timeline: SessionTimeline;
  readonly place: string;
  readonly items: readonly NumberedItem<AgendaItem & { row: ItemRow }>[];
  readonly pendingLate: readonly ItemRow[];
  readonly registrationOpen: boolean;
};

export async function agendaFor(
  deps: MembershipDeps,
  bodyId: string,
  sessionId: string,
): Promise<AgendaView | SessionRefusal> {
  const context = await sessionContext(deps, bodyId, sessionId);
  if (typeof context === 'string') return context;
  const rows = [...context.snapshot.items.values()].map((v) => v.value);
  return {
    body: context.body,
    sessionId,
    timeline: context.timeline,
    place: context.snapshot.session.value.place,
    items: sessionAgenda(context.snapshot),
    pendingLate: rows.filter((r) => r.status === 'lateRequested'),
    registrationOpen: topicTiming(context.timeline, deps.clock.now()).kind === 'onTime',
  };
}

function toAgendaItem(row: ItemRow): AgendaItem {
  return {
    id: row.itemId,
    title: row.title,
    purpose: row.purpose,
    officeId: row.officeId,
    status: row.status,
    registeredAt: new Date(row.registeredAt),
    ...(row.position === undefined ? {} : { position: row.position }),
  };
}

type SpkItemRefusal = SessionRefusal | 'notSecretariat' | 'unknownItem';

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
  const body = await secretariatBody(deps, cmd.bodyId, cmd.actor);
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
  const body = await secretariatBody(deps, cmd.bodyId, cmd.actor);
  if (typeof body === 'string') return { kind: 'refused', reason: body };
  const checked = validateTopic({ ...cmd.input, documents: splitDocuments(cmd.input.documents) });
  if (!checked.ok) return { kind: 'invalid', problems: checked.problems };
  return retryOnConflict(deps, async () => {
    const context = await sessionContext(deps, cmd.bodyId, cmd.sessionId);
    if (typeof context === 'string') return { kind: 'refused', reason: context } as const;
    const current = context.snapshot.items.get(cmd.itemId);
    if (!current || current.value.status === 'withdrawn')
      return { kind: 'refused', reason: 'unknownItem' } as const;
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

/** Document links from the form: one per line (commas and semicolons also separate). */
export function splitDocuments(documents: unknown): unknown[] {
  if (Array.isArray(documents)) return documents;
  return typeof documents === 'string' ? documents.split(/\s*[\n,;]\s*/) : [];
}

/** A session's agenda (numbered, marked) from its stored items. */
export function sessionAgenda(snapshot: SessionSnapshot): NumberedItem<AgendaItem & { row: ItemRow }>[] {
  return agendaOf([...snapshot.items.values()].map((v) => ({ ...toAgendaItem(v.value), row: v.value })));
}

import { createHash } from 'node:crypto';
import type { Body } from '../../domain/body.js';
import { localDateOf } from '../../domain/calendar.js';
import { StorageConflictError } from '../../ports/errors.js';
import type { SessionSnapshot, Versioned } from '../../ports/gremien-store.js';
import type { MeetingLinkRow } from '../../ports/records.js';
import { currentSession, readSession } from '../session-run/todays-session.js';
import { actorFor } from '../shared/actor.js';
import { bodyOfChannel } from '../shared/body-of.js';
import type { MembershipDeps } from '../shared/deps.js';
import { isSpk, type Person } from '../shared/secretariat.js';

/**
 * The session inside its Teams meeting (#28): a meeting is linked to today's session — by the SPK
 * in the meeting chat (`sitzung verbinden`), or, for a channel meeting of the body's channel,
 * by the meeting itself —, and its start and end are each taken once, however often Teams
 * delivers them. Presence in a call is never attendance: nothing here records an office.
 */

export type LinkResult =
  | {
      readonly kind: 'linked';
      readonly body: Body;
      readonly session: SessionSnapshot;
      readonly again: boolean;
    }
  | {
      readonly kind: 'refused';
      readonly reason: 'notSecretariat' | 'noSessionToday' | 'ambiguous' | 'meetingTaken';
    };

/**
 * `sitzung verbinden` in a meeting chat: the SPK's body with a session today (a body linked to
 * the channel first, where the meeting is a channel meeting).
 */
export async function linkMeetingToToday(
  deps: MembershipDeps,
  cmd: {
    readonly tenantId: string;
    readonly meetingId: string;
    readonly channelId?: string;
    /** The conversation the SPK typed in: the meeting's chat (or the channel thread). */
    readonly conversationId: string;
    readonly actor: Person;
    readonly activityId: string;
  },
): Promise<LinkResult> {
  const candidates = cmd.channelId
    ? [await bodyOfChannel(deps, cmd.tenantId, cmd.channelId)].filter((b): b is Body => b !== undefined)
    : [...deps.bodies.values()];
  const spkOf: Body[] = [];
  for (const b of candidates) if (await isSpk(deps, b, cmd.actor)) spkOf.push(b);
  if (spkOf.length === 0) return { kind: 'refused', reason: 'notSecretariat' };
  const today: { body: Body; session: SessionSnapshot }[] = [];
  for (const body of spkOf) {
    const { snapshot, overdue } = await currentSession(deps, body);
    if (snapshot && !overdue) today.push({ body, session: snapshot });
  }
  if (today.length === 0) return { kind: 'refused', reason: 'noSessionToday' };
  if (today.length > 1) return { kind: 'refused', reason: 'ambiguous' };
  const [{ body, session }] = today as [{ body: Body; session: SessionSnapshot }];
  const existing = await deps.store.meetingLink(cmd.tenantId, cmd.meetingId);
  if (existing) {
    if (existing.value.sessionId !== session.sessionId || existing.value.bodyId !== body.id)
      return { kind: 'refused', reason: 'meetingTaken' };
    // Linked already: the store completes the audit entry if a failure left it out (else a no-op).
    await deps.store.linkMeeting(
      existing.value,
      auditOf(body, cmd, cmd.actor.aadObjectId, session.sessionId, new Date(existing.value.linkedAt)),
    );
    return { kind: 'linked', body, session, again: true };
  }
  const now = deps.clock.now();
  try {
    await deps.store.linkMeeting(
      {
        tenantId: cmd.tenantId,
        meetingId: cmd.meetingId,
        bodyId: body.id,
        sessionId: session.sessionId,
        kind: cmd.channelId ? 'channel' : 'chat',
        conversationId: cmd.conversationId,
        // The office: the person is in the body's audit trail (where meine daten and the
        // pseudonymisation find them), not in the tenant's meeting directory.
        linkedBy: body.secretariat,
        linkedAt: now.toISOString(),
        startedAt: '',
        endedAt: '',
      },
      auditOf(body, cmd, cmd.actor.aadObjectId, session.sessionId, now),
    );
  } catch (e) {
    if (e instanceof StorageConflictError) return { kind: 'refused', reason: 'meetingTaken' };
    throw e;
  }
  return { kind: 'linked', body, session, again: false };
}

/** The link's audit entry: its id is the meeting's, so it is written once however often it is tried. */
const auditOf = (
  body: Body,
  ids: { readonly tenantId: string; readonly meetingId: string; readonly activityId: string },
  actor: string,
  sessionId: string,
  at: Date,
) => ({
  id: `meeting-${createHash('sha256').update(`${ids.tenantId}|${ids.meetingId}`).digest('base64url').slice(0, 32)}`,
  at,
  actorAadObjectId: actor,
  actorOfficeId: body.secretariat,
  action: 'session.meetingLinked',
  target: `session/${sessionId}`,
  before: '',
  after: '',
  activityId: ids.activityId,
});

export type MeetingEvent =
  | {
      readonly kind: 'ignored';
      readonly why: 'unlinked' | 'repeated' | 'noSession' | 'alreadyEnded' | 'notToday';
    }
  | {
      readonly kind: 'started' | 'ended';
      readonly body: Body;
      readonly session: SessionSnapshot;
      readonly link: MeetingLinkRow;
    };

/**
 * Teams says the meeting started. A channel meeting of a linked channel links itself to today's
 * session first. Taken once: the start is recorded on the link as read, and a second delivery
 * (or one after the end) is ignored.
 */
export async function meetingStarted(
  deps: MembershipDeps,
  event: {
    readonly tenantId: string;
    readonly meetingId: string;
    readonly channelId?: string;
    readonly conversationId: string;
    readonly activityId: string;
  },
): Promise<MeetingEvent> {
  let link = await deps.store.meetingLink(event.tenantId, event.meetingId);
  if (!link && event.channelId) {
    const body = await bodyOfChannel(deps, event.tenantId, event.channelId);
    const today = body ? await currentSession(deps, body) : undefined;
    if (!body || !today?.snapshot || today.overdue) return { kind: 'ignored', why: 'noSession' };
    try {
      await deps.store.linkMeeting(
        {
          tenantId: event.tenantId,
          meetingId: event.meetingId,
          bodyId: body.id,
          sessionId: today.snapshot.sessionId,
          kind: 'channel',
          conversationId: event.conversationId,
          linkedBy: '',
          linkedAt: deps.clock.now().toISOString(),
          startedAt: '',
          endedAt: '',
        },
        // A channel meeting links itself: no person acted.
        auditOf(body, event, '', today.snapshot.sessionId, deps.clock.now()),
      );
    } catch (e) {
      if (!(e instanceof StorageConflictError)) throw e;
    }
    link = await deps.store.meetingLink(event.tenantId, event.meetingId);
  }
  if (!link) return { kind: 'ignored', why: 'unlinked' };
  if (link.value.startedAt || link.value.endedAt) return { kind: 'ignored', why: 'repeated' };
  // A meeting of a session that was cancelled or moved to another day since it was linked is
  // not that session's (one still running from yesterday is: it ends the next morning).
  const session = await deps.store.loadSession(link.value.bodyId, link.value.sessionId);
  const s = session?.session.value;
  if (!s || s.status === 'cancelled' || (s.status !== 'running' && s.date !== localDateOf(deps.clock.now())))
    return { kind: 'ignored', why: 'notToday' };
  return taken(deps, link, { startedAt: deps.clock.now().toISOString() }, 'started');
}

/** Teams says the meeting ended: taken once, also when its start never came. */
export async function meetingEnded(
  deps: MembershipDeps,
  event: { readonly tenantId: string; readonly meetingId: string },
): Promise<MeetingEvent> {
  const link = await deps.store.meetingLink(event.tenantId, event.meetingId);
  if (!link) return { kind: 'ignored', why: 'unlinked' };
  if (link.value.endedAt) return { kind: 'ignored', why: 'alreadyEnded' };
  return taken(deps, link, { endedAt: deps.clock.now().toISOString() }, 'ended');
}

async function taken(
  deps: MembershipDeps,
  link: Versioned<MeetingLinkRow>,
  patch: Partial<Pick<MeetingLinkRow, 'startedAt' | 'endedAt'>>,
  kind: 'started' | 'ended',
): Promise<MeetingEvent> {
  try {
    await deps.store.markMeeting(link, patch);
  } catch (e) {
    // Another delivery of the same event took it first.
    if (e instanceof StorageConflictError) return { kind: 'ignored', why: 'repeated' };
    throw e;
  }
  const body = deps.bodies.get(link.value.bodyId);
  const session = body ? await readSession(deps, body.id, link.value.sessionId) : undefined;
  if (!body || !session) return { kind: 'ignored', why: 'noSession' };
  return { kind, body, session, link: { ...link.value, ...patch } };
}

/** The body of a conversation that is the chat of a linked meeting (its session commands work there). */
export async function bodyOfMeeting(
  deps: MembershipDeps,
  tenantId: string,
  meetingId: string,
): Promise<Body | undefined> {
  const link = await deps.store.meetingLink(tenantId, meetingId);
  return link ? deps.bodies.get(link.value.bodyId) : undefined;
}

/** Where a running session's meeting is talked in: the chats of its linked meetings not ended yet. */
export async function meetingChatsOf(
  deps: MembershipDeps,
  tenantId: string,
  bodyId: string,
  sessionId: string,
): Promise<string[]> {
  const links = await deps.store.meetingLinks(tenantId);
  return links
    .filter((l) => l.bodyId === bodyId && l.sessionId === sessionId && !l.endedAt && l.conversationId)
    .map((l) => l.conversationId);
}

export type ParticipantsOutcome =
  | { readonly kind: 'ignored' }
  | {
      readonly kind: 'seen';
      readonly body: Body;
      readonly session: SessionSnapshot;
      /** People who joined and whose office is not checked in: each gets a personal prompt. */
      readonly prompts: readonly { readonly aadObjectId: string; readonly officeId: string }[];
      /** Offices whose person who checked them in left the call: for the SPK to confirm, or not. */
      readonly departures: readonly string[];
    };

/**
 * Teams says people joined or left a linked meeting (scheduled private meetings only, and not
 * reliably). Presence in a call is not presence of an office: this records nothing; it says who
 * to prompt to check in for their office, and which offices may have left early.
 */
export async function participantsChanged(
  deps: MembershipDeps,
  event: {
    readonly tenantId: string;
    readonly meetingId: string;
    readonly joined: readonly string[];
    readonly left: readonly string[];
  },
): Promise<ParticipantsOutcome> {
  const link = await deps.store.meetingLink(event.tenantId, event.meetingId);
  if (!link || link.value.endedAt) return { kind: 'ignored' };
  const body = deps.bodies.get(link.value.bodyId);
  const session = body ? await readSession(deps, body.id, link.value.sessionId) : undefined;
  if (!body || !session || session.session.value.status !== 'running') return { kind: 'ignored' };
  const present = new Map(
    [...session.attendance.values()]
      .filter((a) => a.value.present)
      .map((a) => [a.value.officeId, a.value.by]),
  );
  const prompts: { aadObjectId: string; officeId: string }[] = [];
  for (const aad of new Set(event.joined)) {
    // Whoever may check an office in: its approved members, and the SPK's people for the SPK office.
    const actor = await actorFor(deps, body.id, aad);
    if (actor.kind === 'member' && !present.has(actor.officeId))
      prompts.push({ aadObjectId: aad, officeId: actor.officeId });
  }
  const departures: string[] = [];
  for (const aad of new Set(event.left))
    for (const [officeId, by] of present)
      if (by === aad && !departures.includes(officeId)) departures.push(officeId);
  return { kind: 'seen', body, session, prompts, departures };
}

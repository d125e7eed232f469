import type { Body, LocalTime } from '../domain/body.js';
import { addDays, localDateOf, type PlainDate, parsePlainDate, parseUserDate } from '../domain/calendar.js';
import { LIMITS } from '../domain/limits.js';
import {
  hasStarted,
  isOver,
  proposeSessionDates,
  type SessionTimeline,
  sessionTimeline,
} from '../domain/schedule.js';
import { textProblem } from '../domain/text.js';
import { StorageConflictError } from '../ports/errors.js';
import type { SessionRow } from '../ports/records.js';
import type { MembershipDeps } from './membership.js';
import { isSecretariat, type Person } from './secretariat.js';
import { auditEntry } from './shared/audit.js';

export type SessionSummary = {
  readonly sessionId: string;
  readonly session: SessionRow;
  readonly timeline: SessionTimeline;
};

export type CreateSessionResult =
  | { readonly kind: 'created' | 'exists'; readonly body: Body; readonly summary: SessionSummary }
  | {
      readonly kind: 'refused';
      readonly reason:
        | 'unknownBody'
        | 'notSecretariat'
        | 'invalidDate'
        | 'invalidTime'
        | 'pastDate'
        | 'placeTooLong'
        | 'placeText';
    };

/** A session's id is its date and start time: creating the same session twice cannot make two. */
export function sessionIdOf(date: PlainDate, time: LocalTime): string {
  return `${date}-${time.replace(':', '')}`;
}

/** The SPK creates a session (date, start time, place or online link). */
export async function createSession(
  deps: MembershipDeps,
  cmd: { bodyId: string; date: string; time: string; place: string; actor: Person; activityId: string },
): Promise<CreateSessionResult> {
  const body = deps.bodies.get(cmd.bodyId);
  if (!body) return { kind: 'refused', reason: 'unknownBody' };
  if (!(await isSecretariat(deps.store, body, cmd.actor, deps.secretariatMembers(body.id)))) {
    return { kind: 'refused', reason: 'notSecretariat' };
  }
  const date = parsePlainDate(cmd.date.trim());
  if (!date) return { kind: 'refused', reason: 'invalidDate' };
  const time = /^([01]\d|2[0-3]):[0-5]\d$/.test(cmd.time.trim()) ? (cmd.time.trim() as LocalTime) : undefined;
  if (!time) return { kind: 'refused', reason: 'invalidTime' };
  const place = cmd.place.trim();
  if (textProblem(place, 'line')) return { kind: 'refused', reason: 'placeText' };
  if (place.length > LIMITS.place.max) return { kind: 'refused', reason: 'placeTooLong' };
  const now = deps.clock.now();
  const timeline = sessionTimeline(body, date, time);
  if (hasStarted(timeline, now)) return { kind: 'refused', reason: 'pastDate' };

  const sessionId = sessionIdOf(date, time);
  const session: SessionRow = {
    date,
    startTime: time,
    durationMinutes: body.cadence.durationMinutes,
    place,
    status: 'planned',
    updatedAt: now.toISOString(),
    sequence: 0,
    startedAt: '',
    startedBy: '',
    startedByName: '',
    endedAt: '',
  };
  try {
    await deps.store.commitSession(
      body.id,
      sessionId,
      [{ kind: 'session', value: session }],
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: 'session.created',
        target: `session/${sessionId}`,
        after: { date, startTime: time, place },
        activityId: cmd.activityId,
      }),
    );
  } catch (e) {
    if (!(e instanceof StorageConflictError)) throw e;
    const existing = await deps.store.loadSession(body.id, sessionId);
    if (!existing) throw e;
    // A repeated delivery: make sure the plan exists, without sending anything "at once" again.
    await deps.planner?.planSession(body, sessionId, existing.session.value, now, false);
    return { kind: 'exists', body, summary: { sessionId, session: existing.session.value, timeline } };
  }
  await deps.planner?.planSession(body, sessionId, session, now, true);
  return { kind: 'created', body, summary: { sessionId, session, timeline } };
}

export type ChangeSessionResult =
  | { readonly kind: 'moved' | 'cancelled'; readonly body: Body; readonly summary: SessionSummary }
  | {
      readonly kind: 'refused';
      readonly reason:
        | 'unknownBody'
        | 'notSecretariat'
        | 'invalidDate'
        | 'invalidTime'
        | 'notFound'
        | 'notPlanned'
        | 'pastDate'
        | 'tooFar'
        | 'targetTaken';
    };

/**
 * The SPK moves a planned session to another date (and time) or cancels it. The session keeps
 * its id (its agenda stays with it); its notifications are withdrawn and, for a move,
 * planned anew for the new date.
 */
export async function changeSession(
  deps: MembershipDeps,
  cmd:
    | {
        kind: 'move';
        bodyId: string;
        date: string;
        toDate: string;
        toTime: string;
        actor: Person;
        activityId: string;
      }
    | { kind: 'cancel'; bodyId: string; date: string; actor: Person; activityId: string },
): Promise<ChangeSessionResult> {
  const body = deps.bodies.get(cmd.bodyId);
  if (!body) return { kind: 'refused', reason: 'unknownBody' };
  if (!(await isSecretariat(deps.store, body, cmd.actor, deps.secretariatMembers(body.id)))) {
    return { kind: 'refused', reason: 'notSecretariat' };
  }
  const date = parseUserDate(cmd.date);
  if (!date) return { kind: 'refused', reason: 'invalidDate' };
  const now = deps.clock.now();
  const sessions = await sessionsAround(deps, body, now);
  const found = sessions.find((s) => s.session.date === date && s.session.status !== 'cancelled');
  if (!found) return { kind: 'refused', reason: 'notFound' };
  if (found.session.status !== 'planned') return { kind: 'refused', reason: 'notPlanned' };

  let changed: SessionRow;
  if (cmd.kind === 'move') {
    const toDate = parseUserDate(cmd.toDate);
    if (!toDate) return { kind: 'refused', reason: 'invalidDate' };
    const rawTime = cmd.toTime.trim() || found.session.startTime;
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(rawTime)) return { kind: 'refused', reason: 'invalidTime' };
    const toTime = rawTime as LocalTime;
    if (hasStarted(sessionTimeline(body, toDate, toTime), now))
      return { kind: 'refused', reason: 'pastDate' };
    if (!withinMoveRange(found.sessionId, toDate)) return { kind: 'refused', reason: 'tooFar' };
    if (
      sessions.some(
        (s) =>
          s.sessionId !== found.sessionId &&
          s.session.date === toDate &&
          s.session.startTime === toTime &&
          s.session.status !== 'cancelled',
      )
    ) {
      return { kind: 'refused', reason: 'targetTaken' };
    }
    changed = {
      ...found.session,
      date: toDate,
      startTime: toTime,
      updatedAt: now.toISOString(),
      sequence: found.session.sequence + 1,
    };
  } else {
    changed = {
      ...found.session,
      status: 'cancelled',
      updatedAt: now.toISOString(),
      sequence: found.session.sequence + 1,
    };
  }
  const snapshot = await deps.store.loadSession(body.id, found.sessionId);
  if (!snapshot) return { kind: 'refused', reason: 'notFound' };
  await deps.store.commitSession(
    body.id,
    found.sessionId,
    [{ kind: 'session', value: changed, etag: snapshot.session.etag }],
    auditEntry(deps, {
      at: now,
      actor: cmd.actor.aadObjectId,
      office: body.secretariat,
      action: cmd.kind === 'move' ? 'session.moved' : 'session.cancelled',
      target: `session/${found.sessionId}`,
      before: {
        date: found.session.date,
        startTime: found.session.startTime,
        status: found.session.status,
      },
      after: { date: changed.date, startTime: changed.startTime, status: changed.status },
      activityId: cmd.activityId,
    }),
  );
  await deps.planner?.withdrawSession(body, found.sessionId, snapshot.session.value);
  if (cmd.kind === 'move') await deps.planner?.planSession(body, found.sessionId, changed, now, true);
  return {
    kind: cmd.kind === 'move' ? 'moved' : 'cancelled',
    body,
    summary: { sessionId: found.sessionId, session: changed, timeline: timelineOf(body, changed) },
  };
}

/**
 * A session may be moved at most this far past the date it was created for: its id keeps
 * that first date, and reads of upcoming sessions look back this far.
 */
export const MOVE_RANGE_DAYS = 180;

function withinMoveRange(sessionId: string, to: PlainDate): boolean {
  const first = parsePlainDate(sessionId.slice(0, 10));
  return first !== undefined && to <= addDays(first, MOVE_RANGE_DAYS);
}

/** The sessions held (or planned) on a date, moved ones included: their ids may lie MOVE_RANGE_DAYS back. */
export async function sessionsOn(deps: MembershipDeps, body: Body, date: PlainDate) {
  return (await deps.store.sessionsFrom(body.id, addDays(date, -MOVE_RANGE_DAYS))).filter(
    (s) => s.session.date === date,
  );
}

/** Sessions whose id (first date) lies at most MOVE_RANGE_DAYS back: covers every moved session still ahead. */
async function sessionsAround(deps: MembershipDeps, body: Body, now: Date) {
  return deps.store.sessionsFrom(body.id, addDays(localDateOf(now), -MOVE_RANGE_DAYS));
}

/** A stored session's timeline, as the rules core computes it (Europe/Berlin). */
export function timelineOf(body: Body, session: SessionRow): SessionTimeline {
  return sessionTimeline(
    body,
    session.date as PlainDate,
    session.startTime as LocalTime,
    session.durationMinutes,
  );
}

/** When the SPK opened the session, if it has been opened (older rows: unknown). */
export function openedAt(session: SessionRow): Date | undefined {
  return session.startedAt ? new Date(session.startedAt) : undefined;
}

/** Upcoming sessions (not cancelled), with their deadlines; reads only today's and later sessions. */
export async function upcomingSessions(deps: MembershipDeps, body: Body): Promise<SessionSummary[]> {
  const now = deps.clock.now();
  const rows = await sessionsAround(deps, body, now);
  return rows
    .filter((r) => r.session.status !== 'cancelled' && r.session.status !== 'ended')
    .sort((a, b) =>
      `${a.session.date}${a.session.startTime}` < `${b.session.date}${b.session.startTime}` ? -1 : 1,
    )
    .map((r) => ({
      ...r,
      timeline: timelineOf(body, r.session),
    }))
    .filter((s) => !isOver(s.timeline, now));
}

/** The next sessions of the body's cadence that do not exist yet, for the SPK to confirm. */
export async function proposeSessions(deps: MembershipDeps, body: Body, count = 3): Promise<PlainDate[]> {
  const now = deps.clock.now();
  const existing = new Set(
    (await deps.store.sessionsFrom(body.id, localDateOf(now))).map((s) => s.session.date),
  );
  const from = addDays(localDateOf(now), 1);
  return proposeSessionDates(body, from, count + existing.size)
    .filter((d) => !existing.has(d))
    .slice(0, count);
}

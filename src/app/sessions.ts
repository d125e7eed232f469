import type { Body, LocalTime } from '../domain/body.js';
import { addDays, localDateOf, type PlainDate, parsePlainDate } from '../domain/calendar.js';
import { LIMITS } from '../domain/limits.js';
import {
  hasStarted,
  isOver,
  proposeSessionDates,
  type SessionTimeline,
  sessionTimeline,
} from '../domain/schedule.js';
import type { SessionRow } from '../storage/rows.js';
import { StorageConflictError } from './errors.js';
import type { MembershipDeps } from './membership.js';
import { isSecretariat, type Person } from './secretariat.js';

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
        | 'placeTooLong';
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
  };
  try {
    await deps.store.commitSession(body.id, sessionId, [{ kind: 'session', value: session }], {
      id: deps.newId(),
      at: now,
      actorAadObjectId: cmd.actor.aadObjectId,
      actorOfficeId: body.secretariat,
      action: 'session.created',
      target: `session/${sessionId}`,
      before: '',
      after: JSON.stringify({ date, startTime: time, place }),
      activityId: cmd.activityId.slice(0, 200),
    });
  } catch (e) {
    if (!(e instanceof StorageConflictError)) throw e;
    const existing = await deps.store.loadSession(body.id, sessionId);
    if (!existing) throw e;
    return { kind: 'exists', body, summary: { sessionId, session: existing.session.value, timeline } };
  }
  return { kind: 'created', body, summary: { sessionId, session, timeline } };
}

/** Upcoming sessions (not cancelled), with their deadlines; reads only today's and later sessions. */
export async function upcomingSessions(deps: MembershipDeps, body: Body): Promise<SessionSummary[]> {
  const now = deps.clock.now();
  const rows = await deps.store.sessionsFrom(body.id, localDateOf(now));
  return rows
    .filter((r) => r.session.status !== 'cancelled' && r.session.status !== 'ended')
    .map((r) => ({
      ...r,
      timeline: sessionTimeline(
        body,
        r.session.date as PlainDate,
        r.session.startTime as LocalTime,
        r.session.durationMinutes,
      ),
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

import { type Body, parseLocalTime } from '../../domain/body.js';
import { addDays, type PlainDate, parsePlainDate, parseUserDate } from '../../domain/calendar.js';
import { hasStarted, sessionTimeline } from '../../domain/schedule.js';
import type { SessionRow } from '../../ports/records.js';
import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import { isSecretariat, type Person } from '../shared/secretariat.js';
import { timelineOf } from '../shared/session-facts.js';
import { MOVE_RANGE_DAYS, type SessionSummary, sessionsAround } from './session-queries.js';

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
    const toTime = parseLocalTime(cmd.toTime.trim() || found.session.startTime);
    if (!toTime) return { kind: 'refused', reason: 'invalidTime' };
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

function withinMoveRange(sessionId: string, to: PlainDate): boolean {
  const first = parsePlainDate(sessionId.slice(0, 10));
  return first !== undefined && to <= addDays(first, MOVE_RANGE_DAYS);
}

import { type Body, type LocalTime, parseLocalTime } from '../../domain/body.js';
import { addDays, type PlainDate, parsePlainDate, parseUserDate } from '../../domain/calendar.js';
import { hasStarted, sessionTimeline } from '../../domain/schedule.js';
import type { SessionRow } from '../../ports/records.js';
import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import { planQuietly } from '../shared/plan-quietly.js';
import { retryOnConflict } from '../shared/retry.js';
import { isSpk, type Person } from '../shared/secretariat.js';
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
  if (!(await isSpk(deps, body, cmd.actor))) {
    return { kind: 'refused', reason: 'notSecretariat' };
  }
  const date = parseUserDate(cmd.date);
  if (!date) return { kind: 'refused', reason: 'invalidDate' };
  let toDate: PlainDate | undefined;
  let toTime: LocalTime | undefined;
  if (cmd.kind === 'move') {
    toDate = parseUserDate(cmd.toDate);
    if (!toDate) return { kind: 'refused', reason: 'invalidDate' };
    if (cmd.toTime.trim()) {
      toTime = parseLocalTime(cmd.toTime.trim());
      if (!toTime) return { kind: 'refused', reason: 'invalidTime' };
    }
  }
  // Read, decide and commit on one read: the commit is conditional on the session row the
  // decision saw, so a concurrent start, move or cancellation makes it re-read and decide anew.
  const outcome = await retryOnConflict(deps, async () => {
    const now = deps.clock.now();
    const sessions = await sessionsAround(deps, body, now);
    const listed = sessions.find((s) => s.session.date === date && s.session.status !== 'cancelled');
    if (!listed) return { kind: 'refused', reason: 'notFound' } as const;
    const snapshot = await deps.store.loadSession(body.id, listed.sessionId);
    const current = snapshot?.session.value;
    if (!snapshot || !current || current.date !== date || current.status === 'cancelled')
      return { kind: 'refused', reason: 'notFound' } as const;
    if (current.status !== 'planned') return { kind: 'refused', reason: 'notPlanned' } as const;
    let changed: SessionRow;
    if (toDate) {
      const time = toTime ?? (current.startTime as LocalTime);
      if (hasStarted(sessionTimeline(body, toDate, time), now))
        return { kind: 'refused', reason: 'pastDate' } as const;
      if (!withinMoveRange(listed.sessionId, toDate)) return { kind: 'refused', reason: 'tooFar' } as const;
      if (
        sessions.some(
          (s) =>
            s.sessionId !== listed.sessionId &&
            s.session.date === toDate &&
            s.session.startTime === time &&
            s.session.status !== 'cancelled',
        )
      ) {
        return { kind: 'refused', reason: 'targetTaken' } as const;
      }
      changed = {
        ...current,
        date: toDate,
        startTime: time,
        updatedAt: now.toISOString(),
        sequence: current.sequence + 1,
      };
    } else {
      changed = {
        ...current,
        status: 'cancelled',
        updatedAt: now.toISOString(),
        sequence: current.sequence + 1,
      };
    }
    await deps.store.commitSession(
      body.id,
      listed.sessionId,
      [{ kind: 'session', value: changed, etag: snapshot.session.etag }],
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: cmd.kind === 'move' ? 'session.moved' : 'session.cancelled',
        target: `session/${listed.sessionId}`,
        before: { date: current.date, startTime: current.startTime, status: current.status },
        after: { date: changed.date, startTime: changed.startTime, status: changed.status },
        activityId: cmd.activityId,
      }),
    );
    return { kind: 'changed', sessionId: listed.sessionId, before: current, changed, now } as const;
  });
  if (outcome.kind === 'refused') return outcome;
  const { sessionId, before, changed, now } = outcome;
  // The change is stored: what follows (re-planning) must not turn the answer into "not saved".
  // planSession also withdraws whatever no longer belongs to the session's plan.
  await planQuietly(async () => {
    await deps.planner?.withdrawSession(body, sessionId, before);
    await deps.planner?.planSession(body, sessionId, changed, now, cmd.kind === 'move');
  });
  // Members are told at once, in the channel and personally.
  await planQuietly(async () => deps.planner?.planSessionChange(body, sessionId, before, changed, now));
  return {
    kind: cmd.kind === 'move' ? 'moved' : 'cancelled',
    body,
    summary: { sessionId, session: changed, timeline: timelineOf(body, changed) },
  };
}

function withinMoveRange(sessionId: string, to: PlainDate): boolean {
  const first = parsePlainDate(sessionId.slice(0, 10));
  return first !== undefined && to <= addDays(first, MOVE_RANGE_DAYS);
}

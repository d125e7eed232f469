import type { Body } from '../../domain/body.js';
import { addDays, localDateOf, type PlainDate } from '../../domain/calendar.js';
import { sessionToRun, staleRunningSession } from '../../domain/schedule.js';
import type { SessionSnapshot } from '../../ports/gremien-store.js';
import type { SessionRow } from '../../ports/records.js';
import { MOVE_RANGE_DAYS } from '../sessions/session-queries.js';
import type { SessionDeps } from '../shared/deps.js';

/**
 * How far back a session still running may have been held: a session forgotten for longer is
 * not looked for (its id — the date it was created for — lies at most MOVE_RANGE_DAYS before
 * its date).
 */
export const STALE_RUNNING_DAYS = 60;

/** The sessions that may be today's or still running: ids back to the furthest a moved one can lie. */
export async function sessionsInReach(
  deps: Pick<SessionDeps, 'store'>,
  bodyId: string,
  today: PlainDate,
): Promise<{ sessionId: string; session: SessionRow }[]> {
  return deps.store.sessionsFrom(bodyId, addDays(today, -(MOVE_RANGE_DAYS + STALE_RUNNING_DAYS)));
}

/**
 * The session in-session commands act on (`sessionToRun` in the rules core): one still running,
 * also from an earlier day, else today's planned one — found by its stored date and state, so a
 * moved session runs on its new date. `overdue`: it is running, but its day has passed.
 */
export async function todaysSession(deps: SessionDeps, body: Body): Promise<SessionSnapshot | undefined> {
  return (await currentSession(deps, body)).snapshot;
}

export async function currentSession(
  deps: SessionDeps,
  body: Body,
): Promise<{ snapshot?: SessionSnapshot; overdue: boolean }> {
  const today = localDateOf(deps.clock.now());
  const pick = sessionToRun(await sessionsInReach(deps, body.id, today), today);
  if (!pick.current) return { overdue: false };
  const snapshot = await deps.store.loadSession(body.id, pick.current.sessionId);
  return snapshot ? { snapshot, overdue: pick.overdue } : { overdue: false };
}

/** A session of an earlier day that still runs (other than `exceptId`): it must be ended first. */
export async function stillRunningBefore(
  deps: SessionDeps,
  body: Body,
  exceptId?: string,
): Promise<{ sessionId: string; session: SessionRow } | undefined> {
  const today = localDateOf(deps.clock.now());
  const sessions = await sessionsInReach(deps, body.id, today);
  return staleRunningSession(
    sessions,
    today,
    sessions.find((s) => s.sessionId === exceptId),
  );
}

/** A session as stored now (to draw a card after a change, or a card a person asks for). */
export function readSession(
  deps: Pick<SessionDeps, 'store'>,
  bodyId: string,
  sessionId: string,
): Promise<SessionSnapshot | undefined> {
  return deps.store.loadSession(bodyId, sessionId);
}

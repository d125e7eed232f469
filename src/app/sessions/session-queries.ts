import type { Body } from '../../domain/body.js';
import { addDays, localDateOf, type PlainDate } from '../../domain/calendar.js';
import { isOver, proposeSessionDates, type SessionTimeline } from '../../domain/schedule.js';
import type { SessionRow } from '../../ports/records.js';
import type { MembershipDeps } from '../shared/deps.js';
import { timelineOf } from '../shared/session-facts.js';

export type SessionSummary = {
  readonly sessionId: string;
  readonly session: SessionRow;
  readonly timeline: SessionTimeline;
};

/** The sessions held (or planned) on a date, moved ones included: their ids may lie MOVE_RANGE_DAYS back. */
export async function sessionsOn(deps: MembershipDeps, body: Body, date: PlainDate) {
  return (await deps.store.sessionsFrom(body.id, addDays(date, -MOVE_RANGE_DAYS))).filter(
    (s) => s.session.date === date,
  );
}

/** Sessions whose id (first date) lies at most MOVE_RANGE_DAYS back: covers every moved session still ahead. */
export async function sessionsAround(deps: MembershipDeps, body: Body, now: Date) {
  return deps.store.sessionsFrom(body.id, addDays(localDateOf(now), -MOVE_RANGE_DAYS));
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

/**
 * The next sessions of the body's cadence that do not exist yet, for the SPK to confirm. A slot
 * counts as taken by a session created for it (even if it was moved to another day since) and by
 * a session moved onto it; a cancelled session frees its slot.
 */
export async function proposeSessions(deps: MembershipDeps, body: Body, count = 3): Promise<PlainDate[]> {
  const now = deps.clock.now();
  const taken = new Set(
    (await sessionsAround(deps, body, now))
      .filter((s) => s.session.status !== 'cancelled')
      .flatMap((s) => [s.session.date, s.sessionId.slice(0, 10)]),
  );
  const from = addDays(localDateOf(now), 1);
  return proposeSessionDates(body, from, count + taken.size)
    .filter((d) => !taken.has(d))
    .slice(0, count);
}

/**
 * A session may be moved at most this far past the date it was created for: its id keeps
 * that first date, and reads of upcoming sessions look back this far.
 */
export const MOVE_RANGE_DAYS = 180;

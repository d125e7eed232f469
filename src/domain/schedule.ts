import type { Body, LocalTime } from './body.js';
import { addDays, compareDates, instantAt, monthOf, nthWeekdayOfMonth, type PlainDate } from './calendar.js';

/**
 * When things happen around a session. All instants are computed from the session's
 * local date in Europe/Berlin.
 *
 * "Registration up to 7 days before the session" means: a topic may be registered until
 * 23:59:59.999 local time on the calendar day seven days before the session date. For a
 * session on Thursday 10 December the last day is Thursday 3 December; registration closes
 * at 00:00 on Friday 4 December (`registrationClosesAt`, exclusive).
 */
export type SessionTimeline = {
  readonly date: PlainDate;
  readonly start: Date;
  readonly end: Date;
  /** The last calendar day on which topics can be registered on time. */
  readonly registrationLastDay: PlainDate;
  /** Registration is on time strictly before this instant. */
  readonly registrationClosesAt: Date;
  readonly agendaDispatchAt: Date;
  readonly reminders: readonly { readonly daysBefore: number; readonly at: Date }[];
};

export function sessionTimeline(
  body: Body,
  date: PlainDate,
  startTime: LocalTime = body.cadence.startTime,
  durationMinutes: number = body.cadence.durationMinutes,
): SessionTimeline {
  const d = body.deadlines;
  const start = instantAt(date, startTime);
  const registrationLastDay = addDays(date, -d.registrationDays);
  return {
    date,
    start,
    end: new Date(start.getTime() + durationMinutes * 60_000),
    registrationLastDay,
    registrationClosesAt: instantAt(addDays(registrationLastDay, 1), '00:00'),
    agendaDispatchAt: instantAt(addDays(date, -d.agendaDispatchDays), d.agendaDispatchTime),
    reminders: [...new Set(d.reminderDays)]
      .sort((a, b) => b - a)
      .map((daysBefore) => ({ daysBefore, at: instantAt(addDays(date, -daysBefore), d.reminderTime) })),
  };
}

export type RegistrationWindow =
  | { readonly kind: 'open'; readonly closesAt: Date }
  | { readonly kind: 'late'; readonly closedAt: Date }
  | { readonly kind: 'sessionStarted' };

/** Whether a topic registered at `now` is on time, late (needs the SPK's acceptance) or too late. */
export function registrationWindow(timeline: SessionTimeline, now: Date): RegistrationWindow {
  if (now.getTime() >= timeline.start.getTime()) return { kind: 'sessionStarted' };
  if (now.getTime() < timeline.registrationClosesAt.getTime()) {
    return { kind: 'open', closesAt: timeline.registrationClosesAt };
  }
  return { kind: 'late', closedAt: timeline.registrationClosesAt };
}

/**
 * The next `count` session dates of the body's cadence on or after `from`: the n-th weekday
 * of every `intervalMonths`-th month counted from `anchorMonth`. For on-demand bodies this is
 * the minimum rhythm the SPK confirms or moves.
 */
export function proposeSessionDates(body: Body, from: PlainDate, count: number): PlainDate[] {
  const { intervalMonths, anchorMonth, weekday, weekOfMonth } = body.cadence;
  const out: PlainDate[] = [];
  let { year, month } = monthOf(from);
  for (let guard = 0; out.length < count && guard < 12 * 50; guard++) {
    if ((((month - anchorMonth) % intervalMonths) + intervalMonths) % intervalMonths === 0) {
      const date = nthWeekdayOfMonth(year, month, weekday, weekOfMonth);
      if (compareDates(date, from) >= 0) out.push(date);
    }
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

/** The session has begun (from its start instant on). */
export function hasStarted(timeline: SessionTimeline, now: Date): boolean {
  return now.getTime() >= timeline.start.getTime();
}

/** The session is over (from its planned end on). */
export function isOver(timeline: SessionTimeline, now: Date): boolean {
  return now.getTime() >= timeline.end.getTime();
}

/** When a session opened late, people get this long to check in before they count as late. */
export const LATE_OPENING_CHECK_IN_MINUTES = 15;

/**
 * The instant the session begins for attendance and the protocol's "quorum at the start":
 * the planned start, or — when the SPK opened it only after that — the opening plus a
 * check-in window, so that those who check in as soon as it opens are not late.
 */
export function effectiveStart(timeline: SessionTimeline, openedAt?: Date): Date {
  if (!openedAt || openedAt.getTime() <= timeline.start.getTime()) return timeline.start;
  return new Date(openedAt.getTime() + LATE_OPENING_CHECK_IN_MINUTES * 60_000);
}

/**
 * When the session actually began and ended, for the protocol: the SPK's opening (or the
 * planned start if it was never opened in the bot) and the end it recorded (or the planned
 * end). What is printed never ends before it begins.
 */
export function actualStart(timeline: SessionTimeline, openedAt?: Date): Date {
  return openedAt ?? timeline.start;
}

export function actualTimes(
  timeline: SessionTimeline,
  openedAt?: Date,
  endedAt?: Date,
): { readonly start: Date; readonly end: Date } {
  const start = actualStart(timeline, openedAt);
  const end = endedAt ?? timeline.end;
  return { start, end: end.getTime() < start.getTime() ? start : end };
}

/** Someone who arrives after the (effective) start arrives late (recorded for the protocol). */
export function isLateArrival(timeline: SessionTimeline, arrival: Date, openedAt?: Date): boolean {
  return arrival.getTime() > effectiveStart(timeline, openedAt).getTime();
}

/**
 * Which session of a body is "today's" for running it: the one already running on that day,
 * else the planned one (a cancelled or ended session is not run again). Sessions are matched by
 * their date as stored now — a moved session runs on its new date, whatever its id says.
 */
export function todaysSession<
  T extends {
    readonly session: { readonly date: string; readonly status: string; readonly startTime?: string };
  },
>(sessions: readonly T[], today: PlainDate): T | undefined {
  const onDay = sessions
    .filter((s) => s.session.date === today)
    .sort((a, b) => ((a.session.startTime ?? '') < (b.session.startTime ?? '') ? -1 : 1));
  return (
    onDay.find((s) => s.session.status === 'running') ?? onDay.find((s) => s.session.status === 'planned')
  );
}

/**
 * The session that in-session commands act on: a session still running — also one from an
 * earlier day (it ran past midnight, or nobody ended it), so that it can be ended and its open
 * votes closed on a later day — else today's planned one. `overdue` marks a running session
 * whose day has passed; `blockedBy` names a running session of an earlier day when today's
 * planned session is picked (it cannot start until that one is ended).
 */
export function sessionToRun<
  T extends {
    readonly session: { readonly date: string; readonly status: string; readonly startTime?: string };
  },
>(
  sessions: readonly T[],
  today: PlainDate,
): { readonly current?: T; readonly overdue: boolean; readonly stillRunning?: T } {
  const key = (s: T) => `${s.session.date}T${s.session.startTime ?? ''}`;
  const running = sessions
    .filter((s) => s.session.status === 'running' && s.session.date <= today)
    .sort((a, b) => (key(a) < key(b) ? 1 : -1));
  const latestRunning = running[0];
  if (latestRunning) return { current: latestRunning, overdue: latestRunning.session.date < today };
  const todays = todaysSession(sessions, today);
  return todays ? { current: todays, overdue: false } : { overdue: false };
}

/** A running session of an earlier day, which must be ended before another one starts. */
export function staleRunningSession<
  T extends { readonly session: { readonly date: string; readonly status: string } },
>(sessions: readonly T[], today: PlainDate, except?: T): T | undefined {
  return sessions.find((s) => s !== except && s.session.status === 'running' && s.session.date < today);
}

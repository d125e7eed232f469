import type { Body } from './body.js';
import { addDays } from './calendar.js';
import type { SessionTimeline } from './schedule.js';

/**
 * What the bot sends on its own initiative, and when. Instants come from the session's
 * timeline (Europe/Berlin, DST-correct) or from an Umlaufverfahren's deadline.
 *
 * A reminder on the day the agenda goes out is not sent separately: the agenda is that
 * day's reminder (with the defaults 7 and 5 days: a registration reminder seven days before,
 * the agenda five days before).
 */
export type NotificationKind =
  | 'registrationReminder'
  | 'agenda'
  | 'umlaufOpened'
  | 'umlaufReminder'
  | 'umlaufClose'
  /** The result of an Umlauf that closed early (settled); at the deadline `umlaufClose` posts it. */
  | 'umlaufResult'
  /** A released protocol version (000: sent promptly to every member). */
  | 'protocol'
  /** A session moved or cancelled: members are told at once (channel and personal). */
  | 'sessionChanged'
  /** A released protocol version filed in the body's group drive (000 §6). */
  | 'fileProtocol'
  /** The agenda filed in the body's group drive when it is dispatched. */
  | 'fileAgenda';

export type PlannedNotification = {
  /** Stable within its session or Umlauf: `reminder-7`, `agenda`, `reminder-48h`, `close`. */
  readonly key: string;
  readonly kind: NotificationKind;
  readonly dueAt: Date;
  /** Days (session) or hours (Umlauf) before the event. */
  readonly before: number;
};

export function sessionNotifications(body: Body, timeline: SessionTimeline): PlannedNotification[] {
  const agendaDays = body.deadlines.agendaDispatchDays;
  const out: PlannedNotification[] = timeline.reminders
    .filter((r) => r.daysBefore !== agendaDays)
    .map((r) => ({
      key: `reminder-${r.daysBefore}`,
      kind: 'registrationReminder' as const,
      dueAt: r.at,
      before: r.daysBefore,
    }));
  out.push({ key: 'agenda', kind: 'agenda', dueAt: timeline.agendaDispatchAt, before: agendaDays });
  return out.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** The agenda's filing in the group drive, at the agenda's instant (where there is a drive). */
export function agendaFiling(planned: readonly PlannedNotification[]): PlannedNotification[] {
  const agenda = planned.find((n) => n.kind === 'agenda');
  return agenda ? [{ ...agenda, key: 'file-agenda', kind: 'fileAgenda' }] : [];
}

/** The vote card at once, reminders to offices that have not voted (hours before the deadline), and the close. */
export function umlaufNotifications(body: Body, openedAt: Date, deadline: Date): PlannedNotification[] {
  const reminders: PlannedNotification[] = [...new Set(body.umlauf.reminderHoursBefore)]
    .map((h) => ({
      key: `reminder-${h}h`,
      kind: 'umlaufReminder' as const,
      dueAt: new Date(deadline.getTime() - h * 3_600_000),
      before: h,
    }))
    .filter((n) => n.dueAt.getTime() > openedAt.getTime());
  return [
    { key: 'opened', kind: 'umlaufOpened' as const, dueAt: openedAt, before: 0 },
    ...reminders,
    { key: 'close', kind: 'umlaufClose' as const, dueAt: deadline, before: 0 },
  ].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/**
 * Which planned notifications to store when a session is created or moved at `now`:
 * reminders whose instant has passed are dropped (a reminder of a deadline that is already
 * over helps nobody), while an agenda that should already have gone out is sent at once
 * (`catchUp`; `plannedAt` keeps the instant it was planned for). Without `catchUp` (e.g. when
 * plans are checked after a restart) only future instants are kept.
 */
export function notificationsToPlan(
  planned: readonly PlannedNotification[],
  timeline: SessionTimeline,
  now: Date,
  catchUp: boolean,
): (PlannedNotification & { readonly plannedAt: Date })[] {
  if (now.getTime() >= timeline.start.getTime()) return [];
  return planned.flatMap((n) => {
    if (n.dueAt.getTime() > now.getTime()) return [{ ...n, plannedAt: n.dueAt }];
    return catchUp && (n.kind === 'agenda' || n.kind === 'fileAgenda')
      ? [{ ...n, plannedAt: n.dueAt, dueAt: now }]
      : [];
  });
}

/** How long after its instant a notification still counts as on time (one scheduler pass or so). */
export const ON_TIME_GRACE_MS = 15 * 60_000;

export type Timing =
  | { readonly kind: 'notYet' }
  | { readonly kind: 'onTime' }
  /** Its instant passed while no instance was running: send now, marked as late. */
  | { readonly kind: 'late'; readonly byMs: number }
  /** What it announces has already happened: do not send. */
  | { readonly kind: 'expired' };

/**
 * `expiresAt` is the instant after which the notification makes no sense (the session's
 * start for reminders and the agenda, the deadline for an Umlauf reminder); an Umlauf's close
 * never expires.
 */
export function timing(dueAt: Date, now: Date, expiresAt?: Date): Timing {
  const late = now.getTime() - dueAt.getTime();
  if (late < 0) return { kind: 'notYet' };
  if (expiresAt && now.getTime() >= expiresAt.getTime()) return { kind: 'expired' };
  return late <= ON_TIME_GRACE_MS ? { kind: 'onTime' } : { kind: 'late', byMs: late };
}

/** The reminder is sent on the last day of registration ("Anmeldeschluss heute"). */
export function isDeadlineDay(timeline: SessionTimeline, reminderDaysBefore: number): boolean {
  return addDays(timeline.date, -reminderDaysBefore) === timeline.registrationLastDay;
}

export type UmlaufDeadlineCheck =
  | { readonly kind: 'ok'; readonly deadline: Date }
  | { readonly kind: 'past' }
  | { readonly kind: 'tooFar'; readonly maxHours: number };

/**
 * The longest Umlauf deadline in whole days, as the form states it: rounded down, so a deadline
 * the form offers is never refused as too far (a limit of 36 hours is "1 day", not "2").
 */
export function umlaufMaxDeadlineDays(body: Body): number {
  return Math.floor(body.umlauf.maxDeadlineHours / 24);
}

/** A deadline for an Umlaufverfahren opened at `now`: in the future and within the body's maximum. */
export function checkUmlaufDeadline(body: Body, now: Date, deadline: Date): UmlaufDeadlineCheck {
  if (deadline.getTime() <= now.getTime()) return { kind: 'past' };
  if (deadline.getTime() - now.getTime() > body.umlauf.maxDeadlineHours * 3_600_000) {
    return { kind: 'tooFar', maxHours: body.umlauf.maxDeadlineHours };
  }
  return { kind: 'ok', deadline };
}

/** The body's default deadline for an Umlauf opened at `now`, rounded up to the full hour. */
export function defaultUmlaufDeadline(body: Body, now: Date): Date {
  const raw = now.getTime() + body.umlauf.defaultDeadlineHours * 3_600_000;
  return new Date(Math.ceil(raw / 3_600_000) * 3_600_000);
}

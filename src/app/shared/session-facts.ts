import type { Body, LocalTime } from '../../domain/body.js';
import type { PlainDate } from '../../domain/calendar.js';
import { type SessionTimeline, sessionTimeline } from '../../domain/schedule.js';
import type { SessionRow } from '../../ports/records.js';

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

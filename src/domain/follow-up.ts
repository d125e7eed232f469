import type { PlainDate } from './calendar.js';
import { LIMITS } from './limits.js';

/**
 * Follow-ups (Wiedervorlagen, work orders): what a decision or an agenda item left to do, which
 * office answers for it, due by a date or by the next session. They come back by themselves:
 * on the agenda of the session they are due at, and on every later one while they are open; once
 * done, up to the first session on or after that day, where the group hears it was done. Computed from the sessions
 * as they are now, so a moved or cancelled session carries its follow-ups to the next one that
 * takes place.
 */
export type FollowUpFacts = {
  readonly due: 'next' | PlainDate;
  /** The local date it was set. */
  readonly createdOn: PlainDate;
  readonly status: 'open' | 'done';
  /** The local date it was marked done ('' while open). */
  readonly doneOn: PlainDate | '';
};

export type SessionFacts = {
  readonly sessionId: string;
  /** Its local date (YYYY-MM-DD). */
  readonly date: string;
  readonly status: 'planned' | 'running' | 'ended' | 'cancelled';
};

const held = (sessions: readonly SessionFacts[]) =>
  sessions.filter((s) => s.status !== 'cancelled').sort((a, b) => a.date.localeCompare(b.date));

/**
 * The session a follow-up is due at: for "next session", the first session that takes place
 * after the day it was set; for a date, the last such session on or before it (reported there),
 * or the first after it when there is none in between.
 */
export function dueSession(f: FollowUpFacts, sessions: readonly SessionFacts[]): SessionFacts | undefined {
  const after = held(sessions).filter((s) => s.date > f.createdOn);
  if (f.due === 'next') return after[0];
  const due = f.due;
  return after.filter((s) => s.date <= due).at(-1) ?? after.find((s) => s.date > due);
}

/** Whether a follow-up appears on the agenda of `session` (a Wiedervorlage item). */
export function isOnAgenda(
  f: FollowUpFacts,
  session: SessionFacts,
  sessions: readonly SessionFacts[],
): boolean {
  if (session.status === 'cancelled') return false;
  const due = dueSession(f, sessions);
  if (!due || session.date < due.date) return false;
  if (f.status === 'open') return true;
  // Done: on the agendas it was on while open, up to the first session from its due one that is
  // on or after the day it was done (where it is reported done), then no more.
  const from = f.doneOn > due.date ? f.doneOn : due.date;
  const reported = held(sessions).find((s) => s.date >= from);
  return reported !== undefined && session.date <= reported.date;
}

/**
 * Overdue: open past its date, or open after the session it was due at (that session's day has
 * passed). A follow-up due by "next session" without any session yet is not overdue.
 */
/**
 * Whether a follow-up belongs in the report of a period (local days, inclusive): set by its end,
 * and still open or done in it.
 */
export function isInReport(
  f: { readonly setOn: PlainDate; readonly status: 'open' | 'done'; readonly doneOn?: PlainDate },
  from: PlainDate,
  to: PlainDate,
): boolean {
  if (f.setOn > to) return false;
  if (f.status === 'open') return true;
  return f.doneOn !== undefined && f.doneOn >= from;
}

export function isOverdue(f: FollowUpFacts, sessions: readonly SessionFacts[], today: PlainDate): boolean {
  if (f.status !== 'open') return false;
  if (f.due !== 'next' && f.due < today) return true;
  const due = dueSession(f, sessions);
  return f.due === 'next' && due !== undefined && due.date < today;
}

export type FollowUpDraft = { readonly what: string; readonly officeId: string; readonly due: string };

export type FollowUpProblem = 'whatTooShort' | 'whatTooLong' | 'noOffice' | 'badDue' | 'dueInPast';

/**
 * Checks a new follow-up: a task of 3 to 500 characters, an office of the body, and a due date
 * from today on (or "next").
 */
export function checkFollowUp(
  draft: FollowUpDraft,
  officeIds: ReadonlySet<string>,
  today: PlainDate,
): FollowUpProblem[] {
  const problems: FollowUpProblem[] = [];
  const what = draft.what.trim();
  if (what.length < LIMITS.followUp.min) problems.push('whatTooShort');
  if (what.length > LIMITS.followUp.max) problems.push('whatTooLong');
  if (!officeIds.has(draft.officeId)) problems.push('noOffice');
  if (draft.due !== 'next') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.due) || Number.isNaN(Date.parse(`${draft.due}T00:00:00Z`)))
      problems.push('badDue');
    else if (draft.due < today) problems.push('dueInPast');
  }
  return problems;
}

/** A follow-up (Wiedervorlage) as the cards, the agenda and the documents show it. */
export type FollowUpLine = {
  readonly id: string;
  readonly what: string;
  readonly office: string;
  /** Where it comes from: `AG Planung 2027/03` or "TOP 3, 14.01.2027". */
  readonly origin: string;
  readonly due: 'next' | string;
  /** The date of the session it is due at, where there is one. */
  readonly dueSession?: string;
  readonly status: 'open' | 'done';
  readonly overdue: boolean;
  readonly doneAt: string;
  readonly doneNote: string;
};

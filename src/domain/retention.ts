import type { Body } from './body.js';
import { addDays, localDateOf, type PlainDate } from './calendar.js';

/**
 * The deletion concept's rule for people who left (docs/privacy.md): once the body's period
 * (`retention.formerMemberDays`) has passed since the day they left, their name and ids are
 * pseudonymised in the body's records. Berlin days: a period of 365 days from 14 June 2027 ends
 * with 13 June 2028, and the job runs from 14 June 2028 on.
 */
export function isDueForPseudonymisation(body: Body, leftAt: string, now: Date): boolean {
  if (!leftAt) return false;
  const left = new Date(leftAt);
  if (Number.isNaN(left.getTime())) return false;
  const from: PlainDate = addDays(localDateOf(left), body.retention.formerMemberDays);
  return localDateOf(now) >= from;
}

/** How a pseudonymised person is named in the body's records: by their office only. */
export function formerMemberName(officeName: string): string {
  return `ehemaliges Mitglied (${officeName})`;
}

import { localDateOf } from './calendar.js';

/**
 * Which year may be handed to the Landesarchiv (§ 5 ArchGB): one that has ended in Berlin — the
 * records of a running year are still open. On 31 December 23:30 Berlin time the year has not
 * ended, whatever the UTC date says.
 */
export function isArchivableYear(year: number, now: Date): boolean {
  return Number.isInteger(year) && year >= 2000 && year < Number(localDateOf(now).slice(0, 4));
}

import { TZDate } from '@date-fns/tz';
import type { LocalTime, Weekday } from './body.js';

/**
 * Calendar dates and local times in Europe/Berlin. "7 days before" is counted on the
 * calendar (not as 7 × 24 h), and a local time on a date is turned into an instant by the
 * time-zone database, so both sides of a daylight-saving change are right.
 */
export type PlainDate = `${number}-${number}-${number}`;

export const BERLIN = 'Europe/Berlin';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parsePlainDate(text: string): PlainDate | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d)
    return undefined;
  return text as PlainDate;
}

/** What people type: ISO ("2026-12-10") or German ("10.12.2026", "1.2.2027"). */
export function parseUserDate(text: string): PlainDate | undefined {
  const t = text.trim();
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (german) return parsePlainDate(format(Number(german[3]), Number(german[2]), Number(german[1])));
  return parsePlainDate(t);
}

function parts(date: PlainDate): [number, number, number] {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function format(y: number, m: number, d: number): PlainDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as PlainDate;
}

/** The calendar date n days later (earlier for negative n). */
export function addDays(date: PlainDate, n: number): PlainDate {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The instant of a local wall-clock time on a date in Europe/Berlin. */
export function instantAt(date: PlainDate, time: LocalTime, timeZone = BERLIN): Date {
  const [y, m, d] = parts(date);
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, 0, timeZone).getTime());
}

/** The local calendar date of an instant in Europe/Berlin. */
export function localDateOf(instant: Date, timeZone = BERLIN): PlainDate {
  const local = new TZDate(instant.getTime(), timeZone);
  return format(local.getFullYear(), local.getMonth() + 1, local.getDate());
}

export function localTimeOf(instant: Date, timeZone = BERLIN): LocalTime {
  const local = new TZDate(instant.getTime(), timeZone);
  return `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}` as LocalTime;
}

const WEEKDAY_INDEX: Record<Weekday, number> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
};

/** The n-th (1–4) or last (-1) given weekday of a month. */
export function nthWeekdayOfMonth(
  year: number,
  month: number,
  weekday: Weekday,
  n: 1 | 2 | 3 | 4 | -1,
): PlainDate {
  const target = WEEKDAY_INDEX[weekday];
  if (n === -1) {
    const last = new Date(Date.UTC(year, month, 0));
    const back = (last.getUTCDay() - target + 7) % 7;
    return format(year, month, last.getUTCDate() - back);
  }
  const first = new Date(Date.UTC(year, month - 1, 1));
  const forward = (target - first.getUTCDay() + 7) % 7;
  return format(year, month, 1 + forward + (n - 1) * 7);
}

export function monthOf(date: PlainDate): { year: number; month: number } {
  const [year, month] = parts(date);
  return { year, month };
}

export function compareDates(a: PlainDate, b: PlainDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether `from`–`to` (local dates, inclusive) is a period of at most `maxDays` days that starts before it ends. */
export function isPeriodWithin(from: PlainDate, to: PlainDate, maxDays: number): boolean {
  return from <= to && addDays(from, maxDays) > to;
}

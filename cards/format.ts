import { TZDate } from '@date-fns/tz';
import type { Locale } from './locale.js';

/**
 * Dates and times as people read them at a glance, in Europe/Berlin:
 * "Do, 3. Dez., 23:59" / "Thu, 3 Dec, 23:59". Presentation only; which instant is meant
 * is decided by the rules core.
 */
const DE_DAYS = ['So', 'Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa'];
const DE_MONTHS = [
  'Jan.',
  'Feb.',
  'März',
  'Apr.',
  'Mai',
  'Juni',
  'Juli',
  'Aug.',
  'Sept.',
  'Okt.',
  'Nov.',
  'Dez.',
];
const EN_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function local(instant: Date) {
  const d = new TZDate(instant.getTime(), 'Europe/Berlin');
  return {
    day: d.getDay(),
    date: d.getDate(),
    month: d.getMonth(),
    year: d.getFullYear(),
    h: d.getHours(),
    m: d.getMinutes(),
  };
}

const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

export function formatDay(locale: Locale, instant: Date, withYear = false): string {
  const l = local(instant);
  return locale === 'en'
    ? `${EN_DAYS[l.day]}, ${l.date} ${EN_MONTHS[l.month]}${withYear ? ` ${l.year}` : ''}`
    : `${DE_DAYS[l.day]}, ${l.date}. ${DE_MONTHS[l.month]}${withYear ? ` ${l.year}` : ''}`;
}

/** The local time of day only: "14:30". */
export function formatTime(instant: Date): string {
  const l = local(instant);
  return hhmm(l.h, l.m);
}

export function formatDayTime(locale: Locale, instant: Date, withYear = false): string {
  const l = local(instant);
  return `${formatDay(locale, instant, withYear)}, ${hhmm(l.h, l.m)}`;
}

/** The last moment of registration: shown as 23:59 on the last day. */
export function formatDeadline(locale: Locale, closesAt: Date): string {
  return formatDayTime(locale, new Date(closesAt.getTime() - 60_000));
}

/** A calendar date as people type it in commands: "22.11.2026" / "2026-11-22". */
export function formatDate(locale: Locale, date: string): string {
  const [y, m, d] = date.split('-');
  return locale === 'en' ? date : `${d}.${m}.${y}`;
}

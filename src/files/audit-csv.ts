import { localDateOf, localTimeOf } from '../domain/calendar.js';

export const AUDIT_COLUMNS = [
  'at',
  'action',
  'target',
  'actor',
  'officeId',
  'office',
  'before',
  'after',
  'activity',
] as const;

/** "2026-11-22 11:00:05" in Europe/Berlin (the calendar's conversions; seconds are the same in every zone). */
export function berlinTime(at: Date): string {
  return `${localDateOf(at)} ${localTimeOf(at)}:${String(at.getUTCSeconds()).padStart(2, '0')}`;
}

/** A JSON object as "key: value, key: value"; anything else as it is. */
export function readable(text: string): string {
  if (!text.startsWith('{')) return text;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(', ');
  } catch {
    return text;
  }
}

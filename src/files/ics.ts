import type { Body } from '../domain/body.js';
import type { SessionTimeline } from '../domain/schedule.js';
import type { SessionRow } from '../ports/records.js';

/**
 * A session as an iCalendar invite (RFC 5545) that Outlook and Teams open: local times with
 * the Europe/Berlin time zone (its rules included, so daylight saving is right), the place or
 * online link, the registration deadline in the description. The UID stays the same for the
 * session's life; every move or cancellation raises SEQUENCE, so calendars update the entry.
 */
export function sessionIcs(
  body: Body,
  sessionId: string,
  session: SessionRow,
  timeline: SessionTimeline,
  deadlineText: string,
  now: Date,
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Gremienbot//Gremienbot//DE',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VTIMEZONE',
    'TZID:Europe/Berlin',
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'TZNAME:CEST',
    'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'TZNAME:CET',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
    'BEGIN:VEVENT',
    `UID:${sessionId}.${body.id}@gremienbot`,
    `DTSTAMP:${utc(now)}`,
    `SEQUENCE:${session.sequence}`,
    `DTSTART;TZID=Europe/Berlin:${local(session.date, session.startTime)}`,
    `DTEND;TZID=Europe/Berlin:${localOf(timeline.end)}`,
    `SUMMARY:${text(`${body.shortName}: Sitzung`)}`,
    ...(session.place ? [`LOCATION:${text(session.place)}`] : []),
    // The Teams meeting to join: a link calendars show, and in the description for those that do not.
    ...(session.joinUrl ? [`URL:${session.joinUrl}`] : []),
    `DESCRIPTION:${text([body.name, deadlineText, ...(session.joinUrl ? [session.joinUrl] : [])].join('\n'))}`,
    `STATUS:${session.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

function utc(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function local(date: string, time: string): string {
  return `${date.replace(/-/g, '')}T${time.replace(':', '')}00`;
}

/** The wall-clock time in Berlin of an instant, as iCalendar's local form. */
function localOf(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}${get('month')}${get('day')}T${get('hour')}${get('minute')}${get('second')}`;
}

/** TEXT values: backslash, semicolon, comma and newline escaped (RFC 5545 §3.3.11). */
function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (RFC 5545 §3.1), never inside a UTF-8 sequence. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

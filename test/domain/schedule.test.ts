import { describe, expect, it } from 'vitest';
import {
  addDays,
  instantAt,
  localDateOf,
  nthWeekdayOfMonth,
  parsePlainDate,
} from '../../src/domain/calendar.js';
import { proposeSessionDates, registrationWindow, sessionTimeline } from '../../src/domain/schedule.js';
import { makeBody } from '../support/bodies.js';

const body = makeBody();
const iso = (d: Date) => d.toISOString();

describe('session timeline in Europe/Berlin', () => {
  it('winter session: deadlines are local wall-clock times (UTC+1)', () => {
    const t = sessionTimeline(body, '2026-12-10');
    expect(iso(t.start)).toBe('2026-12-10T09:00:00.000Z'); // 10:00 CET
    expect(t.registrationLastDay).toBe('2026-12-03');
    expect(iso(t.registrationClosesAt)).toBe('2026-12-03T23:00:00.000Z'); // 00:00 CET on 4 Dec
    expect(iso(t.agendaDispatchAt)).toBe('2026-12-05T07:00:00.000Z'); // 08:00 CET on 5 Dec
    expect(t.reminders.map((r) => [r.daysBefore, iso(r.at)])).toEqual([
      [7, '2026-12-03T07:00:00.000Z'],
      [5, '2026-12-05T07:00:00.000Z'],
    ]);
  });

  it('a session just after the March change: the session is in summer time, the deadline in winter time', () => {
    // Clocks go forward on Sunday 29 March 2026, 02:00 CET → 03:00 CEST.
    const t = sessionTimeline(body, '2026-04-02');
    expect(iso(t.start)).toBe('2026-04-02T08:00:00.000Z'); // 10:00 CEST
    expect(t.registrationLastDay).toBe('2026-03-26');
    expect(iso(t.registrationClosesAt)).toBe('2026-03-26T23:00:00.000Z'); // 00:00 CET on 27 March
    expect(iso(t.agendaDispatchAt)).toBe('2026-03-28T07:00:00.000Z'); // 08:00 CET on 28 March
    // Seven calendar days, not 7 × 24 h: the gap is one hour shorter across the change.
    expect(t.start.getTime() - instantAt('2026-03-26', '10:00').getTime()).toBe(7 * 24 * 3600_000 - 3600_000);
  });

  it('a session just after the October change: the deadline is in summer time', () => {
    // Clocks go back on Sunday 25 October 2026, 03:00 CEST → 02:00 CET.
    const t = sessionTimeline(body, '2026-10-29');
    expect(iso(t.start)).toBe('2026-10-29T09:00:00.000Z'); // 10:00 CET
    expect(t.registrationLastDay).toBe('2026-10-22');
    expect(iso(t.registrationClosesAt)).toBe('2026-10-22T22:00:00.000Z'); // 00:00 CEST on 23 Oct
    expect(iso(t.agendaDispatchAt)).toBe('2026-10-24T06:00:00.000Z'); // 08:00 CEST on 24 Oct
    expect(t.reminders.map((r) => iso(r.at))).toEqual([
      '2026-10-22T06:00:00.000Z',
      '2026-10-24T06:00:00.000Z',
    ]);
  });

  it('a session on the day of the change itself keeps its local time', () => {
    expect(iso(sessionTimeline(body, '2026-03-29').start)).toBe('2026-03-29T08:00:00.000Z');
    expect(iso(sessionTimeline(body, '2026-10-25').start)).toBe('2026-10-25T09:00:00.000Z');
  });
});

describe('registration deadline ("up to 7 days before")', () => {
  const t = sessionTimeline(body, '2026-12-10');

  it('one second before the cut-off (23:59:59 local on the last day) is on time', () => {
    const now = new Date('2026-12-03T22:59:59.000Z'); // 23:59:59 CET
    expect(localDateOf(now)).toBe('2026-12-03');
    expect(registrationWindow(t, now).kind).toBe('open');
  });

  it('the last millisecond of the last day is on time', () => {
    expect(registrationWindow(t, new Date('2026-12-03T22:59:59.999Z')).kind).toBe('open');
  });

  it('at the cut-off (00:00:00 local the next day) and a second after it is late', () => {
    expect(registrationWindow(t, new Date('2026-12-03T23:00:00.000Z')).kind).toBe('late');
    expect(registrationWindow(t, new Date('2026-12-03T23:00:01.000Z')).kind).toBe('late');
  });

  it('once the session has started nothing can be registered', () => {
    expect(registrationWindow(t, t.start).kind).toBe('sessionStarted');
  });

  it('across the October change the cut-off is 00:00 CEST', () => {
    const oct = sessionTimeline(body, '2026-10-29');
    expect(registrationWindow(oct, new Date('2026-10-22T21:59:59.000Z')).kind).toBe('open');
    expect(registrationWindow(oct, new Date('2026-10-22T22:00:01.000Z')).kind).toBe('late');
  });
});

describe('cadence', () => {
  it('monthly on the 2nd Thursday', () => {
    expect(proposeSessionDates(body, '2026-11-22', 4)).toEqual([
      '2026-12-10',
      '2027-01-14',
      '2027-02-11',
      '2027-03-11',
    ]);
  });

  it('every two months from January (AG Planung)', () => {
    const bimonthly = { ...body, cadence: { ...body.cadence, intervalMonths: 2, anchorMonth: 1 } };
    expect(proposeSessionDates(bimonthly, '2026-11-22', 3)).toEqual([
      '2027-01-14',
      '2027-03-11',
      '2027-05-13',
    ]);
  });

  it('quarterly, last Tuesday', () => {
    const quarterly = {
      ...body,
      cadence: {
        ...body.cadence,
        intervalMonths: 3,
        anchorMonth: 3,
        weekday: 'tuesday' as const,
        weekOfMonth: -1 as const,
      },
    };
    expect(proposeSessionDates(quarterly, '2026-11-22', 2)).toEqual(['2026-12-29', '2027-03-30']);
  });

  it('includes a session later in the starting month, not one already past', () => {
    expect(proposeSessionDates(body, '2026-12-10', 1)).toEqual(['2026-12-10']);
    expect(proposeSessionDates(body, '2026-12-11', 1)).toEqual(['2027-01-14']);
  });
});

describe('calendar helpers', () => {
  it('adds calendar days across months and years', () => {
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('finds the n-th and last weekday', () => {
    expect(nthWeekdayOfMonth(2026, 12, 'thursday', 1)).toBe('2026-12-03');
    expect(nthWeekdayOfMonth(2026, 12, 'thursday', -1)).toBe('2026-12-31');
  });

  it('parses only real dates', () => {
    expect(parsePlainDate('2026-02-29')).toBeUndefined();
    expect(parsePlainDate('2026-12-10')).toBe('2026-12-10');
    expect(parsePlainDate('10.12.2026')).toBeUndefined();
  });
});

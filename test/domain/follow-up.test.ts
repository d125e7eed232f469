import { describe, expect, it } from 'vitest';
import type { PlainDate } from '../../src/domain/calendar.js';
import {
  checkFollowUp,
  dueSession,
  type FollowUpFacts,
  isInReport,
  isOnAgenda,
  isOverdue,
  type SessionFacts,
} from '../../src/domain/follow-up.js';

const s = (date: string, status: SessionFacts['status'] = 'planned'): SessionFacts => ({
  sessionId: `${date}-1000`,
  date,
  status,
});
const open = (due: FollowUpFacts['due'], createdOn = '2027-01-14'): FollowUpFacts => ({
  due,
  createdOn: createdOn as FollowUpFacts['createdOn'],
  status: 'open',
  doneOn: '',
});
const done = (f: FollowUpFacts, doneOn: string): FollowUpFacts => ({
  ...f,
  status: 'done',
  doneOn: doneOn as FollowUpFacts['doneOn'],
});
const agendaOf = (f: FollowUpFacts, sessions: SessionFacts[]) =>
  sessions.filter((x) => isOnAgenda(f, x, sessions)).map((x) => x.date);

describe('follow-ups come back on the agenda by themselves', () => {
  const year = [s('2027-01-14', 'ended'), s('2027-02-11'), s('2027-03-11'), s('2027-04-08')];

  it('"next session": the first session after the day it was set, and every later one while open', () => {
    expect(dueSession(open('next'), year)?.date).toBe('2027-02-11');
    expect(agendaOf(open('next'), year)).toEqual(['2027-02-11', '2027-03-11', '2027-04-08']);
  });

  it('a cancelled session carries it to the next one that takes place; a moved one takes it along', () => {
    const cancelled = [year[0], s('2027-02-11', 'cancelled'), year[2], year[3]] as SessionFacts[];
    expect(dueSession(open('next'), cancelled)?.date).toBe('2027-03-11');
    expect(agendaOf(open('next'), cancelled)).toEqual(['2027-03-11', '2027-04-08']);
    // Moved to 18.02.: the same session (id), its new date.
    const moved = [year[0], { ...s('2027-02-11'), date: '2027-02-18' }, year[2], year[3]] as SessionFacts[];
    expect(dueSession(open('next'), moved)).toMatchObject({
      sessionId: '2027-02-11-1000',
      date: '2027-02-18',
    });
  });

  it('a date: the last session on or before it; the first after it when none falls in between', () => {
    expect(dueSession(open('2027-03-31'), year)?.date).toBe('2027-03-11');
    expect(dueSession(open('2027-01-20'), year)?.date).toBe('2027-02-11');
    expect(agendaOf(open('2027-03-31'), year)).toEqual(['2027-03-11', '2027-04-08']);
  });

  it('done: reported at the first session from its due one on or after the day it was done, then no more', () => {
    expect(agendaOf(done(open('next'), '2027-01-20'), year)).toEqual(['2027-02-11']);
    expect(agendaOf(done(open('next'), '2027-02-20'), year)).toEqual(['2027-02-11', '2027-03-11']);
    // Due in March, done in January: reported in March, not before.
    expect(agendaOf(done(open('2027-03-31'), '2027-01-20'), year)).toEqual(['2027-03-11']);
  });

  it('without any later session it is on no agenda (and not overdue by "next")', () => {
    expect(agendaOf(open('next'), [year[0] as SessionFacts])).toEqual([]);
    expect(isOverdue(open('next'), [year[0] as SessionFacts], '2027-06-01')).toBe(false);
  });
});

describe('overdue', () => {
  const sessions = [s('2027-01-14', 'ended'), s('2027-02-11')];
  it('open after the day of the session it was due at, or past its date; never when done', () => {
    expect(isOverdue(open('next'), sessions, '2027-02-11')).toBe(false);
    expect(isOverdue(open('next'), sessions, '2027-02-12')).toBe(true);
    expect(isOverdue(open('2027-03-01'), sessions, '2027-03-01')).toBe(false);
    expect(isOverdue(open('2027-03-01'), sessions, '2027-03-02')).toBe(true);
    expect(isOverdue(done(open('2027-03-01'), '2027-03-05'), sessions, '2027-04-01')).toBe(false);
  });
});

describe('checkFollowUp', () => {
  const offices = new Set(['jugendamt', 'externer-dienstleister']);
  const ok = { what: 'Kosten prüfen', officeId: 'jugendamt', due: 'next' };
  it('accepts a task, an office of the body and "next" or a date from today', () => {
    expect(checkFollowUp(ok, offices, '2027-01-14')).toEqual([]);
    expect(checkFollowUp({ ...ok, due: '2027-01-14' }, offices, '2027-01-14')).toEqual([]);
    expect(checkFollowUp({ ...ok, officeId: 'externer-dienstleister' }, offices, '2027-01-14')).toEqual([]);
  });
  it('names every problem at once', () => {
    expect(
      checkFollowUp({ what: ' x ', officeId: 'bauamt', due: '2027-01-13' }, offices, '2027-01-14'),
    ).toEqual(['whatTooShort', 'noOffice', 'dueInPast']);
    expect(checkFollowUp({ ...ok, what: 'x'.repeat(501) }, offices, '2027-01-14')).toEqual(['whatTooLong']);
    expect(checkFollowUp({ ...ok, due: 'invalid' }, offices, '2027-01-14')).toEqual(['badDue']);
    expect(checkFollowUp({ ...ok, due: '14.01.2027' }, offices, '2027-01-14')).toEqual(['badDue']);
  });
});

describe('a follow-up in the report of a period', () => {
  const from = '2027-01-01' as PlainDate;
  const to = '2027-06-30' as PlainDate;
  it.each([
    ['set before, still open', { setOn: '2026-11-02', status: 'open' }, true],
    ['set in it, open', { setOn: '2027-03-01', status: 'open' }, true],
    ['set after it', { setOn: '2027-07-01', status: 'open' }, false],
    ['done in it', { setOn: '2026-11-02', status: 'done', doneOn: '2027-01-01' }, true],
    ['done before it', { setOn: '2026-11-02', status: 'done', doneOn: '2026-12-31' }, false],
    ['set and done on the last day', { setOn: '2027-06-30', status: 'done', doneOn: '2027-06-30' }, true],
  ] as const)('%s: %s', (_what, facts, included) => {
    expect(
      isInReport(facts as { setOn: PlainDate; status: 'open' | 'done'; doneOn?: PlainDate }, from, to),
    ).toBe(included);
  });
});

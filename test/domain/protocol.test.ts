import { describe, expect, it } from 'vitest';
import { parseBody } from '../../src/domain/body.js';
import { attendanceOf, decidedBetween, presentAt, protocolVote, staysOf } from '../../src/domain/protocol.js';
import { actualStart, actualTimes, effectiveStart, isLateArrival } from '../../src/domain/schedule.js';
import { bodyInput } from '../support/bodies.js';

const body = parseBody(bodyInput({ voting: 6, commissioners: 1 }), 'test-ag.yaml');
const at = (hhmm: string) => new Date(`2026-11-22T${hhmm}:00.000Z`);
const ev = (officeId: string, hhmm: string, present: boolean) => ({ officeId, at: at(hhmm), present });

describe('protocol facts (rules core)', () => {
  it('stays: a repeated check-in is one stay; leaving and returning are two', () => {
    expect(staysOf([ev('a', '09:00', true), ev('a', '09:05', true)])).toEqual([{ from: at('09:00') }]);
    expect(staysOf([ev('a', '11:00', true), ev('a', '09:00', true), ev('a', '10:00', false)])).toEqual([
      { from: at('09:00'), to: at('10:00') },
      { from: at('11:00') },
    ]);
    expect(staysOf([ev('a', '09:00', false)])).toEqual([]);
  });

  it('present at an instant: arrived at or before it, not yet left', () => {
    const events = [
      ev('amt-1', '08:55', true),
      ev('amt-2', '09:00', true),
      ev('amt-3', '09:01', true),
      ev('amt-2', '09:00', false),
    ];
    expect(presentAt(events, at('09:00'))).toEqual(['amt-1']);
    expect(presentAt([ev('amt-2', '09:00', true)], at('09:00'))).toEqual(['amt-2']);
  });

  it('attendance lists every office; late is after the start; left early when the last stay ended', () => {
    const list = attendanceOf(
      body,
      [
        ev('amt-1', '08:50', true),
        ev('amt-2', '09:10', true),
        ev('amt-3', '08:55', true),
        ev('amt-3', '10:00', false),
        ev('beauftragte-1', '08:59', true),
      ],
      at('09:00'),
      (d) => d.toISOString().slice(11, 16),
    );
    const of = (id: string) => list.find((a) => a.officeId === id);
    expect(list).toHaveLength(body.offices.length);
    expect(of('amt-1')).toMatchObject({ status: 'present', late: false, leftEarly: false });
    expect(of('amt-2')).toMatchObject({ status: 'present', late: true, stays: [{ from: '09:10' }] });
    expect(of('amt-3')).toMatchObject({ leftEarly: true, stays: [{ from: '08:55', to: '10:00' }] });
    expect(of('amt-4')).toMatchObject({ status: 'absent', late: false, stays: [] });
    expect(of('beauftragte-1')).toMatchObject({ status: 'advisory' });
  });

  it('a vote: named ballots of the base, arguments by side, advisory opinions apart and never counted', () => {
    const ballot = (
      officeId: string,
      choice: 'yes' | 'no' | 'abstain',
      argument = '',
      capacity: 'vote' | 'advisory' = 'vote',
    ) => ({
      officeId,
      choice,
      castAt: at('09:30'),
      capacity,
      argument,
    });
    const v = protocolVote(body, {
      openedAt: at('09:20'),
      closed: true,
      electorate: ['amt-1', 'amt-2', 'amt-3', 'amt-4'],
      grants: [],
      ballots: [
        ballot('amt-1', 'yes', 'Bedarf belegt'),
        ballot('amt-2', 'yes'),
        ballot('amt-3', 'no', 'Zu teuer'),
        ballot('beauftragte-1', 'no', 'Barrierefreiheit', 'advisory'),
        // Outside the base (arrived after the vote opened): not counted, not named.
        ballot('amt-5', 'yes', 'ignoriert'),
      ],
    });
    expect(v).toMatchObject({
      quorum: { presentVoting: 4, votingMembers: 6, needed: 3, quorate: true },
      base: 4,
      required: 3,
      outcome: 'rejected',
      counts: { yes: 2, no: 1, abstain: 0 },
      argumentsFor: [{ office: 'Amt 1', text: 'Bedarf belegt' }],
      argumentsAgainst: [{ office: 'Amt 3', text: 'Zu teuer' }],
      advisory: [{ office: 'Beauftragte 1', choice: 'no', text: 'Barrierefreiheit' }],
    });
    expect(v.ballots).toEqual([
      { office: 'Amt 1', choice: 'yes' },
      { office: 'Amt 2', choice: 'yes' },
      { office: 'Amt 3', choice: 'no' },
      { office: 'Amt 4', choice: 'none' },
    ]);
  });

  it('a vote without quorum decides nothing', () => {
    const v = protocolVote(body, {
      openedAt: at('09:20'),
      closed: true,
      electorate: ['amt-1'],
      grants: [],
      ballots: [],
    });
    expect(v).toMatchObject({ outcome: 'notQuorate', base: 0, required: 0 });
  });

  it('late arrival: after the planned start, or after a late opening plus the check-in window', () => {
    const timeline = { start: at('11:00') } as Parameters<typeof effectiveStart>[0];
    expect(effectiveStart(timeline, at('10:50'))).toEqual(at('11:00'));
    expect(isLateArrival(timeline, at('11:01'), at('10:50'))).toBe(true);
    expect(effectiveStart(timeline, at('11:20'))).toEqual(at('11:35'));
    expect(isLateArrival(timeline, at('11:30'), at('11:20'))).toBe(false);
    expect(isLateArrival(timeline, at('11:36'), at('11:20'))).toBe(true);
    expect(isLateArrival(timeline, at('11:01'))).toBe(true);
  });

  it('the session began when the SPK opened it (the planned start only if it never was) and never ends before it begins', () => {
    const timeline = { start: at('11:00'), end: at('13:00') } as Parameters<typeof actualStart>[0];
    expect(actualStart(timeline, at('10:50'))).toEqual(at('10:50'));
    expect(actualStart(timeline, at('11:20'))).toEqual(at('11:20'));
    expect(actualStart(timeline)).toEqual(at('11:00'));
    expect(actualTimes(timeline, at('10:00'), at('09:58'))).toEqual({ start: at('10:00'), end: at('10:00') });
    expect(actualTimes(timeline, at('10:50'), at('12:10'))).toEqual({ start: at('10:50'), end: at('12:10') });
    // Ended before the planned start (a short session opened early): still start ≤ end.
    expect(actualTimes(timeline, undefined, at('10:30'))).toEqual({ start: at('11:00'), end: at('11:00') });
  });

  it('Umlaufverfahren reported: closed after the previous session ended, up to this one’s end', () => {
    const u = (title: string, status: string, closedAt: string) => ({ title, status, closedAt });
    const list = [
      u('before', 'closed', at('08:00').toISOString()),
      u('at previous end', 'closed', at('09:00').toISOString()),
      u('between', 'closed', at('10:00').toISOString()),
      u('at this end', 'closed', at('12:00').toISOString()),
      u('after', 'closed', at('12:01').toISOString()),
      u('open', 'open', ''),
    ];
    expect(decidedBetween(list, at('09:00'), at('12:00')).map((x) => x.title)).toEqual([
      'between',
      'at this end',
    ]);
    expect(decidedBetween(list, undefined, at('09:00')).map((x) => x.title)).toEqual([
      'before',
      'at previous end',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { recordedBallotEligibility, type VoteFrame } from '../../src/domain/ballots.js';
import { parseBody } from '../../src/domain/body.js';
import { protocolVote } from '../../src/domain/protocol.js';
import { bodyInput, makeBody } from '../support/bodies.js';

const body = parseBody(bodyInput({ voting: 6, commissioners: 1 }), 'test-ag.yaml');
const session = (electorate: string[], status: 'open' | 'closed' = 'open'): VoteFrame => ({
  kind: 'session',
  status,
  electorate,
  grants: [],
});
const umlauf: VoteFrame = { kind: 'umlauf', status: 'open', electorate: ['amt-1', 'amt-4'], grants: [] };

describe('the SPK records the ballot of an office without Teams (rules core)', () => {
  it('counts like the office’s own ballot: in the vote if present, advisory for a commissioner', () => {
    expect(recordedBallotEligibility(body, session(['amt-4']), 'amt-4', false, 'yes')).toEqual({
      kind: 'vote',
      officeId: 'amt-4',
    });
    expect(recordedBallotEligibility(body, session(['amt-4']), 'beauftragte-1', false, 'no')).toEqual({
      kind: 'advisory',
      officeId: 'beauftragte-1',
    });
  });

  it('no proxies: an office with people on Teams votes itself', () => {
    expect(recordedBallotEligibility(body, session(['amt-4']), 'amt-4', true, 'yes')).toEqual({
      kind: 'refused',
      reason: 'officeOnTeams',
    });
  });

  it('refuses absent offices, unknown offices, closed votes and objections in a session', () => {
    const refused = (reason: string) => ({ kind: 'refused', reason });
    expect(recordedBallotEligibility(body, session(['amt-4']), 'amt-5', false, 'yes')).toEqual(
      refused('notPresent'),
    );
    expect(recordedBallotEligibility(body, session(['amt-4']), 'amt-99', false, 'yes')).toEqual(
      refused('unknownOffice'),
    );
    expect(recordedBallotEligibility(body, session(['amt-4'], 'closed'), 'amt-4', false, 'yes')).toEqual(
      refused('voteClosed'),
    );
    expect(recordedBallotEligibility(body, session(['amt-4']), 'amt-4', false, 'object')).toEqual(
      refused('objectionNotAllowed'),
    );
  });

  it('an Umlauf takes written statements only where the body’s rules provide for them', () => {
    expect(recordedBallotEligibility(body, umlauf, 'amt-4', false, 'object')).toEqual({
      kind: 'vote',
      officeId: 'amt-4',
    });
    const strict = makeBody({ voting: 6, commissioners: 1, umlauf: { writtenStatements: false } });
    expect(recordedBallotEligibility(strict, umlauf, 'amt-4', false, 'yes')).toEqual({
      kind: 'refused',
      reason: 'writtenNotAllowed',
    });
  });

  it('the protocol marks a recorded ballot wherever it names the office', () => {
    const castAt = new Date('2026-11-22T10:00:00Z');
    const v = protocolVote(body, {
      openedAt: castAt,
      closed: true,
      electorate: ['amt-1', 'amt-2', 'amt-4'],
      grants: [],
      ballots: [
        { officeId: 'amt-1', choice: 'yes', castAt, capacity: 'vote', argument: '' },
        { officeId: 'amt-2', choice: 'yes', castAt, capacity: 'vote', argument: '' },
        {
          officeId: 'amt-4',
          choice: 'no',
          castAt,
          capacity: 'vote',
          argument: 'Zu teuer',
          recordedBy: 'secretariat',
        },
      ],
    });
    expect(v.ballots).toEqual([
      { office: 'Amt 1', choice: 'yes' },
      { office: 'Amt 2', choice: 'yes' },
      { office: 'Amt 4', choice: 'no', recorded: true },
    ]);
    expect(v.argumentsAgainst).toEqual([{ office: 'Amt 4', text: 'Zu teuer', recorded: true }]);
  });
});

describe('the offices on the SPK’s form (rules core)', () => {
  it('session: in the base or present to advise, never on Teams or the SPK; Umlauf: all without Teams', async () => {
    const { recordableOffices } = await import('../../src/domain/ballots.js');
    const ids = (list: { id: string }[]) => list.map((o) => o.id);
    const session = { kind: 'session' as const, electorate: ['amt-1', 'amt-4'] };
    expect(
      ids(recordableOffices(body, session, ['amt-1', 'amt-4', 'beauftragte-1', 'spk'], new Set(['amt-1']))),
    ).toEqual(['amt-4', 'beauftragte-1']);
    const umlaufFrame = { kind: 'umlauf' as const, electorate: [] };
    expect(ids(recordableOffices(body, umlaufFrame, [], new Set(['amt-1', 'amt-2'])))).toEqual([
      'amt-3',
      'amt-4',
      'amt-5',
      'amt-6',
      'beauftragte-1',
    ]);
    const strict = makeBody({ voting: 6, commissioners: 1, umlauf: { writtenStatements: false } });
    expect(recordableOffices(strict, umlaufFrame, [], new Set())).toEqual([]);
  });
});

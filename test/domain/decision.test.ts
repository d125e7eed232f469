import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Ballot, ballotEligibility, type Choice, tally } from '../../src/domain/ballots.js';
import { decideSessionVote } from '../../src/domain/decision.js';
import { quorumStatus } from '../../src/domain/quorum.js';
import { makeBody, voters } from '../support/bodies.js';

const at = (s: number) => new Date(Date.UTC(2026, 10, 20, 9, 0, s));
const ballots = (choices: Choice[], from = 1): Ballot[] =>
  choices.map((choice, i) => ({ officeId: `amt-${from + i}`, choice, castAt: at(i) }));
const repeat = (choice: Choice, n: number): Choice[] => Array.from({ length: n }, () => choice);

describe('quorum', () => {
  it.each([
    ['13 voting offices → 7 needed', 13, 7],
    ['20 voting offices → 10 needed', 20, 10],
    ['1 voting office → 1 needed', 1, 1],
  ])('%s', (_n, voting, needed) => {
    expect(quorumStatus(makeBody({ voting }), []).needed).toBe(needed);
  });

  it('is quorate at exactly half and not one below', () => {
    const body = makeBody({ voting: 20 });
    expect(quorumStatus(body, voters(10)).quorate).toBe(true);
    expect(quorumStatus(body, voters(9)).quorate).toBe(false);
  });

  it('counts an office once, and advisory offices and unknown ids not at all', () => {
    const body = makeBody({ voting: 4, commissioners: 2 });
    const s = quorumStatus(body, ['amt-1', 'amt-1', 'beauftragte-1', 'spk', 'nobody']);
    expect(s).toEqual({ votingMembers: 4, presentVoting: 1, needed: 2, quorate: false });
  });

  it('is monotone: more offices present never loses quorum (property)', () => {
    const body = makeBody({ voting: 15 });
    const ids = voters(15);
    fc.assert(
      fc.property(fc.subarray(ids), fc.subarray(ids), (a, b) => {
        const before = quorumStatus(body, a);
        const after = quorumStatus(body, [...a, ...b]);
        expect(after.presentVoting).toBeGreaterThanOrEqual(before.presentVoting);
        if (before.quorate) expect(after.quorate).toBe(true);
      }),
    );
  });
});

describe('decideSessionVote (default: 2/3 of the present voting members)', () => {
  const body = makeBody({ voting: 13 });

  it('9 present → 6 yes needed', () => {
    const outcome = decideSessionVote(body, {
      electorate: voters(9),
      grants: [],
      ballots: [],
      closed: false,
    });
    expect(outcome).toMatchObject({ kind: 'open', required: 6, stillNeeded: 6, reached: false, base: 9 });
  });

  it('10 present, 6 yes, 2 no, 2 abstain → rejected', () => {
    const choices = [...repeat('yes', 6), ...repeat('no', 2), ...repeat('abstain', 2)];
    const outcome = decideSessionVote(body, {
      electorate: voters(10),
      grants: [],
      ballots: ballots(choices),
      closed: true,
    });
    expect(outcome).toMatchObject({ kind: 'rejected', required: 7, tally: { yes: 6, no: 2, abstain: 2 } });
  });

  it('10 present, 7 yes → adopted', () => {
    const outcome = decideSessionVote(body, {
      electorate: voters(10),
      grants: [],
      ballots: ballots(repeat('yes', 7)),
      closed: true,
    });
    expect(outcome).toMatchObject({ kind: 'adopted', required: 7 });
  });

  it('a present office that casts no ballot counts against', () => {
    // 10 present, 7 needed; 6 yes and nobody else votes: not adopted.
    const outcome = decideSessionVote(body, {
      electorate: voters(10),
      grants: [],
      ballots: ballots(repeat('yes', 6)),
      closed: true,
    });
    expect(outcome).toMatchObject({ kind: 'rejected', base: 10, required: 7 });
    if (outcome.kind !== 'rejected') throw new Error('unreachable');
    expect([...outcome.tally.notVoted].sort()).toEqual(voters(4, 7).sort());
  });

  it('below quorum the vote is not quorate, whatever the ballots', () => {
    const outcome = decideSessionVote(body, {
      electorate: voters(6),
      grants: [],
      ballots: ballots(repeat('yes', 6)),
      closed: true,
    });
    expect(outcome).toMatchObject({ kind: 'notQuorate', presentVoting: 6, needed: 7 });
  });

  it('while open, reports whether the majority is reached so far', () => {
    const outcome = decideSessionVote(body, {
      electorate: voters(9),
      grants: [],
      ballots: ballots(repeat('yes', 6)),
      closed: false,
    });
    expect(outcome).toMatchObject({ kind: 'open', reached: true, stillNeeded: 0 });
  });
});

describe('other majority rules, each with its base', () => {
  const ten = voters(10);
  const mixed = ballots([...repeat('yes', 4), ...repeat('no', 3), ...repeat('abstain', 3)]);
  it.each([
    [
      'simple majority of ballots cast: 4 of 10 cast',
      { fraction: '1/2', comparison: 'moreThan', base: 'ballotsCast' },
      'rejected',
      6,
    ],
    [
      'simple majority of yes and no: 4 > 3',
      { fraction: '1/2', comparison: 'moreThan', base: 'yesAndNoVotes' },
      'adopted',
      4,
    ],
    [
      'majority of present members: 4 of 10',
      { fraction: '1/2', comparison: 'moreThan', base: 'presentVotingMembers' },
      'rejected',
      6,
    ],
    [
      'unanimity of the present',
      { fraction: '1/1', comparison: 'atLeast', base: 'presentVotingMembers' },
      'rejected',
      10,
    ],
    [
      '2/3 of all voting members (12)',
      { fraction: '2/3', comparison: 'atLeast', base: 'allVotingMembers' },
      'rejected',
      8,
    ],
  ])('%s', (_name, majority, kind, required) => {
    const body = makeBody({ voting: 12, majority });
    const outcome = decideSessionVote(body, { electorate: ten, grants: [], ballots: mixed, closed: true });
    expect(outcome).toMatchObject({ kind, required });
  });

  it('unanimity is reached when every present office says yes', () => {
    const body = makeBody({
      voting: 5,
      majority: { fraction: '1/1', comparison: 'atLeast', base: 'presentVotingMembers' },
    });
    const outcome = decideSessionVote(body, {
      electorate: voters(5),
      grants: [],
      ballots: ballots(repeat('yes', 5)),
      closed: true,
    });
    expect(outcome.kind).toBe('adopted');
  });
});

describe('eligibility', () => {
  const body = makeBody({ voting: 10, commissioners: 2 });
  const frame = { kind: 'session' as const, status: 'open' as const, electorate: voters(8), grants: [] };

  it.each([
    [
      'a present voting office votes',
      { kind: 'member', officeId: 'amt-1' },
      undefined,
      { kind: 'vote', officeId: 'amt-1' },
    ],
    [
      'an absent voting office is refused',
      { kind: 'member', officeId: 'amt-9' },
      undefined,
      { kind: 'refused', reason: 'notPresent' },
    ],
    [
      'a commissioner gives an advisory opinion',
      { kind: 'member', officeId: 'beauftragte-1' },
      undefined,
      { kind: 'advisory', officeId: 'beauftragte-1' },
    ],
    ['a non-member is refused', { kind: 'none' }, undefined, { kind: 'refused', reason: 'notMember' }],
    [
      'a pending member is refused',
      { kind: 'pending', officeId: 'amt-1' },
      undefined,
      { kind: 'refused', reason: 'pendingMember' },
    ],
    [
      'card data naming another office is refused (no proxies)',
      { kind: 'member', officeId: 'amt-1' },
      'amt-2',
      { kind: 'refused', reason: 'otherOffice' },
    ],
    [
      'card data naming the own office is fine',
      { kind: 'member', officeId: 'amt-1' },
      'amt-1',
      { kind: 'vote', officeId: 'amt-1' },
    ],
  ] as const)('%s', (_name, actor, claimed, expected) => {
    expect(ballotEligibility(body, frame, actor, 'yes', claimed)).toEqual(expected);
  });

  it('a closed vote accepts nothing', () => {
    expect(
      ballotEligibility(body, { ...frame, status: 'closed' }, { kind: 'member', officeId: 'amt-1' }, 'yes'),
    ).toEqual({
      kind: 'refused',
      reason: 'voteClosed',
    });
  });

  it('an objection is only for an Umlaufverfahren', () => {
    expect(ballotEligibility(body, frame, { kind: 'member', officeId: 'amt-1' }, 'object')).toEqual({
      kind: 'refused',
      reason: 'objectionNotAllowed',
    });
  });

  it('a per-case grant lets that one commissioner vote on that one item only', () => {
    const granted = { ...frame, electorate: [...voters(8), 'beauftragte-1'], grants: ['beauftragte-1'] };
    const commissioner = { kind: 'member', officeId: 'beauftragte-1' } as const;
    const other = { kind: 'member', officeId: 'beauftragte-2' } as const;
    expect(ballotEligibility(body, granted, commissioner, 'yes')).toEqual({
      kind: 'vote',
      officeId: 'beauftragte-1',
    });
    expect(ballotEligibility(body, granted, other, 'yes')).toEqual({
      kind: 'advisory',
      officeId: 'beauftragte-2',
    });
    // The next item has no grant: advisory again.
    expect(ballotEligibility(body, frame, commissioner, 'yes')).toEqual({
      kind: 'advisory',
      officeId: 'beauftragte-1',
    });
  });

  it('a granted commissioner counts in the base and the tally of that item', () => {
    const outcome = decideSessionVote(body, {
      electorate: [...voters(6), 'beauftragte-1'],
      grants: ['beauftragte-1'],
      ballots: [...ballots(repeat('yes', 4)), { officeId: 'beauftragte-1', choice: 'yes', castAt: at(9) }],
      closed: true,
    });
    // 7 present with the grant → 5 needed; 4 offices + the commissioner = 5 yes.
    expect(outcome).toMatchObject({ kind: 'adopted', base: 7, required: 5, tally: { yes: 5 } });
  });

  it('an advisory ballot never changes the outcome', () => {
    const base = { electorate: voters(9), grants: [], closed: true };
    const without = decideSessionVote(body, { ...base, ballots: ballots(repeat('yes', 5)) });
    const withAdvisory = decideSessionVote(body, {
      ...base,
      ballots: [...ballots(repeat('yes', 5)), { officeId: 'beauftragte-1', choice: 'yes', castAt: at(30) }],
    });
    expect(withAdvisory).toEqual(without);
    expect(withAdvisory.kind).toBe('rejected');
  });
});

describe('tally properties', () => {
  const body = makeBody({ voting: 12, commissioners: 2 });
  const offices = [...voters(12), 'beauftragte-1', 'beauftragte-2', 'spk'];
  const ballotArb = fc.record({
    officeId: fc.constantFrom(...offices),
    choice: fc.constantFrom<Choice>('yes', 'no', 'abstain'),
    castAt: fc.integer({ min: 0, max: 50 }).map(at),
  });
  const electorateArb = fc.subarray(voters(12), { minLength: 6 });

  it('the outcome does not depend on ballot order', () => {
    fc.assert(
      fc.property(
        electorateArb,
        fc.array(ballotArb, { maxLength: 40 }),
        fc.boolean(),
        (electorate, list, closed) => {
          const shuffled = [...list].reverse();
          const a = decideSessionVote(body, { electorate, grants: [], ballots: list, closed });
          const b = decideSessionVote(body, { electorate, grants: [], ballots: shuffled, closed });
          expect(b).toEqual(a);
        },
      ),
    );
  });

  it('adding a yes-vote never turns adopted into rejected', () => {
    fc.assert(
      fc.property(electorateArb, fc.array(ballotArb, { maxLength: 30 }), (electorate, list) => {
        const before = decideSessionVote(body, { electorate, grants: [], ballots: list, closed: true });
        const voted = new Set(tally(electorate, list).counted.map((b) => b.officeId));
        const newcomer = electorate.find((id) => !voted.has(id));
        fc.pre(newcomer !== undefined);
        const after = decideSessionVote(body, {
          electorate,
          grants: [],
          ballots: [...list, { officeId: newcomer as string, choice: 'yes', castAt: at(99) }],
          closed: true,
        });
        if (before.kind === 'adopted') expect(after.kind).toBe('adopted');
      }),
    );
  });

  it('no office is ever counted twice', () => {
    fc.assert(
      fc.property(electorateArb, fc.array(ballotArb, { maxLength: 60 }), (electorate, list) => {
        const t = tally(electorate, list);
        const ids = t.counted.map((b) => b.officeId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(t.yes + t.no + t.abstain + t.objections + t.notVoted.length).toBe(new Set(electorate).size);
        for (const id of ids) expect(electorate).toContain(id);
      }),
    );
  });

  it('an office’s latest ballot is the one that counts', () => {
    const t = tally(voters(3), [
      { officeId: 'amt-1', choice: 'no', castAt: at(1) },
      { officeId: 'amt-1', choice: 'yes', castAt: at(5) },
      { officeId: 'amt-1', choice: 'abstain', castAt: at(3) },
    ]);
    expect(t).toMatchObject({ yes: 1, no: 0, abstain: 0, notVoted: ['amt-2', 'amt-3'] });
  });
});

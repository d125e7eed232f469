import { describe, expect, it } from 'vitest';
import type { Ballot, Choice } from '../../src/domain/ballots.js';
import { decideUmlauf } from '../../src/domain/umlauf.js';
import { makeBody } from '../support/bodies.js';

const at = (s: number) => new Date(Date.UTC(2026, 10, 20, 9, 0, s));
const ballots = (choices: Choice[], from = 1): Ballot[] =>
  choices.map((choice, i) => ({ officeId: `amt-${from + i}`, choice, castAt: at(i) }));
const repeat = (choice: Choice, n: number): Choice[] => Array.from({ length: n }, () => choice);

// 10 voting offices: participation needs 5 ballots; 2/3 of the ballots cast must be yes.
const body = makeBody({ voting: 10 });

describe('Umlaufverfahren at the deadline', () => {
  it('adopted: 6 of 8 ballots yes (2/3 of 8 = 6)', () => {
    const outcome = decideUmlauf(body, {
      grants: [],
      ballots: ballots([...repeat('yes', 6), 'no', 'abstain']),
      closed: true,
    });
    expect(outcome).toMatchObject({ kind: 'adopted', base: 8, required: 6 });
  });

  it('rejected: abstentions count against (5 yes of 8)', () => {
    const outcome = decideUmlauf(body, {
      grants: [],
      ballots: ballots([...repeat('yes', 5), 'no', 'abstain', 'abstain']),
      closed: true,
    });
    expect(outcome).toMatchObject({ kind: 'rejected', required: 6 });
  });

  it('too few offices took part: 4 of 10 (5 needed), even if all said yes', () => {
    const outcome = decideUmlauf(body, { grants: [], ballots: ballots(repeat('yes', 4)), closed: true });
    expect(outcome).toMatchObject({ kind: 'insufficientParticipation', cast: 4, needed: 5 });
  });

  it('one objection ends the procedure, whatever the other ballots', () => {
    const outcome = decideUmlauf(body, {
      grants: [],
      ballots: ballots([...repeat('yes', 8), 'object']),
      closed: true,
    });
    expect(outcome).toMatchObject({ kind: 'objected', by: ['amt-9'] });
  });

  it('the majority base is the body’s setting (here: all voting members)', () => {
    const strict = makeBody({
      voting: 10,
      umlauf: { majority: { fraction: '1/2', comparison: 'moreThan', base: 'allVotingMembers' } },
    });
    const outcome = decideUmlauf(strict, { grants: [], ballots: ballots(repeat('yes', 5)), closed: true });
    expect(outcome).toMatchObject({ kind: 'rejected', base: 10, required: 6 });
  });

  it('an advisory office’s ballot is not counted; a granted one is', () => {
    // 5 yes, 2 no: 5 of 7 ≥ ⌈14/3⌉ = 5. The commissioner's no makes it 5 of 8 < 6 only with a grant.
    const withCommissioner = [
      ...ballots([...repeat('yes', 5), 'no', 'no']),
      { officeId: 'beauftragte-1', choice: 'no' as const, castAt: at(20) },
    ];
    expect(decideUmlauf(body, { grants: [], ballots: withCommissioner, closed: true })).toMatchObject({
      kind: 'adopted',
      base: 7,
    });
    expect(
      decideUmlauf(body, { grants: ['beauftragte-1'], ballots: withCommissioner, closed: true }),
    ).toMatchObject({
      kind: 'rejected',
      base: 8,
    });
  });
});

describe('Umlaufverfahren while open: early closing', () => {
  const noObjection = makeBody({ voting: 10, umlauf: { objectionAllowed: false } });

  it('not settled while the offices that have not voted could still change the outcome', () => {
    const outcome = decideUmlauf(noObjection, {
      grants: [],
      ballots: ballots(repeat('yes', 5)),
      closed: false,
    });
    expect(outcome).toMatchObject({ kind: 'open', cast: 5, participationNeeded: 5 });
    expect(outcome.kind === 'open' && outcome.settled).toBeUndefined();
  });

  it('settled as rejected once yes can no longer reach 2/3 of the ballots', () => {
    // 5 no (participation met): even 5 more yes give 5 of 10 < 7.
    const outcome = decideUmlauf(noObjection, {
      grants: [],
      ballots: ballots(repeat('no', 5)),
      closed: false,
    });
    expect(outcome).toMatchObject({ kind: 'open', settled: 'rejected' });
  });

  it('not settled when the remaining offices decide between rejected and too little participation', () => {
    const outcome = decideUmlauf(noObjection, {
      grants: [],
      ballots: ballots(repeat('no', 4)),
      closed: false,
    });
    expect(outcome.kind === 'open' && outcome.settled).toBeUndefined();
  });

  it('settled as adopted once every office has voted and enough said yes', () => {
    const outcome = decideUmlauf(noObjection, {
      grants: [],
      ballots: ballots([...repeat('yes', 9), 'no']),
      closed: false,
    });
    expect(outcome).toMatchObject({ kind: 'open', settled: 'adopted', stillNeeded: 0 });
  });

  it('with objections allowed, adoption is never settled early while an office could still object', () => {
    const outcome = decideUmlauf(body, { grants: [], ballots: ballots(repeat('yes', 9)), closed: false });
    expect(outcome.kind === 'open' && outcome.settled).toBeUndefined();
  });

  it('an objection already cast settles the procedure as objected', () => {
    const outcome = decideUmlauf(body, { grants: [], ballots: ballots(['object']), closed: false });
    expect(outcome).toMatchObject({ kind: 'open', settled: 'objected' });
  });

  it('the early-closing check is exact for a large body (25 offices) and quick', () => {
    const big = makeBody({ voting: 25 });
    const started = performance.now();
    const outcome = decideUmlauf(big, { grants: [], ballots: ballots(repeat('no', 1)), closed: false });
    expect(outcome.kind).toBe('open');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('settled matches the outcome at the deadline for every completion (exhaustive on 4 offices)', () => {
    const small = makeBody({ voting: 4, commissioners: 0 });
    const choices: (Choice | null)[] = [null, 'yes', 'no', 'abstain', 'object'];
    const all = (n: number): (Choice | null)[][] =>
      n === 0 ? [[]] : all(n - 1).flatMap((rest) => choices.map((c) => [c, ...rest]));
    for (const cast of all(2)) {
      const current = cast.flatMap((c, i) =>
        c ? [{ officeId: `amt-${i + 1}`, choice: c, castAt: at(i) }] : [],
      );
      const open = decideUmlauf(small, { grants: [], ballots: current, closed: false });
      if (open.kind !== 'open' || !open.settled) continue;
      for (const later of all(2)) {
        const rest = later.flatMap((c, i) =>
          c && !cast[i + 2] ? [{ officeId: `amt-${i + 3}`, choice: c, castAt: at(10 + i) }] : [],
        );
        expect(decideUmlauf(small, { grants: [], ballots: [...current, ...rest], closed: true }).kind).toBe(
          open.settled,
        );
      }
    }
  });
});

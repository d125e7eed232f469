import { describe, expect, it } from 'vitest';
import { attendanceCapacity, electorateAtOpening, mayBeGrantedVote } from '../../src/domain/ballots.js';
import { makeBody } from '../support/bodies.js';

const body = makeBody({ voting: 4, commissioners: 2, advisory: 1 });

describe('the base of a session vote at opening', () => {
  it('is the voting offices present', () => {
    expect(electorateAtOpening(body, ['amt-2', 'amt-1', 'beauftragte-1', 'beirat-1', 'spk'], [])).toEqual([
      'amt-1',
      'amt-2',
    ]);
  });

  it('adds present commissioners granted a vote for this item, not absent ones', () => {
    expect(electorateAtOpening(body, ['amt-1', 'beauftragte-1'], ['beauftragte-1', 'beauftragte-2'])).toEqual(
      ['amt-1', 'beauftragte-1'],
    );
  });

  it('a "grant" to an advisory office or an unknown id changes nothing', () => {
    expect(electorateAtOpening(body, ['amt-1', 'beirat-1', 'x'], ['beirat-1', 'x'])).toEqual(['amt-1']);
  });
});

describe('grants and capacity', () => {
  it.each([
    ['beauftragte-1', true],
    ['amt-1', false],
    ['beirat-1', false],
    ['spk', false],
    ['unknown', false],
  ])('may %s be granted a vote: %s', (office, expected) => {
    expect(mayBeGrantedVote(body, office)).toBe(expected);
  });

  it('voting offices attend with a vote, all others to advise', () => {
    expect(['amt-1', 'beauftragte-1', 'beirat-1', 'spk'].map((o) => attendanceCapacity(body, o))).toEqual([
      'voting',
      'advisory',
      'advisory',
      'advisory',
    ]);
  });
});

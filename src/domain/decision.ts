import type { Ballot, Tally } from './ballots.js';
import { tally } from './ballots.js';
import type { Body, MajorityBase, MajorityRule } from './body.js';
import { votingOffices } from './body.js';
import { quorumStatus } from './quorum.js';
import { requiredCount } from './threshold.js';

/**
 * The outcome of a vote in session. `open` is the state while ballots come in: how many
 * yes-votes the rule needs on the current base, and how many are still missing.
 */
export type SessionOutcome =
  | {
      readonly kind: 'notQuorate';
      readonly presentVoting: number;
      readonly needed: number;
      readonly tally: Tally;
    }
  | ({ readonly kind: 'open'; readonly stillNeeded: number; readonly reached: boolean } & Counts)
  | ({ readonly kind: 'adopted' } & Counts)
  | ({ readonly kind: 'rejected' } & Counts);

type Counts = { readonly base: number; readonly required: number; readonly tally: Tally };

export type SessionVote = {
  /** Voting offices present when the vote opened, plus present offices granted a vote for it. */
  readonly electorate: readonly string[];
  readonly grants: readonly string[];
  readonly ballots: readonly Ballot[];
  readonly closed: boolean;
};

/**
 * Decides a vote in session under the body's quorum and majority rule. With the default
 * rule (2/3 of the present voting members) abstentions and present offices that cast no
 * ballot count against: the base is everyone present, the threshold counts only yes.
 */
export function decideSessionVote(
  body: Body,
  vote: SessionVote,
  rule: MajorityRule = body.majority,
): SessionOutcome {
  const counts = tally(vote.electorate, vote.ballots);
  const voting = new Set(votingOffices(body).map((o) => o.id));
  const quorum = quorumStatus(
    body,
    vote.electorate.filter((id) => voting.has(id)),
  );
  if (!quorum.quorate) {
    return { kind: 'notQuorate', presentVoting: quorum.presentVoting, needed: quorum.needed, tally: counts };
  }
  const base = majorityBase(rule.base, counts, {
    present: new Set(vote.electorate).size,
    allVoting: new Set([...voting, ...vote.grants]).size,
  });
  const required = requiredCount(rule, base);
  const result = { base, required, tally: counts };
  if (!vote.closed) {
    const stillNeeded = Math.max(0, required - counts.yes);
    return { kind: 'open', stillNeeded, reached: stillNeeded === 0, ...result };
  }
  return { kind: counts.yes >= required ? 'adopted' : 'rejected', ...result };
}

export function majorityBase(
  base: MajorityBase,
  counts: Pick<Tally, 'yes' | 'no' | 'abstain'>,
  sizes: { present: number; allVoting: number },
): number {
  switch (base) {
    case 'presentVotingMembers':
      return sizes.present;
    case 'allVotingMembers':
      return sizes.allVoting;
    case 'ballotsCast':
      return counts.yes + counts.no + counts.abstain;
    case 'yesAndNoVotes':
      return counts.yes + counts.no;
  }
}

import { type Body, votingOffices } from './body.js';
import { requiredCount } from './threshold.js';

export type QuorumStatus = {
  /** Voting offices of the body (the quorum's base). */
  readonly votingMembers: number;
  /** Distinct voting offices present; advisory offices and unknown ids do not count. */
  readonly presentVoting: number;
  readonly needed: number;
  readonly quorate: boolean;
};

/**
 * Quorum from the offices present. An office counts once however many of its people are
 * there; per-case voting grants do not change the quorum (they are for one item only).
 */
/** The voting offices not present (for the SPK's line when a meeting starts), in the body's order. */
export function votingOfficesAbsent(body: Body, presentOfficeIds: Iterable<string>): readonly string[] {
  const present = new Set(presentOfficeIds);
  return votingOffices(body)
    .filter((o) => !present.has(o.id))
    .map((o) => o.id);
}

export function quorumStatus(body: Body, presentOfficeIds: Iterable<string>): QuorumStatus {
  const voting = new Set(votingOffices(body).map((o) => o.id));
  const present = new Set([...presentOfficeIds].filter((id) => voting.has(id)));
  const needed = requiredCount(body.quorum, voting.size);
  return { votingMembers: voting.size, presentVoting: present.size, needed, quorate: present.size >= needed };
}

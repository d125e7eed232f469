import { itemVotes } from '../../domain/ballots.js';
import type { Body } from '../../domain/body.js';
import { decideSessionVote, type SessionOutcome } from '../../domain/decision.js';
import { bodyUnder, parseStoredOutcome, parseVoteRules } from '../../domain/vote-rules.js';
import type { SessionSnapshot } from '../../ports/gremien-store.js';
import type { ItemRow, VoteRow } from '../../ports/records.js';
import { ballotsOfVote, countedBallots } from '../shared/ballots.js';
import { sessionAgenda } from '../shared/session-agenda.js';

export type VoteView = {
  readonly body: Body;
  readonly sessionId: string;
  readonly voteId: string;
  readonly item: ItemRow;
  readonly number: number;
  readonly vote: VoteRow;
  readonly outcome: SessionOutcome;
  /** The offices present now (the vote's base was frozen when it opened). */
  readonly present: readonly string[];
  readonly ballots: readonly {
    officeId: string;
    choice: string;
    capacity: 'vote' | 'advisory';
    argument: string;
    /** `secretariat`: recorded by the SPK for an office without Teams. */
    recordedBy: 'office' | 'secretariat';
  }[];
};

/**
 * The id of the vote of an item that counts (the latest not annulled), or the id a new vote
 * takes (`itemVotes` in the rules core).
 */
export function voteIdOf(snapshot: SessionSnapshot, itemId: string): string {
  const votes = itemVotes(itemId, new Map([...snapshot.votes].map(([id, v]) => [id, v.value])));
  return votes.current?.id ?? votes.nextId;
}

/** The annulled votes of an item, oldest first (for the protocol). */
export function annulledVotesOf(snapshot: SessionSnapshot, itemId: string): VoteRow[] {
  return itemVotes(itemId, new Map([...snapshot.votes].map(([id, v]) => [id, v.value]))).annulled.map(
    (a) => a.vote,
  );
}

/** The tally and outcome of a vote as stored (counted ballots only; advisory opinions apart). */
export function voteView(body: Body, snapshot: SessionSnapshot, voteId: string): VoteView | undefined {
  const vote = snapshot.votes.get(voteId);
  if (!vote) return undefined;
  const item = snapshot.items.get(vote.value.itemId)?.value;
  if (!item) return undefined;
  const rows = ballotsOfVote(snapshot, voteId);
  const ballots = countedBallots(rows);
  const agenda = sessionAgenda(snapshot);
  // The rules it was opened under; once closed, the outcome as announced.
  const under = bodyUnder(body, parseVoteRules(vote.value.rules));
  const announced = vote.value.status === 'closed' ? parseStoredOutcome(vote.value.result) : undefined;
  return {
    body: under,
    sessionId: snapshot.sessionId,
    voteId,
    item,
    number: agenda.find((i) => i.id === item.itemId)?.number ?? 0,
    vote: vote.value,
    present: [...snapshot.attendance.values()].filter((a) => a.value.present).map((a) => a.value.officeId),
    outcome:
      announced ??
      decideSessionVote(under, {
        electorate: vote.value.electorate,
        grants: vote.value.grants,
        ballots,
        closed: vote.value.status === 'closed',
      }),
    ballots: rows.map((b) => ({
      officeId: b.officeId,
      choice: b.choice,
      capacity: b.capacity,
      argument: b.argument,
      recordedBy: b.recordedBy,
    })),
  };
}

/** The open votes of a running session, for `stand`. */
export function openVotes(body: Body, snapshot: SessionSnapshot): VoteView[] {
  return [...snapshot.votes.entries()]
    .filter(([, v]) => v.value.status === 'open')
    .map(([id]) => voteView(body, snapshot, id))
    .filter((v): v is VoteView => v !== undefined);
}

/** The vote a command that names none means: the most recently opened open vote on an agenda item. */
export function latestOpenVote(snapshot: SessionSnapshot): string | undefined {
  return [...snapshot.votes.entries()]
    .filter(([, v]) => v.value.status === 'open' && snapshot.items.has(v.value.itemId))
    .sort(([, a], [, b]) =>
      a.value.openedAt < b.value.openedAt ? 1 : a.value.openedAt > b.value.openedAt ? -1 : 0,
    )[0]?.[0];
}

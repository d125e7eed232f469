import {
  ballotEligibility,
  type Choice,
  type Eligibility,
  recordedBallotEligibility,
} from '../../domain/ballots.js';
import { decideSessionVote, type SessionOutcome } from '../../domain/decision.js';
import { LIMITS } from '../../domain/limits.js';
import { textProblem } from '../../domain/text.js';
import type { SessionSnapshot } from '../../ports/gremien-store.js';
import type { BallotRow } from '../../ports/records.js';
import { actorFor } from '../shared/actor.js';
import { ballotAudit, ballotRow, ballotsOfVote, countedBallots, recorderFor } from '../shared/ballots.js';
import type { SessionDeps } from '../shared/deps.js';
import { retryOnConflict } from '../shared/retry.js';
import type { Person } from '../shared/secretariat.js';
import { type VoteView, voteView } from './vote-view.js';

export type CastBallot = {
  readonly bodyId: string;
  readonly sessionId: string;
  readonly voteId: string;
  /** From the platform (`from.aadObjectId`), never from card data. */
  readonly actorAadObjectId: string;
  /** The office the card claims to vote for, if any: must be the actor's own. */
  readonly claimedOfficeId?: string;
  /** The person as the platform gave it (an SPK configured by e-mail acts for the SPK office). */
  readonly actor?: Person;
  readonly choice: Choice;
  readonly argument?: string;
  readonly activityId: string;
  /**
   * The SPK records this office's ballot (an office in the room without Teams). Only SPK people
   * may; the office must have nobody on Teams (src/domain/ballots.ts).
   */
  readonly forOfficeId?: string;
};

export type CastBallotResult =
  | {
      readonly kind: 'recorded' | 'unchanged';
      readonly ballot: BallotRow;
      readonly outcome: SessionOutcome;
      /** The session as read for this cast, with this ballot in it: enough to draw the card without another read. */
      readonly snapshot: SessionSnapshot;
      /** The vote as its card shows it (absent only if its agenda item is missing). */
      readonly view?: VoteView;
    }
  | {
      readonly kind: 'refused';
      readonly reason:
        | Extract<Eligibility, { kind: 'refused' }>['reason']
        | 'unknownBody'
        | 'unknownSession'
        | 'unknownVote'
        | 'argumentTooLong'
        | 'argumentText'
        | 'notSecretariat';
    };

/**
 * Records an office's ballot (or advisory opinion) in a session vote.
 * One write: the ballot row keyed by (vote, office) plus its audit row, in one transaction.
 * A repeat of the same ballot changes nothing; a concurrent change of the same office's
 * ballot makes the transaction fail on its ETag, and the cast is re-read and retried —
 * safe, because casting sets the office's ballot to a value rather than adding to it.
 */
export async function castBallot(deps: SessionDeps, cmd: CastBallot): Promise<CastBallotResult> {
  const body = deps.bodies.get(cmd.bodyId);
  if (!body) return { kind: 'refused', reason: 'unknownBody' };
  const argument = (cmd.argument ?? '').trim();
  if (textProblem(argument, 'multiline')) return { kind: 'refused', reason: 'argumentText' };
  if (argument.length > LIMITS.argument.max) return { kind: 'refused', reason: 'argumentTooLong' };
  const recorder = await recorderFor(deps, body, cmd);
  if (recorder === 'notSecretariat') return { kind: 'refused', reason: 'notSecretariat' };
  const actor = recorder ? undefined : await actorFor(deps, cmd.bodyId, cmd.actorAadObjectId, cmd.actor);

  return retryOnConflict(deps, async (): Promise<CastBallotResult> => {
    const snapshot = await deps.store.loadSession(cmd.bodyId, cmd.sessionId);
    if (!snapshot) return { kind: 'refused', reason: 'unknownSession' };
    const vote = snapshot.votes.get(cmd.voteId);
    if (!vote) return { kind: 'refused', reason: 'unknownVote' };
    const frame = {
      kind: 'session' as const,
      status: vote.value.status,
      electorate: vote.value.electorate,
      grants: vote.value.grants,
    };
    const eligibility = recorder
      ? recordedBallotEligibility(body, frame, recorder.officeId, recorder.onTeams, cmd.choice)
      : ballotEligibility(body, frame, actor ?? { kind: 'none' }, cmd.choice, cmd.claimedOfficeId);
    if (eligibility.kind === 'refused') return { kind: 'refused', reason: eligibility.reason };

    const existing = snapshot.ballots.get(`${cmd.voteId}|${eligibility.officeId}`);
    // The vote as the voters see it after this cast: tally and outcome decided once, here.
    const answer = (s: SessionSnapshot) => {
      const view = voteView(body, s, cmd.voteId);
      const outcome =
        view?.outcome ??
        decideSessionVote(body, {
          electorate: frame.electorate,
          grants: frame.grants,
          ballots: countedBallots(ballotsOfVote(s, cmd.voteId)),
          closed: false,
        });
      return { outcome, snapshot: s, ...(view ? { view } : {}) };
    };

    if (
      existing &&
      existing.value.choice === cmd.choice &&
      existing.value.argument === argument &&
      existing.value.recordedBy === (recorder ? 'secretariat' : 'office')
    ) {
      return { kind: 'unchanged', ballot: existing.value, ...answer(snapshot) };
    }
    const now = deps.clock.now();
    const ballot = ballotRow({ ...cmd, argument, recorded: recorder !== undefined }, eligibility, now);
    await deps.store.commitSession(
      cmd.bodyId,
      cmd.sessionId,
      [{ kind: 'ballot', value: ballot, etag: existing?.etag }],
      ballotAudit(deps, ballot, existing?.value, `vote/${cmd.voteId}`, 'ballot'),
    );
    const withBallot = new Map(snapshot.ballots);
    withBallot.set(`${ballot.voteId}|${ballot.officeId}`, { value: ballot, etag: '' });
    return { kind: 'recorded', ballot, ...answer({ ...snapshot, ballots: withBallot }) };
  });
}

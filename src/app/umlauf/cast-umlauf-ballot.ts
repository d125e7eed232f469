import {
  ballotEligibility,
  type Choice,
  type Eligibility,
  recordedBallotEligibility,
} from '../../domain/ballots.js';
import { LIMITS } from '../../domain/limits.js';
import { textProblem } from '../../domain/text.js';
import { umlaufDeadlinePassed, umlaufElectorate } from '../../domain/umlauf.js';
import { bodyUnderUmlauf, parseUmlaufRules } from '../../domain/vote-rules.js';
import type { BallotRow, UmlaufRow } from '../../ports/records.js';
import { recordUmlaufDecision } from '../register/record-decision.js';
import { actorFor } from '../shared/actor.js';
import { ballotAudit, ballotRow, recorderFor } from '../shared/ballots.js';
import { retryOnConflict } from '../shared/retry.js';
import type { Person } from '../shared/secretariat.js';
import { ballotsAsRead, closedRow } from './closing.js';
import { type UmlaufDeps, type UmlaufView, viewOf } from './umlauf-view.js';

export type CastUmlaufBallot = {
  readonly bodyId: string;
  readonly umlaufId: string;
  /** From the platform, never from card data. */
  readonly actorAadObjectId: string;
  readonly choice: Choice;
  readonly argument: string;
  readonly activityId: string;
  /** An office named by the card; refused unless it is the actor's own. */
  readonly claimedOfficeId?: string;
  /** The person as the platform gave it (an SPK configured by e-mail acts for the SPK office). */
  readonly actor?: Person;
  /** The SPK records this office's written statement (an office without Teams; body rule `writtenStatements`). */
  readonly forOfficeId?: string;
};

export type CastUmlaufResult =
  | { readonly kind: 'recorded' | 'unchanged'; readonly ballot: BallotRow; readonly view: UmlaufView }
  /** This ballot settled the outcome: the Umlauf is closed and its result goes out. */
  | { readonly kind: 'recordedAndClosed'; readonly ballot: BallotRow; readonly view: UmlaufView }
  | {
      readonly kind: 'refused';
      readonly reason:
        | Extract<Eligibility, { kind: 'refused' }>['reason']
        | 'unknownBody'
        | 'unknownUmlauf'
        | 'deadlinePassed'
        | 'argumentTooLong'
        | 'argumentText'
        | 'notSecretariat';
    };

export async function castUmlaufBallot(deps: UmlaufDeps, cmd: CastUmlaufBallot): Promise<CastUmlaufResult> {
  const body = deps.bodies.get(cmd.bodyId);
  if (!body) return { kind: 'refused', reason: 'unknownBody' };
  const argument = cmd.argument.trim();
  if (textProblem(argument, 'multiline')) return { kind: 'refused', reason: 'argumentText' };
  if (argument.length > LIMITS.argument.max) return { kind: 'refused', reason: 'argumentTooLong' };
  const recorder = await recorderFor(deps, body, cmd);
  if (recorder === 'notSecretariat') return { kind: 'refused', reason: 'notSecretariat' };
  const actor = recorder ? undefined : await actorFor(deps, body.id, cmd.actorAadObjectId, cmd.actor);

  const result = await retryOnConflict(deps, async (): Promise<CastUmlaufResult> => {
    const snapshot = await deps.store.loadUmlauf(body.id, cmd.umlaufId);
    if (!snapshot) return { kind: 'refused', reason: 'unknownUmlauf' };
    const umlauf = snapshot.umlauf.value;
    const now = deps.clock.now();
    if (umlauf.status === 'closed') return { kind: 'refused', reason: 'voteClosed' };
    if (umlaufDeadlinePassed(new Date(umlauf.deadline), now))
      return { kind: 'refused', reason: 'deadlinePassed' };
    // Who may cast is decided under the rules the Umlauf opened with.
    const under = bodyUnderUmlauf(body, parseUmlaufRules(umlauf.rules));
    const frame = {
      kind: 'umlauf' as const,
      status: umlauf.status,
      electorate: umlaufElectorate(under, []),
      grants: [],
    };
    const eligibility = recorder
      ? recordedBallotEligibility(under, frame, recorder.officeId, recorder.onTeams, cmd.choice)
      : ballotEligibility(under, frame, actor ?? { kind: 'none' }, cmd.choice, cmd.claimedOfficeId);
    if (eligibility.kind === 'refused') return { kind: 'refused', reason: eligibility.reason };

    const existing = snapshot.ballots.get(eligibility.officeId);
    if (
      existing &&
      existing.value.choice === cmd.choice &&
      existing.value.argument === argument &&
      existing.value.recordedBy === (recorder ? 'secretariat' : 'office')
    ) {
      return { kind: 'unchanged', ballot: existing.value, view: viewOf(body, snapshot) };
    }
    const ballot = ballotRow(
      { ...cmd, voteId: cmd.umlaufId, argument, recorded: recorder !== undefined },
      eligibility,
      now,
    );
    const ballots = new Map(snapshot.ballots);
    ballots.set(ballot.officeId, { value: ballot, etag: '' });
    const after = viewOf(body, { ...snapshot, ballots });
    // Nothing still to come can change the outcome: close in the same transaction.
    const settled = after.outcome.kind === 'open' ? after.outcome.settled : undefined;
    const closing: UmlaufRow | undefined = settled
      ? closedRow(
          body,
          umlauf,
          [...ballots.values()].map((b) => b.value),
          'settled',
          now,
        )
      : undefined;
    await deps.store.commitUmlauf(
      body.id,
      cmd.umlaufId,
      [
        { kind: 'ballot', value: ballot, etag: existing?.etag },
        ...(closing
          ? [
              { kind: 'umlauf' as const, value: closing, etag: snapshot.umlauf.etag },
              ...ballotsAsRead(body, snapshot, ballot.officeId),
            ]
          : []),
      ],
      ballotAudit(
        deps,
        ballot,
        existing?.value,
        `umlauf/${cmd.umlaufId}`,
        'umlauf.ballot',
        closing ? { closed: 'settled' } : {},
      ),
    );
    if (closing) {
      return {
        kind: 'recordedAndClosed',
        ballot,
        view: viewOf(body, { ...snapshot, umlauf: { value: closing, etag: '' }, ballots }),
      };
    }
    return { kind: 'recorded', ballot, view: after };
  });
  if (result.kind === 'recordedAndClosed') {
    await recordUmlaufDecision(deps, body, result.view).catch(() => undefined);
    await deps.planner.planUmlaufResult(body, cmd.umlaufId, new Date(result.view.umlauf.closedAt));
  }
  return result;
}

import { createHash } from 'node:crypto';
import {
  type Ballot,
  ballotEligibility,
  type Choice,
  type Eligibility,
  recordableOffices,
  recordedBallotEligibility,
} from '../domain/ballots.js';
import type { Body, LocalTime } from '../domain/body.js';
import { instantAt, localDateOf, localTimeOf, parseUserDate } from '../domain/calendar.js';
import { LIMITS } from '../domain/limits.js';
import { checkUmlaufDeadline, defaultUmlaufDeadline } from '../domain/notifications.js';
import { textProblem } from '../domain/text.js';
import {
  decideUmlauf,
  type UmlaufOutcome,
  type UmlaufProblem,
  umlaufDeadlinePassed,
  umlaufElectorate,
  validateUmlaufDraft,
} from '../domain/umlauf.js';
import { StorageConflictError } from '../ports/errors.js';
import type { UmlaufChange, UmlaufSnapshot } from '../ports/gremien-store.js';
import type { NotificationPlanner } from '../ports/notification-planner.js';
import { type BallotRow, type UmlaufResult, UmlaufResultSchema, type UmlaufRow } from '../ports/records.js';
import { actorFor } from './actor.js';
import { ballotAudit, ballotRow, recorderFor } from './cast-ballot.js';
import { retryOnConflict, type SessionDeps } from './deps.js';
import { isSecretariat, type Person } from './secretariat.js';
import { auditEntry } from './shared/audit.js';
import { splitDocuments } from './topics.js';

/**
 * The Umlaufverfahren (circular vote): opened by the SPK with a deadline, decided by ballots
 * of the voting offices without a session, closed at the deadline or as soon as no ballot
 * still to come could change the outcome. Its rules are the body's `umlauf` settings.
 */
export type UmlaufDeps = SessionDeps & {
  readonly secretariatMembers: (bodyId: string) => readonly string[];
  readonly planner: NotificationPlanner;
};

export type OpenUmlauf = {
  readonly bodyId: string;
  readonly actor: Person;
  readonly title: string;
  readonly text: string;
  readonly documents: string;
  /** Local date and time (Europe/Berlin); empty for the body's default. */
  readonly deadlineDate: string;
  readonly deadlineTime: string;
  readonly activityId: string;
};

export type OpenUmlaufResult =
  | { readonly kind: 'opened' | 'exists'; readonly body: Body; readonly view: UmlaufView }
  | { readonly kind: 'refused'; readonly reason: 'unknownBody' | 'notSecretariat' }
  | { readonly kind: 'invalid'; readonly problems: readonly UmlaufProblem[] };

export type UmlaufView = {
  readonly bodyId: string;
  readonly umlaufId: string;
  readonly umlauf: UmlaufRow;
  readonly ballots: readonly BallotRow[];
  readonly outcome: UmlaufOutcome;
  /** The outcome as it stands if it closed now (what the result card shows once closed). */
  readonly final: Exclude<UmlaufOutcome, { kind: 'open' }>;
  readonly electorate: readonly string[];
};

/** Ids start with the opening date, so a body's Umlaufverfahren sort by date; the rest comes from the activity (a re-delivered submit is the same Umlauf). */
export function umlaufIdOf(openedAt: Date, activityId: string): string {
  const hash = createHash('sha256').update(activityId).digest('hex').slice(0, 8);
  return `${localDateOf(openedAt)}-${localTimeOf(openedAt).replace(':', '')}-${hash}`;
}

export async function openUmlauf(deps: UmlaufDeps, cmd: OpenUmlauf): Promise<OpenUmlaufResult> {
  const body = deps.bodies.get(cmd.bodyId);
  if (!body) return { kind: 'refused', reason: 'unknownBody' };
  if (!(await isSecretariat(deps.store, body, cmd.actor, deps.secretariatMembers(body.id)))) {
    return { kind: 'refused', reason: 'notSecretariat' };
  }
  const now = deps.clock.now();
  const title = cmd.title.trim();
  const text = cmd.text.trim();
  const documents = splitDocuments(cmd.documents)
    .map((d) => String(d).trim())
    .filter((d) => d !== '');
  const problems = [...validateUmlaufDraft({ title, text, documents })];
  const deadline = deadlineOf(body, now, cmd.deadlineDate, cmd.deadlineTime);
  if ('problem' in deadline) problems.push(deadline.problem);
  if (problems.length > 0 || !('at' in deadline)) return { kind: 'invalid', problems };

  const umlaufId = umlaufIdOf(now, cmd.activityId);
  const row: UmlaufRow = {
    title,
    text,
    documents,
    deadline: deadline.at.toISOString(),
    objectionAllowed: body.umlauf.objectionAllowed,
    status: 'open',
    openedAt: now.toISOString(),
    openedBy: cmd.actor.aadObjectId,
    closeReason: '',
    closedAt: '',
    outcome: '',
  };
  try {
    await deps.store.commitUmlauf(
      body.id,
      umlaufId,
      [{ kind: 'umlauf', value: row }],
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: 'umlauf.opened',
        target: `umlauf/${umlaufId}`,
        after: { title, deadline: row.deadline, documents: row.documents },
        activityId: cmd.activityId,
      }),
    );
  } catch (e) {
    if (!(e instanceof StorageConflictError)) throw e;
    const view = await umlaufView(deps, body, umlaufId);
    if (!view) throw e;
    return { kind: 'exists', body, view };
  }
  // The card to everyone now, reminders before and the close at the deadline: all through
  // the scheduler, so each goes out exactly once even with several instances.
  await deps.planner.planUmlauf(body, umlaufId, now, deadline.at);
  const view = await umlaufView(deps, body, umlaufId);
  if (!view) throw new Error(`Umlauf ${umlaufId} vanished after opening`);
  return { kind: 'opened', body, view };
}

/** Empty date: the body's default. A typed date and time are local (Europe/Berlin); time defaults to 12:00. */
function deadlineOf(
  body: Body,
  now: Date,
  dateText: string,
  timeText: string,
): { at: Date } | { problem: UmlaufProblem } {
  const date = dateText.trim();
  if (date === '') return { at: defaultUmlaufDeadline(body, now) };
  const day = parseUserDate(date);
  const time = timeText.trim() || '12:00';
  if (!day || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) {
    return { problem: { field: 'deadline', code: 'invalid' } };
  }
  const checked = checkUmlaufDeadline(body, now, instantAt(day, time as LocalTime));
  if (checked.kind === 'past') return { problem: { field: 'deadline', code: 'past' } };
  if (checked.kind === 'tooFar')
    return { problem: { field: 'deadline', code: 'tooFar', limit: checked.maxHours } };
  return { at: checked.deadline };
}

export async function umlaufView(
  deps: Pick<SessionDeps, 'store' | 'clock'>,
  body: Body,
  umlaufId: string,
): Promise<UmlaufView | undefined> {
  const snapshot = await deps.store.loadUmlauf(body.id, umlaufId);
  return snapshot ? viewOf(body, snapshot) : undefined;
}

/**
 * The offices whose written statement the SPK may record in this Umlauf: those of its electorate
 * or advisory ones, with nobody on Teams (empty once it closed, or where the body's rules do not
 * provide for written statements).
 */
export async function recordableUmlaufOffices(
  deps: Pick<SessionDeps, 'store'>,
  body: Body,
  view: UmlaufView,
): Promise<{ id: string; name: string }[]> {
  if (view.umlauf.status !== 'open') return [];
  const onTeams = new Set(
    (await deps.store.members(body.id))
      .filter((m) => m.value.status === 'approved')
      .map((m) => m.value.officeId),
  );
  return recordableOffices(body, { kind: 'umlauf', electorate: view.electorate }, [], onTeams);
}

export function viewOf(body: Body, snapshot: UmlaufSnapshot): UmlaufView {
  const ballots = [...snapshot.ballots.values()].map((b) => b.value);
  const umlauf = snapshot.umlauf.value;
  return {
    bodyId: snapshot.bodyId,
    umlaufId: snapshot.umlaufId,
    umlauf,
    ballots,
    outcome: decideUmlauf(body, {
      grants: [],
      ballots: counted(ballots),
      closed: umlauf.status === 'closed',
    }),
    final: finalOf(body, ballots),
    electorate: umlaufElectorate(body, []),
  };
}

function finalOf(body: Body, ballots: readonly BallotRow[]): Exclude<UmlaufOutcome, { kind: 'open' }> {
  const outcome = decideUmlauf(body, { grants: [], ballots: counted(ballots), closed: true });
  if (outcome.kind === 'open') throw new Error('a closed Umlauf has a final outcome');
  return outcome;
}

function counted(ballots: readonly BallotRow[]): Ballot[] {
  return ballots
    .filter((b) => b.capacity === 'vote')
    .map((b) => ({ officeId: b.officeId, choice: b.choice, castAt: new Date(b.castAt) }));
}

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
    const frame = {
      kind: 'umlauf' as const,
      status: umlauf.status,
      electorate: umlaufElectorate(body, []),
      grants: [],
    };
    const eligibility = recorder
      ? recordedBallotEligibility(body, frame, recorder.officeId, recorder.onTeams, cmd.choice)
      : ballotEligibility(body, frame, actor ?? { kind: 'none' }, cmd.choice, cmd.claimedOfficeId);
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
    await deps.planner.planUmlaufResult(body, cmd.umlaufId, new Date(result.view.umlauf.closedAt));
  }
  return result;
}

/**
 * A closing's read set: every office's ballot as read, the places of the others sealed, so a
 * ballot cast on a stale read of the open Umlauf cannot land after the result was decided
 * (src/app/read-set.ts). `except` is the office whose ballot the same commit writes.
 */
function ballotsAsRead(body: Body, snapshot: UmlaufSnapshot, except?: string): UmlaufChange[] {
  return body.offices
    .filter((o) => o.id !== except)
    .map((office): UmlaufChange => {
      const ballot = snapshot.ballots.get(office.id);
      return ballot
        ? { kind: 'unchangedBallot', officeId: office.id, etag: ballot.etag }
        : { kind: 'sealBallot', officeId: office.id };
    });
}

function closedRow(
  body: Body,
  umlauf: UmlaufRow,
  ballots: readonly BallotRow[],
  reason: 'deadline' | 'settled',
  now: Date,
): UmlaufRow {
  return {
    ...umlauf,
    status: 'closed',
    closeReason: reason,
    closedAt: now.toISOString(),
    outcome: JSON.stringify(resultOf(finalOf(body, ballots))),
  };
}

/** What is stored of a final outcome: its kind and the counts it was decided on. */
function resultOf(final: Exclude<UmlaufOutcome, { kind: 'open' }>): UmlaufResult {
  const { yes, no, abstain, objections } = final.tally;
  return UmlaufResultSchema.parse({
    kind: final.kind,
    counts: { yes, no, abstain, objections },
    cast: final.tally.counted.length,
    ...(final.kind === 'adopted' || final.kind === 'rejected'
      ? { base: final.base, required: final.required }
      : {}),
  });
}

export type CloseUmlaufResult =
  | { readonly kind: 'closed'; readonly view: UmlaufView }
  | { readonly kind: 'alreadyClosed'; readonly view: UmlaufView; readonly reason: UmlaufRow['closeReason'] }
  | { readonly kind: 'notYet' }
  | { readonly kind: 'unknownUmlauf' };

/** Closes at the deadline (the scheduler's job). Idempotent; never before the deadline. */
export async function closeUmlaufAtDeadline(
  deps: SessionDeps,
  body: Body,
  umlaufId: string,
): Promise<CloseUmlaufResult> {
  return retryOnConflict(deps, async (): Promise<CloseUmlaufResult> => {
    const snapshot = await deps.store.loadUmlauf(body.id, umlaufId);
    if (!snapshot) return { kind: 'unknownUmlauf' };
    const umlauf = snapshot.umlauf.value;
    if (umlauf.status === 'closed') {
      return { kind: 'alreadyClosed', view: viewOf(body, snapshot), reason: umlauf.closeReason };
    }
    const now = deps.clock.now();
    if (!umlaufDeadlinePassed(new Date(umlauf.deadline), now)) return { kind: 'notYet' };
    const ballots = [...snapshot.ballots.values()].map((b) => b.value);
    const closing = closedRow(body, umlauf, ballots, 'deadline', now);
    await deps.store.commitUmlauf(
      body.id,
      umlaufId,
      [{ kind: 'umlauf', value: closing, etag: snapshot.umlauf.etag }, ...ballotsAsRead(body, snapshot)],
      auditEntry(deps, {
        at: now,
        actor: '',
        office: '',
        action: 'umlauf.closed',
        target: `umlauf/${umlaufId}`,
        before: 'open',
        after: { reason: 'deadline', outcome: closing.outcome },
        activityId: '',
      }),
    );
    return { kind: 'closed', view: viewOf(body, { ...snapshot, umlauf: { value: closing, etag: '' } }) };
  });
}

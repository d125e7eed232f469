import { createHash } from 'node:crypto';
import { recordableOffices } from '../../domain/ballots.js';
import type { Body } from '../../domain/body.js';
import { addDays, localDateOf, localTimeOf } from '../../domain/calendar.js';
import { decideUmlauf, type UmlaufOutcome, umlaufElectorate } from '../../domain/umlauf.js';
import { bodyUnderUmlauf, parseUmlaufRules } from '../../domain/vote-rules.js';
import type { UmlaufSnapshot } from '../../ports/gremien-store.js';
import type { NotificationPlanner } from '../../ports/notification-planner.js';
import type { BallotRow, UmlaufRow } from '../../ports/records.js';
import { countedBallots } from '../shared/ballots.js';
import type { SessionDeps } from '../shared/deps.js';

/**
 * The Umlaufverfahren (circular vote): opened by the SPK with a deadline, decided by ballots
 * of the voting offices without a session, closed at the deadline or as soon as no ballot
 * still to come could change the outcome. Its rules are the body's `umlauf` settings.
 */
export type UmlaufDeps = SessionDeps & {
  readonly secretariatMembers: (bodyId: string) => readonly string[];
  readonly planner: NotificationPlanner;
};

export type UmlaufView = {
  /** The body as the Umlauf sees it: its rules as fixed when it opened. */
  readonly body: Body;
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

export function viewOf(bodyNow: Body, snapshot: UmlaufSnapshot): UmlaufView {
  const ballots = [...snapshot.ballots.values()].map((b) => b.value);
  const umlauf = snapshot.umlauf.value;
  // The rules it opened under (none stored: an Umlauf of an older version, today's rules).
  const body = bodyUnderUmlauf(bodyNow, parseUmlaufRules(umlauf.rules));
  return {
    body,
    bodyId: snapshot.bodyId,
    umlaufId: snapshot.umlaufId,
    umlauf,
    ballots,
    outcome: decideUmlauf(body, {
      grants: [],
      ballots: countedBallots(ballots),
      closed: umlauf.status === 'closed',
    }),
    final: finalOf(body, ballots),
    electorate: umlaufElectorate(body, []),
  };
}

export function finalOf(body: Body, ballots: readonly BallotRow[]): Exclude<UmlaufOutcome, { kind: 'open' }> {
  const outcome = decideUmlauf(body, { grants: [], ballots: countedBallots(ballots), closed: true });
  if (outcome.kind === 'open') throw new Error('a closed Umlauf has a final outcome');
  return outcome;
}

/** The body's open Umlaufverfahren: opened at most its longest deadline ago (ids start with the Berlin date). */
export async function openUmlaufs(
  deps: Pick<SessionDeps, 'store' | 'clock'>,
  body: Body,
): Promise<UmlaufView[]> {
  const since = addDays(localDateOf(deps.clock.now()), -Math.ceil(body.umlauf.maxDeadlineHours / 24) - 1);
  const open = (await deps.store.umlaufsFrom(body.id, since)).filter((u) => u.umlauf.status === 'open');
  const views = await Promise.all(open.map((u) => umlaufView(deps, body, u.umlaufId)));
  return views.filter((v): v is UmlaufView => v !== undefined);
}

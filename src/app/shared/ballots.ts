import type { Ballot, Choice } from '../../domain/ballots.js';
import type { Body } from '../../domain/body.js';
import type { AuditEntry, SessionSnapshot } from '../../ports/gremien-store.js';
import type { BallotRow } from '../../ports/records.js';
import { type AuditSource, auditEntry } from './audit.js';
import type { SessionDeps } from './deps.js';
import { isSpk, type Person } from './secretariat.js';

/**
 * For a ballot the SPK records for an office: the office and whether it has anyone on Teams, or
 * `notSecretariat` when the person is no SPK member; undefined for a ballot an office casts itself.
 */
export async function recorderFor(
  deps: SessionDeps,
  body: Body,
  cmd: { forOfficeId?: string; actor?: Person; actorAadObjectId: string },
): Promise<{ officeId: string; onTeams: boolean } | 'notSecretariat' | undefined> {
  if (cmd.forOfficeId === undefined) return undefined;
  const person: Person = cmd.actor ?? {
    aadObjectId: cmd.actorAadObjectId,
    displayName: '',
    principalNames: async () => [],
  };
  if (!(await isSpk(deps, body, person))) return 'notSecretariat';
  const onTeams = (await deps.store.members(body.id)).some(
    (m) => m.value.status === 'approved' && m.value.officeId === cmd.forOfficeId,
  );
  return { officeId: cmd.forOfficeId, onTeams };
}

/** The stored ballot of an eligible office (session vote or Umlauf); the person is the platform's. */
export function ballotRow(
  cmd: {
    voteId: string;
    actorAadObjectId: string;
    choice: Choice;
    argument: string;
    activityId: string;
    /** Recorded by the SPK for the office. */
    recorded?: boolean;
  },
  eligibility: { kind: 'vote' | 'advisory'; officeId: string },
  now: Date,
): BallotRow {
  return {
    voteId: cmd.voteId,
    officeId: eligibility.officeId,
    choice: cmd.choice,
    capacity: eligibility.kind === 'vote' ? 'vote' : 'advisory',
    argument: cmd.argument,
    castAt: now.toISOString(),
    castBy: cmd.actorAadObjectId,
    activityId: cmd.activityId.slice(0, 200),
    recordedBy: cmd.recorded ? 'secretariat' : 'office',
  };
}

/** The audit entry of a cast or changed ballot; `extra` adds what else the same commit did. */
export function ballotAudit(
  deps: AuditSource,
  ballot: BallotRow,
  before: BallotRow | undefined,
  target: string,
  action: 'ballot' | 'umlauf.ballot',
  extra: Record<string, string> = {},
): AuditEntry {
  return auditEntry(deps, {
    at: new Date(ballot.castAt),
    actor: ballot.castBy,
    office: ballot.officeId,
    action: `${action}.${before ? 'changed' : 'cast'}`,
    target,
    ...(before ? { before: { choice: before.choice, argument: before.argument } } : {}),
    after: {
      choice: ballot.choice,
      argument: ballot.argument,
      capacity: ballot.capacity,
      ...(ballot.recordedBy === 'secretariat' ? { recordedBy: 'secretariat' } : {}),
      ...extra,
    },
    activityId: ballot.activityId,
  });
}

/** A stored ballot as the rules core and the protocol read it (its instant as a Date). */
export function storedBallot(
  row: BallotRow,
): Ballot & Pick<BallotRow, 'capacity' | 'argument' | 'recordedBy'> {
  return {
    officeId: row.officeId,
    choice: row.choice,
    castAt: new Date(row.castAt),
    capacity: row.capacity,
    argument: row.argument,
    recordedBy: row.recordedBy,
  };
}

/** The ballots that count (advisory opinions apart), as the rules core takes them. */
export function countedBallots(rows: Iterable<BallotRow>): Ballot[] {
  return [...rows].filter((b) => b.capacity === 'vote').map(storedBallot);
}

/** The stored ballots of one vote of a session. */
export function ballotsOfVote(snapshot: SessionSnapshot, voteId: string): BallotRow[] {
  return [...snapshot.ballots.values()].map((b) => b.value).filter((b) => b.voteId === voteId);
}

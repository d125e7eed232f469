import { attendanceCapacity } from '../../domain/ballots.js';
import { officeById } from '../../domain/body.js';
import { type QuorumStatus, quorumStatus } from '../../domain/quorum.js';
import { isLateArrival } from '../../domain/schedule.js';
import { bodyOfSession } from '../../domain/vote-rules.js';
import type { SessionSnapshot } from '../../ports/gremien-store.js';
import type { AttendanceRow } from '../../ports/records.js';
import { actorFor } from '../shared/actor.js';
import { auditEntry } from '../shared/audit.js';
import type { SessionDeps } from '../shared/deps.js';
import { retryOnConflict } from '../shared/retry.js';
import type { Person } from '../shared/secretariat.js';
import { openedAt, timelineOf } from '../shared/session-facts.js';

export type CheckIn = {
  readonly bodyId: string;
  readonly sessionId: string;
  readonly actorAadObjectId: string;
  readonly activityId: string;
  /** An office named by the card; refused unless it is the actor's own. */
  readonly claimedOfficeId?: string;
  /** The person as the platform gave it (an SPK configured by e-mail acts for the SPK office). */
  readonly actor?: Person;
};

export type CheckInResult =
  | {
      readonly kind: 'checkedIn' | 'alreadyPresent';
      readonly attendance: AttendanceRow;
      readonly quorum: QuorumStatus;
      /** The session as this check-in decided on it, with its attendance in it. */
      readonly snapshot: SessionSnapshot;
    }
  | {
      readonly kind: 'refused';
      readonly reason:
        | 'unknownBody'
        | 'unknownSession'
        | 'sessionNotRunning'
        | 'notMember'
        | 'pendingMember'
        | 'otherOffice';
    };

/**
 * Marks the actor's office present. An office counts once, whoever of its people checks in;
 * a second check-in (or a repeated delivery) changes nothing.
 */
export async function checkIn(deps: SessionDeps, cmd: CheckIn): Promise<CheckInResult> {
  const body = deps.bodies.get(cmd.bodyId);
  if (!body) return { kind: 'refused', reason: 'unknownBody' };
  const actor = await actorFor(deps, cmd.bodyId, cmd.actorAadObjectId, cmd.actor);
  if (actor.kind === 'none') return { kind: 'refused', reason: 'notMember' };
  if (actor.kind === 'pending') return { kind: 'refused', reason: 'pendingMember' };
  const office = officeById(body, actor.officeId);
  if (!office) return { kind: 'refused', reason: 'notMember' };
  if (cmd.claimedOfficeId !== undefined && cmd.claimedOfficeId !== office.id)
    return { kind: 'refused', reason: 'otherOffice' };

  return retryOnConflict(deps, async (): Promise<CheckInResult> => {
    const snapshot = await deps.store.loadSession(cmd.bodyId, cmd.sessionId);
    if (!snapshot) return { kind: 'refused', reason: 'unknownSession' };
    if (snapshot.session.value.status !== 'running') return { kind: 'refused', reason: 'sessionNotRunning' };
    const present = (extra?: string) =>
      quorumStatus(bodyOfSession(body, snapshot.session.value.rules), [
        ...[...snapshot.attendance.values()].filter((a) => a.value.present).map((a) => a.value.officeId),
        ...(extra ? [extra] : []),
      ]);
    const existing = snapshot.attendance.get(office.id);
    if (existing?.value.present)
      return { kind: 'alreadyPresent', attendance: existing.value, quorum: present(), snapshot };
    const now = deps.clock.now();
    const attendance: AttendanceRow = {
      officeId: office.id,
      present: true,
      capacity: attendanceCapacity(body, office.id),
      since: now.toISOString(),
      by: cmd.actorAadObjectId,
      arrivedLate: isLateArrival(
        timelineOf(body, snapshot.session.value),
        now,
        openedAt(snapshot.session.value),
      ),
      leftAt: '',
    };
    await deps.store.commitSession(
      cmd.bodyId,
      cmd.sessionId,
      [{ kind: 'attendance', value: attendance, etag: existing?.etag }],
      auditEntry(deps, {
        at: now,
        actor: cmd.actorAadObjectId,
        office: office.id,
        action: 'attendance.checkedIn',
        target: `office/${office.id}`,
        before: existing ? { present: existing.value.present } : undefined,
        after: { present: true, capacity: attendance.capacity },
        activityId: cmd.activityId,
      }),
    );
    const withOffice = new Map(snapshot.attendance);
    withOffice.set(office.id, { value: attendance, etag: '' });
    return {
      kind: 'checkedIn',
      attendance,
      quorum: present(office.id),
      snapshot: { ...snapshot, attendance: withOffice },
    };
  });
}

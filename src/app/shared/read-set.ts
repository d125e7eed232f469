import { attendanceCapacity } from '../../domain/ballots.js';
import type { Body } from '../../domain/body.js';
import type { SessionChange, SessionSnapshot } from '../../ports/gremien-store.js';

/**
 * The rows a decision read, as conditions of its commit (docs/storage.md, "Read sets"). A
 * decision that depends on a set of per-office rows — every ballot of a vote, every office's
 * attendance — must also fail when a row of that set is *created* after its read; Table
 * Storage cannot assert that a row is absent, so the decision creates the row itself: a sealed
 * ballot place, or an attendance row that says "absent". A writer that read before the
 * decision then finds its create or update in conflict, re-reads, and sees the decision.
 * Writers of different offices never contend with each other this way.
 */

/** The session row as read: the commit fails if the session changed (started, moved, ended…). */
export function sessionAsRead(snapshot: SessionSnapshot): SessionChange {
  return { kind: 'unchanged', row: { kind: 'session' }, etag: snapshot.session.etag };
}

/** Every office's ballot in a vote as read; the places of offices without a ballot are sealed. */
export function ballotsAsRead(body: Body, snapshot: SessionSnapshot, voteId: string): SessionChange[] {
  return body.offices.map((office): SessionChange => {
    const ballot = snapshot.ballots.get(`${voteId}|${office.id}`);
    return ballot
      ? { kind: 'unchanged', row: { kind: 'ballot', voteId, officeId: office.id }, etag: ballot.etag }
      : { kind: 'sealBallot', voteId, officeId: office.id };
  });
}

/**
 * The attendance of the given offices (default: all) as read; an office without a row gets one
 * that records it absent, so a check-in that read before this commit must re-read.
 */
export function attendanceAsRead(
  body: Body,
  snapshot: SessionSnapshot,
  by: string,
  now: Date,
  officeIds: readonly string[] = body.offices.map((o) => o.id),
): SessionChange[] {
  return officeIds.map((officeId): SessionChange => {
    const row = snapshot.attendance.get(officeId);
    return row
      ? { kind: 'unchanged', row: { kind: 'attendance', officeId }, etag: row.etag }
      : {
          kind: 'attendance',
          value: {
            officeId,
            present: false,
            capacity: attendanceCapacity(body, officeId),
            since: now.toISOString(),
            by,
            arrivedLate: false,
            leftAt: '',
          },
        };
  });
}

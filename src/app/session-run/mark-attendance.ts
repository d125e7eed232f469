import { attendanceCapacity } from '../../domain/ballots.js';
import { quorumStatus } from '../../domain/quorum.js';
import { isLateArrival } from '../../domain/schedule.js';
import { bodyOfSession } from '../../domain/vote-rules.js';
import type { AttendanceRow } from '../../ports/records.js';
import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import { retryOnConflict } from '../shared/retry.js';
import type { Person } from '../shared/secretariat.js';
import { openedAt, timelineOf } from '../shared/session-facts.js';
import { type Refusal, spkSession } from '../voting/spk-session.js';

/**
 * The SPK marks an office present (someone in the room without Teams) or absent (an early
 * departure). A presence marked after the start is a late arrival; both are audited with
 * their time.
 */
export async function markAttendance(
  deps: MembershipDeps,
  cmd: {
    bodyId: string;
    sessionId: string;
    officeId: string;
    present: boolean;
    actor: Person;
    activityId: string;
  },
): Promise<
  | {
      readonly kind: 'marked' | 'unchanged';
      readonly officeName: string;
      readonly late: boolean;
      readonly quorum: ReturnType<typeof quorumStatus>;
    }
  | { readonly kind: 'refused'; readonly reason: Refusal | 'unknownOffice' }
> {
  return retryOnConflict(deps, async () => {
    const context = await spkSession(deps, cmd.bodyId, cmd.sessionId, cmd.actor);
    if (typeof context === 'string') return { kind: 'refused', reason: context } as const;
    const { body, snapshot } = context;
    const office = body.offices.find((o) => o.id === cmd.officeId);
    if (!office) return { kind: 'refused', reason: 'unknownOffice' } as const;
    const current = snapshot.attendance.get(office.id);
    const presentNow = (ids: string[]) =>
      quorumStatus(bodyOfSession(body, snapshot.session.value.rules), ids);
    const presentIds = [...snapshot.attendance.values()]
      .filter((a) => a.value.present)
      .map((a) => a.value.officeId);
    if ((current?.value.present ?? false) === cmd.present) {
      return {
        kind: 'unchanged',
        officeName: office.name,
        late: current?.value.arrivedLate ?? false,
        quorum: presentNow(presentIds),
      } as const;
    }
    const now = deps.clock.now();
    const late =
      cmd.present &&
      isLateArrival(timelineOf(body, snapshot.session.value), now, openedAt(snapshot.session.value));
    const value: AttendanceRow = cmd.present
      ? {
          officeId: office.id,
          present: true,
          capacity: attendanceCapacity(body, office.id),
          since: now.toISOString(),
          by: cmd.actor.aadObjectId,
          arrivedLate: late,
          leftAt: '',
        }
      : {
          ...(current?.value as AttendanceRow),
          present: false,
          leftAt: now.toISOString(),
          by: cmd.actor.aadObjectId,
        };
    await deps.store.commitSession(
      body.id,
      cmd.sessionId,
      [{ kind: 'attendance', value, etag: current?.etag }],
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: cmd.present ? 'attendance.markedPresent' : 'attendance.markedAbsent',
        target: `office/${office.id}`,
        before: { present: current?.value.present ?? false },
        after: { present: cmd.present, at: now.toISOString(), late },
        activityId: cmd.activityId,
      }),
    );
    const ids = cmd.present ? [...presentIds, office.id] : presentIds.filter((id) => id !== office.id);
    return { kind: 'marked', officeName: office.name, late, quorum: presentNow(ids) } as const;
  });
}

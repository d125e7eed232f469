import { type Body, type LocalTime, parseLocalTime } from '../../domain/body.js';
import { type PlainDate, parsePlainDate } from '../../domain/calendar.js';
import { LIMITS } from '../../domain/limits.js';
import { hasStarted, sessionTimeline } from '../../domain/schedule.js';
import { textProblem } from '../../domain/text.js';
import { StorageConflictError } from '../../ports/errors.js';
import type { SessionRow } from '../../ports/records.js';
import { meetingSeriesOf } from '../meetings/meeting-series.js';
import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import { planQuietly } from '../shared/plan-quietly.js';
import { isSpk, type Person } from '../shared/secretariat.js';
import type { SessionSummary } from './session-queries.js';

export type CreateSessionResult =
  | { readonly kind: 'created' | 'exists'; readonly body: Body; readonly summary: SessionSummary }
  | {
      readonly kind: 'refused';
      readonly reason:
        | 'unknownBody'
        | 'notSecretariat'
        | 'invalidDate'
        | 'invalidTime'
        | 'pastDate'
        | 'placeTooLong'
        | 'placeText'
        | 'slotExhausted';
    };

/** How often one slot (date and time) can be booked again after cancellations. */
const MAX_REBOOKINGS = 20;

/** A session's id is its date and start time: creating the same session twice cannot make two. */
export function sessionIdOf(date: PlainDate, time: LocalTime): string {
  return `${date}-${time.replace(':', '')}`;
}

/** The SPK creates a session (date, start time, place or online link). */
export async function createSession(
  deps: MembershipDeps,
  cmd: {
    bodyId: string;
    date: string;
    time: string;
    place: string;
    /** Offer the body's standing Teams meeting (if it has one); default yes. */
    online?: boolean;
    actor: Person;
    activityId: string;
  },
): Promise<CreateSessionResult> {
  const body = deps.bodies.get(cmd.bodyId);
  if (!body) return { kind: 'refused', reason: 'unknownBody' };
  if (!(await isSpk(deps, body, cmd.actor))) {
    return { kind: 'refused', reason: 'notSecretariat' };
  }
  const date = parsePlainDate(cmd.date.trim());
  if (!date) return { kind: 'refused', reason: 'invalidDate' };
  const time = parseLocalTime(cmd.time);
  if (!time) return { kind: 'refused', reason: 'invalidTime' };
  const place = cmd.place.trim();
  if (textProblem(place, 'line')) return { kind: 'refused', reason: 'placeText' };
  if (place.length > LIMITS.place.max) return { kind: 'refused', reason: 'placeTooLong' };
  const now = deps.clock.now();
  const timeline = sessionTimeline(body, date, time);
  if (hasStarted(timeline, now)) return { kind: 'refused', reason: 'pastDate' };

  // The body's join link as it is now: the session keeps it, whatever becomes of the body's.
  const joinUrl = cmd.online === false ? '' : await meetingSeriesOf(deps, body.id);
  const session: SessionRow = {
    date,
    startTime: time,
    durationMinutes: body.cadence.durationMinutes,
    place,
    joinUrl,
    status: 'planned',
    updatedAt: now.toISOString(),
    sequence: 0,
    startedAt: '',
    startedBy: '',
    startedByName: '',
    endedAt: '',
    // Fixed when it starts.
    rules: '',
  };
  // The id is the slot (date and time): a repeated delivery finds its own session. A slot whose
  // session was cancelled can be booked again: the new session takes the slot's next id.
  let sessionId = sessionIdOf(date, time);
  for (let rebooking = 1; ; rebooking++) {
    if (rebooking > MAX_REBOOKINGS) return { kind: 'refused', reason: 'slotExhausted' };
    sessionId = rebooking === 1 ? sessionIdOf(date, time) : `${sessionIdOf(date, time)}-${rebooking}`;
    try {
      await deps.store.commitSession(
        body.id,
        sessionId,
        [{ kind: 'session', value: session }],
        auditEntry(deps, {
          at: now,
          actor: cmd.actor.aadObjectId,
          office: body.secretariat,
          action: 'session.created',
          target: `session/${sessionId}`,
          after: { date, startTime: time, place, ...(joinUrl ? { joinUrl } : {}) },
          activityId: cmd.activityId,
        }),
      );
      break;
    } catch (e) {
      if (!(e instanceof StorageConflictError)) throw e;
      const existing = await deps.store.loadSession(body.id, sessionId);
      if (!existing) throw e;
      if (existing.session.value.status === 'cancelled') continue;
      // A repeated delivery: make sure the plan exists, without sending anything "at once" again.
      await planQuietly(async () =>
        deps.planner?.planSession(body, sessionId, existing.session.value, now, false),
      );
      return { kind: 'exists', body, summary: { sessionId, session: existing.session.value, timeline } };
    }
  }
  await planQuietly(async () => deps.planner?.planSession(body, sessionId, session, now, true));
  return { kind: 'created', body, summary: { sessionId, session, timeline } };
}

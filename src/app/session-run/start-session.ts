import { localDateOf } from '../../domain/calendar.js';
import { rulesOf } from '../../domain/vote-rules.js';
import { auditEntry } from '../shared/audit.js';
import type { SessionDeps } from '../shared/deps.js';
import { retryOnConflict } from '../shared/retry.js';
import { isSpk, type Person } from '../shared/secretariat.js';
import { stillRunningBefore } from './todays-session.js';

export type StartSessionResult =
  | { readonly kind: 'started' | 'alreadyRunning' }
  /** A session of an earlier day still runs: it is ended first (its protocol, its open votes). */
  | { readonly kind: 'refused'; readonly reason: 'otherRunning'; readonly runningDate: string }
  | {
      readonly kind: 'refused';
      readonly reason: 'unknownBody' | 'unknownSession' | 'notSecretariat' | 'notStartable' | 'notToday';
    };

/**
 * The SPK opens a session. Two SPK members pressing at once: both read the same ETag, one
 * update wins, the other's fails on the ETag, re-reads, finds it running, and says so.
 */
export async function startSession(
  deps: SessionDeps,
  cmd: { bodyId: string; sessionId: string; actor: Person; activityId: string },
): Promise<StartSessionResult> {
  const body = deps.bodies.get(cmd.bodyId);
  if (!body) return { kind: 'refused', reason: 'unknownBody' };
  if (!(await isSpk(deps, body, cmd.actor))) {
    return { kind: 'refused', reason: 'notSecretariat' };
  }
  const other = await stillRunningBefore(deps, body, cmd.sessionId);
  if (other) return { kind: 'refused', reason: 'otherRunning', runningDate: other.session.date };
  return retryOnConflict(deps, async (): Promise<StartSessionResult> => {
    const snapshot = await deps.store.loadSession(cmd.bodyId, cmd.sessionId);
    if (!snapshot) return { kind: 'refused', reason: 'unknownSession' };
    const { value, etag } = snapshot.session;
    if (value.status === 'running') return { kind: 'alreadyRunning' };
    if (value.status !== 'planned') return { kind: 'refused', reason: 'notStartable' };
    const now = deps.clock.now();
    // Decided on the session as stored now: one moved to another day meanwhile is not started.
    if (value.date !== localDateOf(now)) return { kind: 'refused', reason: 'notToday' };
    await deps.store.commitSession(
      cmd.bodyId,
      cmd.sessionId,
      [
        {
          kind: 'session',
          value: {
            ...value,
            status: 'running',
            updatedAt: now.toISOString(),
            startedAt: now.toISOString(),
            startedBy: cmd.actor.aadObjectId,
            startedByName: cmd.actor.displayName.slice(0, 200),
            // The rules in force today, fixed for the session (quorum at the start, protocol).
            rules: JSON.stringify(rulesOf(body)),
          },
          etag,
        },
      ],
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: 'session.started',
        target: `session/${cmd.sessionId}`,
        before: { status: value.status },
        after: { status: 'running' },
        activityId: cmd.activityId,
      }),
    );
    return { kind: 'started' };
  });
}

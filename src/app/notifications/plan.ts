import type { Body } from '../../domain/body.js';
import {
  agendaFiling,
  notificationsToPlan,
  sessionNotifications,
  umlaufNotifications,
} from '../../domain/notifications.js';
import { StorageConflictError } from '../../ports/errors.js';
import type { SessionRow } from '../../ports/records.js';
import { timelineOf } from '../shared/session-facts.js';
import type { PassDeps } from './scheduler-deps.js';

/** Planning: one row per notification, with a deterministic key (planning twice is harmless). */

export async function planSession(
  deps: PassDeps,
  body: Body,
  sessionId: string,
  session: SessionRow,
  now: Date,
  catchUp: boolean,
): Promise<void> {
  const timeline = timelineOf(body, session);
  // What this session's plan is now: any other row still pending for it (planned for another
  // date or time, or under earlier reminder settings) is withdrawn, so nothing goes out twice.
  const notifications =
    session.status === 'cancelled' || session.status === 'ended' ? [] : sessionNotifications(body, timeline);
  // Filed in the group drive when it is dispatched (where there is one).
  const expected = deps.drive ? [...notifications, ...agendaFiling(notifications)] : notifications;
  await withdrawStale(deps, body, sessionId, expected);
  if (expected.length === 0) return;
  const planned = notificationsToPlan(expected, timeline, now, catchUp);
  // Never again what was already sent: another instance, ahead of this one's clock, may have
  // sent a notification this one still sees as future.
  await deps.notifications.planUnlessFinished(
    planned.map((n) => ({
      plannedAt: n.plannedAt,
      row: {
        kind: n.kind,
        key: n.key,
        bodyId: body.id,
        subjectId: sessionId,
        planFor: planOf(session),
        before: n.before,
        dueAt: n.dueAt.toISOString(),
        state: 'pending',
        createdAt: now.toISOString(),
      },
    })),
  );
  if (planned.some((n) => n.dueAt.getTime() <= now.getTime())) deps.onDueNow?.();
}

const SESSION_KINDS: ReadonlySet<string> = new Set(['registrationReminder', 'agenda', 'fileAgenda']);

async function withdrawStale(
  deps: PassDeps,
  body: Body,
  sessionId: string,
  expected: readonly { key: string; dueAt: Date }[],
): Promise<void> {
  const keep = new Set(
    expected.map((n) => deps.notifications.idOf(body.id, sessionId, n.key, n.dueAt).rowKey),
  );
  const stale = (await deps.notifications.pendingRows()).filter(
    (r) =>
      r.value.bodyId === body.id &&
      r.value.subjectId === sessionId &&
      SESSION_KINDS.has(r.value.kind) &&
      r.value.state === 'pending' &&
      !keep.has(r.rowKey),
  );
  for (const r of stale) {
    await finishWithRetry(deps, r.partitionKey, r.rowKey, 'withdrawn', "no longer in the session's plan");
  }
}

export async function withdrawSession(
  deps: PassDeps,
  body: Body,
  sessionId: string,
  session: SessionRow,
): Promise<void> {
  const timeline = timelineOf(body, session);
  for (const n of sessionNotifications(body, timeline)) {
    const { partitionKey, rowKey } = deps.notifications.idOf(body.id, sessionId, n.key, n.dueAt);
    await finishWithRetry(deps, partitionKey, rowKey, 'withdrawn', 'session moved or cancelled');
  }
}

export async function planUmlauf(
  deps: PassDeps,
  body: Body,
  umlaufId: string,
  openedAt: Date,
  deadline: Date,
): Promise<void> {
  // Planned again by the regular plan check: never again what was already sent.
  await deps.notifications.planUnlessFinished(
    umlaufNotifications(body, openedAt, deadline).map((n) => ({
      plannedAt: n.dueAt,
      row: {
        kind: n.kind,
        key: n.key,
        bodyId: body.id,
        subjectId: umlaufId,
        before: n.before,
        dueAt: n.dueAt.toISOString(),
        state: 'pending',
        createdAt: openedAt.toISOString(),
      },
    })),
  );
  deps.onDueNow?.();
}

/**
 * The result of an Umlauf that closed early. Keyed by the Umlauf and placed by its closing
 * instant, so every call makes the same row; one already sent is not planned again.
 */
export async function planUmlaufResult(
  deps: PassDeps,
  body: Body,
  umlaufId: string,
  closedAt: Date,
): Promise<void> {
  await deps.notifications.planUnlessFinished([
    {
      plannedAt: new Date(0),
      row: {
        kind: 'umlaufResult',
        key: 'result',
        bodyId: body.id,
        subjectId: umlaufId,
        before: 0,
        dueAt: closedAt.toISOString(),
        state: 'pending',
        createdAt: closedAt.toISOString(),
      },
    },
  ]);
  deps.onDueNow?.();
}

/**
 * A session moved or cancelled: one notice, keyed by the change (the session's new SEQUENCE), so
 * planning it again changes nothing; it carries where the session was before.
 */
export async function planSessionChange(
  deps: PassDeps,
  body: Body,
  sessionId: string,
  before: SessionRow,
  after: SessionRow,
  at: Date,
): Promise<void> {
  await deps.notifications.planUnlessFinished([
    {
      plannedAt: new Date(0),
      row: {
        kind: 'sessionChanged',
        key: `change-${after.sequence}`,
        bodyId: body.id,
        subjectId: sessionId,
        about: `${planOf(before)}|${after.status === 'cancelled' ? 'cancelled' : 'moved'}`,
        before: 0,
        dueAt: at.toISOString(),
        state: 'pending',
        createdAt: at.toISOString(),
      },
    },
  ]);
  deps.onDueNow?.();
}

/** One row per released version (its key names the version): planning it again changes nothing. */
export async function planProtocol(
  deps: PassDeps,
  body: Body,
  sessionId: string,
  version: number,
  releasedAt: Date,
): Promise<void> {
  const row = (kind: 'protocol' | 'fileProtocol', key: string) => ({
    plannedAt: new Date(0),
    row: {
      kind,
      key,
      bodyId: body.id,
      subjectId: sessionId,
      before: 0,
      dueAt: releasedAt.toISOString(),
      state: 'pending' as const,
      createdAt: releasedAt.toISOString(),
    },
  });
  // Filed in the group drive (where there is one) and sent to the channel and every member.
  await deps.notifications.planUnlessFinished([
    ...(deps.drive ? [row('fileProtocol', `file-v${version}`)] : []),
    row('protocol', `v${version}`),
  ]);
  deps.onDueNow?.();
}

async function finishWithRetry(
  deps: PassDeps,
  partitionKey: string,
  rowKey: string,
  state: 'withdrawn',
  note: string,
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.notifications.read(partitionKey, rowKey);
    if (current?.value.state !== 'pending') return;
    try {
      const done = await deps.notifications.update(current, {
        ...current.value,
        state,
        note,
        finishedAt: deps.clock.now().toISOString(),
        recipients: current.value.recipients.map((r) =>
          r.state === 'pending' ? { ...r, state: 'skipped' as const } : r,
        ),
      });
      await deps.notifications.archive(done);
      return;
    } catch (e) {
      if (!(e instanceof StorageConflictError)) throw e;
    }
  }
}

/** The planned date and time of a session, as its reminders were planned for. */
export function planOf(session: SessionRow): string {
  return `${session.date}T${session.startTime}`;
}

import type { Body } from '../../domain/body.js';
import { timing, umlaufNotifications } from '../../domain/notifications.js';
import { StorageConflictError } from '../../ports/errors.js';
import type { NotificationRow, Recipient, StoredNotification } from '../../ports/notifications.js';
import { deliver } from './deliver.js';
import { fileDocument, linkPostsToFiled } from './file-protocol.js';
import { recipientsFor } from './recipients.js';
import type { PassDeps, PassReport } from './scheduler-deps.js';
import { subjectOf } from './subject.js';
import type { NotificationSubject } from './subject-types.js';

/**
 * Everything the bot sends on its own initiative goes through here, exactly once per
 * recipient, whichever of several instances runs the pass:
 *
 * 1. planning writes one row per notification (deterministic key: planning twice is harmless);
 * 2. a pass reads the due rows, claims one with an ETag-conditional update and a lease;
 * 3. the claimant fixes the recipients, then for each: marks it `sending`, sends, marks it
 *    `sent` with the activity id — every step ETag-conditional, so an instance that lost its
 *    lease cannot write;
 * 4. a row whose lease expired is taken over; a recipient left `sending` is flagged `unknown`
 *    (the message may or may not have gone out) and never sent again.
 */

const DEFAULT_LEASE_MS = 2 * 60_000;

/** One pass: everything due at `now` (the clock's unless given: local development and tests move it). */
export async function runPass(deps: PassDeps, now: Date = deps.clock.now()): Promise<PassReport> {
  const due = await deps.notifications.dueUpTo(now);
  const report: PassReport = {
    now: now.toISOString(),
    instanceId: deps.instanceId,
    due: due.length,
    sent: [],
    skipped: [],
    deferred: [],
    flagged: [],
    busy: 0,
  };
  for (const row of due.sort((a, b) => (a.value.dueAt < b.value.dueAt ? -1 : 1))) {
    try {
      await process(deps, row, now, report);
    } catch (e) {
      if (e instanceof StorageConflictError) {
        report.busy += 1;
        continue;
      }
      deps.logger.error('notification pass failed for a row', { row: row.rowKey, error: e });
    }
  }
  return report;
}

async function process(
  deps: PassDeps,
  row: StoredNotification,
  now: Date,
  report: PassReport,
): Promise<void> {
  const v = row.value;
  if (v.state !== 'pending') {
    // Finished by an instance that stopped before moving it: move it now.
    await deps.notifications.archive(row);
    return;
  }
  if (new Date(v.dueAt).getTime() > now.getTime()) return;
  if (v.notBefore && new Date(v.notBefore).getTime() > now.getTime()) return;
  if (v.leaseOwner && v.leaseOwner !== deps.instanceId && new Date(v.leaseUntil) > now) {
    report.busy += 1;
    return;
  }

  // Claim. A recipient left `sending` by an instance that stopped may have been reached: flag it.
  let current = await deps.notifications.update(row, {
    ...v,
    leaseOwner: deps.instanceId,
    leaseUntil: leaseFrom(deps, now),
    attempts: v.attempts + 1,
    recipients: v.recipients.map((r) =>
      r.state !== 'sending'
        ? r
        : r.kind === 'drive'
          ? { ...r, state: 'pending' as const }
          : { ...r, state: 'unknown' as const, error: 'the instance sending it stopped; not repeated' },
    ),
  });
  for (const r of current.value.recipients) {
    if (r.state === 'unknown' && !v.recipients.some((o) => o.id === r.id && o.state === 'unknown')) {
      report.flagged.push({ id: row.rowKey, recipient: r.id, state: 'unknown', error: r.error });
    }
  }
  // A second row for a notification that was already finished (planned again between its
  // archive's two steps, or by an older instance): nothing is sent twice.
  const finishedCopy = current.value.expanded ? undefined : await deps.notifications.finishedRow(row.rowKey);
  if (finishedCopy && finishedCopy.value.state !== 'withdrawn') {
    await deps.notifications.discard(current);
    report.skipped.push({ id: row.rowKey, kind: v.kind, reason: 'already sent' });
    return;
  }

  const body = deps.bodies.get(v.bodyId);
  const subject = body ? await subjectOf(deps, body, current.value, now) : undefined;
  if (!body || !subject || 'skip' in subject) {
    await finish(deps, current, 'skipped', subject && 'skip' in subject ? subject.skip : 'unknown body', now);
    report.skipped.push({
      id: row.rowKey,
      kind: v.kind,
      reason: subject && 'skip' in subject ? subject.skip : 'unknown body',
    });
    return;
  }

  if (!current.value.expanded) {
    const recipients = await recipientsFor(deps, body, current.value, subject);
    if (recipients.length === 0) {
      await finish(deps, current, 'skipped', 'nobody to send to (no channel linked?)', now);
      report.skipped.push({ id: row.rowKey, kind: v.kind, reason: 'no recipients' });
      return;
    }
    const t = timing(new Date(v.dueAt), now);
    current = await deps.notifications.update(current, {
      ...current.value,
      expanded: true,
      recipients,
      late: t.kind === 'late',
    });
  }

  let deferredUntil: string | undefined;
  for (const recipient of current.value.recipients) {
    if (recipient.state !== 'pending') continue;
    // A filing's note to the SPK goes out only if the filing failed for good.
    if (
      recipient.kind === 'spkNote' &&
      (current.value.kind === 'fileProtocol' || current.value.kind === 'fileAgenda')
    ) {
      const drive = current.value.recipients.find((r) => r.kind === 'drive');
      if (drive?.state !== 'failed') {
        current = await setRecipient(deps, current, { ...recipient, state: 'skipped' }, now);
        continue;
      }
    }
    // Mark, send, record: if this instance stops after "sending", nobody sends it again. (A
    // filing in the group drive is done again instead: the drive files a name only once.)
    current = await setRecipient(deps, current, { ...recipient, state: 'sending' }, now);
    const outcome =
      recipient.kind === 'drive'
        ? await fileDocument(deps, body, subject, recipient)
        : await deliver(deps, recipient, deps.compose(body, current.value, subject, recipient));
    current = await setRecipient(deps, current, outcome.recipient, now);
    if (outcome.recipient.state === 'unknown' || outcome.recipient.state === 'failed') {
      report.flagged.push({
        id: row.rowKey,
        recipient: recipient.id,
        state: outcome.recipient.state,
        error: outcome.recipient.error,
      });
      deps.logger.warn('notification not delivered for sure; flagged, not repeated', {
        row: row.rowKey,
        recipient: recipient.id,
        state: outcome.recipient.state,
        error: outcome.recipient.error,
      });
    }
    if (outcome.recipient.state === 'pending') {
      deferredUntil = new Date(now.getTime() + (outcome.retryInMs ?? 60_000)).toISOString();
      report.deferred.push({
        id: row.rowKey,
        until: deferredUntil,
        ...(outcome.status ? { status: outcome.status } : {}),
      });
      break;
    }
  }
  if (deferredUntil) {
    // Let go: any instance may continue from `notBefore`, with the recipients already reached marked.
    await deps.notifications.update(current, {
      ...current.value,
      leaseOwner: '',
      leaseUntil: '',
      notBefore: deferredUntil,
    });
    return;
  }
  const sent = current.value.recipients.filter((r) => r.state === 'sent').length;
  await finish(deps, current, 'done', `${sent} of ${current.value.recipients.length} sent`, now);
  report.sent.push({ id: row.rowKey, kind: v.kind, recipients: sent, late: current.value.late });
  if ((v.kind === 'umlaufResult' || v.kind === 'umlaufClose') && subject.kind === 'umlauf')
    await retireUmlaufCards(deps, body, current.value, subject);
  if (v.kind === 'fileProtocol') await linkPostsToFiled(deps, body, current.value);
}

/**
 * Once an Umlauf's result is out, every ballot card it sent (opening and reminders, in the
 * channel and in personal chats) is replaced by the result: no live buttons stay behind.
 * Best effort: a card that cannot be replaced still refuses ballots (the Umlauf is closed).
 */
async function retireUmlaufCards(
  deps: PassDeps,
  body: Body,
  result: NotificationRow,
  subject: Extract<NotificationSubject, { kind: 'umlauf' }>,
): Promise<void> {
  const update = deps.messenger.update?.bind(deps.messenger);
  if (!update) return;
  const u = subject.view.umlauf;
  for (const n of umlaufNotifications(body, new Date(u.openedAt), new Date(u.deadline))) {
    if (n.kind !== 'umlaufOpened' && n.kind !== 'umlaufReminder') continue;
    const done = await deps.notifications
      .finishedRow(deps.notifications.idOf(body.id, result.subjectId, n.key, n.dueAt).rowKey)
      .catch(() => undefined);
    for (const r of done?.value.recipients ?? []) {
      if (r.state !== 'sent' || !r.activityId || r.kind === 'spkNote') continue;
      try {
        await update(
          { serviceUrl: r.serviceUrl, conversationId: r.conversationId },
          r.activityId,
          deps.compose(body, result, subject, { ...r, mentions: [] }),
        );
      } catch (e) {
        deps.logger.warn('could not replace a closed Umlauf card', {
          row: result.subjectId,
          recipient: r.id,
          error: e instanceof Error ? e.message : String(e),
        });
      }
    }
  }
}

function leaseFrom(deps: PassDeps, now: Date): string {
  return new Date(now.getTime() + (deps.leaseMs ?? DEFAULT_LEASE_MS)).toISOString();
}

async function setRecipient(
  deps: PassDeps,
  current: StoredNotification,
  recipient: Recipient,
  now: Date,
): Promise<StoredNotification> {
  return deps.notifications.update(current, {
    ...current.value,
    leaseUntil: leaseFrom(deps, now),
    recipients: current.value.recipients.map((r) => (r.id === recipient.id ? recipient : r)),
  });
}

async function finish(
  deps: PassDeps,
  current: StoredNotification,
  state: NotificationRow['state'],
  note: string,
  now: Date,
): Promise<void> {
  const done = await deps.notifications.update(current, {
    ...current.value,
    state,
    note: note.slice(0, 2000),
    leaseOwner: '',
    leaseUntil: '',
    finishedAt: now.toISOString(),
  });
  await deps.notifications.archive(done);
}

import type { Body } from '../domain/body.js';
import {
  type NotificationKind,
  notificationsToPlan,
  sessionNotifications,
  timing,
  umlaufNotifications,
} from '../domain/notifications.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import { StorageConflictError } from '../ports/errors.js';
import type { SessionSnapshot } from '../ports/gremien-store.js';
import type { Logger } from '../ports/logger.js';
import { type Messenger, type OutgoingMessage, SendFailure } from '../ports/messenger.js';
import type { NotificationPlanner } from '../ports/notification-planner.js';
import type {
  NotificationRow,
  NotificationStore,
  Recipient,
  StoredNotification,
} from '../ports/notifications.js';
import type { SessionRow } from '../ports/records.js';
import type { SessionDeps } from './deps.js';
import { composeNotification, type NotificationSubject } from './notification-content.js';
import { releasedProtocolDocument } from './protocol.js';
import { timelineOf } from './sessions.js';
import { closeUmlaufAtDeadline, recordableUmlaufOffices, type UmlaufView, umlaufView } from './umlauf.js';

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

export type SchedulerDeps = SessionDeps & {
  readonly notifications: NotificationStore;
  readonly conversations: ConversationStore;
  readonly messenger: Messenger;
  readonly logger: Logger;
  /** Names this instance in leases (host and process). */
  readonly instanceId: string;
  readonly leaseMs?: number;
  /** Waits between inline retries (injected so tests need not wait). */
  readonly sleep?: (ms: number) => Promise<void>;
};

export type PassReport = {
  readonly now: string;
  readonly instanceId: string;
  /** Due rows read (the pass's only query). */
  readonly due: number;
  readonly sent: { id: string; kind: NotificationKind; recipients: number; late: boolean }[];
  readonly skipped: { id: string; kind: NotificationKind; reason: string }[];
  /** Retryable failures: tried again from `notBefore`. */
  readonly deferred: { id: string; until: string; status?: number }[];
  /** Recipients whose send may or may not have arrived, or failed for good: for a person to look at. */
  readonly flagged: { id: string; recipient: string; state: 'unknown' | 'failed'; error: string }[];
  /** Rows another instance holds. */
  busy: number;
};

const DEFAULT_LEASE_MS = 2 * 60_000;
/** Retries within one pass for short waits (Retry-After of a few seconds). */
const INLINE_ATTEMPTS = 3;
const MAX_INLINE_WAIT_MS = 20_000;
/** After this many failed attempts a recipient is given up on and flagged. */
const MAX_ATTEMPTS = 8;

/** Exponential backoff for retryable sends without Retry-After: 2 s, 4 s … capped at 10 minutes. */
export function retryDelayMs(attempt: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return Math.min(retryAfterMs, 3_600_000);
  return Math.min(10 * 60_000, 1000 * 2 ** attempt);
}

export class Scheduler implements NotificationPlanner {
  /** Called after planning something that is due already (the timer runs a pass soon). */
  onDueNow?: () => void;

  constructor(private readonly deps: SchedulerDeps) {}

  // ---- planning -------------------------------------------------------------------------

  async planSession(
    body: Body,
    sessionId: string,
    session: SessionRow,
    now: Date,
    catchUp: boolean,
  ): Promise<void> {
    if (session.status === 'cancelled' || session.status === 'ended') return;
    const timeline = timelineOf(body, session);
    const planned = notificationsToPlan(sessionNotifications(body, timeline), timeline, now, catchUp);
    // Never again what was already sent: another instance, ahead of this one's clock, may have
    // sent a notification this one still sees as future.
    await this.deps.notifications.planUnlessFinished(
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
    if (planned.some((n) => n.dueAt.getTime() <= now.getTime())) this.onDueNow?.();
  }

  async withdrawSession(body: Body, sessionId: string, session: SessionRow): Promise<void> {
    const timeline = timelineOf(body, session);
    for (const n of sessionNotifications(body, timeline)) {
      const { partitionKey, rowKey } = this.deps.notifications.idOf(body.id, sessionId, n.key, n.dueAt);
      await this.finishWithRetry(partitionKey, rowKey, 'withdrawn', 'session moved or cancelled');
    }
  }

  async planUmlauf(body: Body, umlaufId: string, openedAt: Date, deadline: Date): Promise<void> {
    await this.deps.notifications.plan(
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
    this.onDueNow?.();
  }

  /**
   * The result of an Umlauf that closed early. Keyed by the Umlauf and placed by its closing
   * instant, so every call makes the same row; one already sent is not planned again.
   */
  async planUmlaufResult(body: Body, umlaufId: string, closedAt: Date): Promise<void> {
    await this.deps.notifications.planUnlessFinished([
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
    this.onDueNow?.();
  }

  /** One row per released version (its key names the version): planning it again changes nothing. */
  async planProtocol(body: Body, sessionId: string, version: number, releasedAt: Date): Promise<void> {
    await this.deps.notifications.planUnlessFinished([
      {
        plannedAt: new Date(0),
        row: {
          kind: 'protocol',
          key: `v${version}`,
          bodyId: body.id,
          subjectId: sessionId,
          before: 0,
          dueAt: releasedAt.toISOString(),
          state: 'pending',
          createdAt: releasedAt.toISOString(),
        },
      },
    ]);
    this.onDueNow?.();
  }

  private async finishWithRetry(
    partitionKey: string,
    rowKey: string,
    state: 'withdrawn',
    note: string,
  ): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.deps.notifications.read(partitionKey, rowKey);
      if (current?.value.state !== 'pending') return;
      try {
        const done = await this.deps.notifications.update(current, {
          ...current.value,
          state,
          note,
          finishedAt: this.deps.clock.now().toISOString(),
          recipients: current.value.recipients.map((r) =>
            r.state === 'pending' ? { ...r, state: 'skipped' as const } : r,
          ),
        });
        await this.deps.notifications.archive(done);
        return;
      } catch (e) {
        if (!(e instanceof StorageConflictError)) throw e;
      }
    }
  }

  // ---- the pass -------------------------------------------------------------------------

  /** One pass: everything due at `now` (the clock's unless given: local development and tests move it). */
  async runPass(now: Date = this.deps.clock.now()): Promise<PassReport> {
    const due = await this.deps.notifications.dueUpTo(now);
    const report: PassReport = {
      now: now.toISOString(),
      instanceId: this.deps.instanceId,
      due: due.length,
      sent: [],
      skipped: [],
      deferred: [],
      flagged: [],
      busy: 0,
    };
    for (const row of due.sort((a, b) => (a.value.dueAt < b.value.dueAt ? -1 : 1))) {
      try {
        await this.process(row, now, report);
      } catch (e) {
        if (e instanceof StorageConflictError) {
          report.busy += 1;
          continue;
        }
        this.deps.logger.error('notification pass failed for a row', { row: row.rowKey, error: e });
      }
    }
    return report;
  }

  private async process(row: StoredNotification, now: Date, report: PassReport): Promise<void> {
    const v = row.value;
    if (v.state !== 'pending') {
      // Finished by an instance that stopped before moving it: move it now.
      await this.deps.notifications.archive(row);
      return;
    }
    if (new Date(v.dueAt).getTime() > now.getTime()) return;
    if (v.notBefore && new Date(v.notBefore).getTime() > now.getTime()) return;
    if (v.leaseOwner && v.leaseOwner !== this.deps.instanceId && new Date(v.leaseUntil) > now) {
      report.busy += 1;
      return;
    }

    // Claim. A recipient left `sending` by an instance that stopped may have been reached: flag it.
    let current = await this.deps.notifications.update(row, {
      ...v,
      leaseOwner: this.deps.instanceId,
      leaseUntil: this.leaseFrom(now),
      attempts: v.attempts + 1,
      recipients: v.recipients.map((r) =>
        r.state === 'sending'
          ? { ...r, state: 'unknown' as const, error: 'the instance sending it stopped; not repeated' }
          : r,
      ),
    });
    for (const r of current.value.recipients) {
      if (r.state === 'unknown' && !v.recipients.some((o) => o.id === r.id && o.state === 'unknown')) {
        report.flagged.push({ id: row.rowKey, recipient: r.id, state: 'unknown', error: r.error });
      }
    }
    // A second row for a notification that was already finished (planned again between its
    // archive's two steps, or by an older instance): nothing is sent twice.
    if (!current.value.expanded && (await this.deps.notifications.finishedRow(row.rowKey))) {
      await this.deps.notifications.discard(current);
      report.skipped.push({ id: row.rowKey, kind: v.kind, reason: 'already sent' });
      return;
    }

    const body = this.deps.bodies.get(v.bodyId);
    const subject = body ? await this.subjectOf(body, current.value, now) : undefined;
    if (!body || !subject || 'skip' in subject) {
      await this.finish(
        current,
        'skipped',
        subject && 'skip' in subject ? subject.skip : 'unknown body',
        now,
      );
      report.skipped.push({
        id: row.rowKey,
        kind: v.kind,
        reason: subject && 'skip' in subject ? subject.skip : 'unknown body',
      });
      return;
    }

    if (!current.value.expanded) {
      const recipients = await this.recipientsFor(body, current.value, subject);
      if (recipients.length === 0) {
        await this.finish(current, 'skipped', 'nobody to send to (no channel linked?)', now);
        report.skipped.push({ id: row.rowKey, kind: v.kind, reason: 'no recipients' });
        return;
      }
      const t = timing(new Date(v.dueAt), now);
      current = await this.deps.notifications.update(current, {
        ...current.value,
        expanded: true,
        recipients,
        late: t.kind === 'late',
      });
    }

    let deferredUntil: string | undefined;
    for (const recipient of current.value.recipients) {
      if (recipient.state !== 'pending') continue;
      const message = composeNotification(body, current.value, subject, recipient);
      // Mark, send, record: if this instance stops after "sending", nobody sends it again.
      current = await this.setRecipient(current, { ...recipient, state: 'sending' }, now);
      const outcome = await this.deliver(recipient, message);
      current = await this.setRecipient(current, outcome.recipient, now);
      if (outcome.recipient.state === 'unknown' || outcome.recipient.state === 'failed') {
        report.flagged.push({
          id: row.rowKey,
          recipient: recipient.id,
          state: outcome.recipient.state,
          error: outcome.recipient.error,
        });
        this.deps.logger.warn('notification not delivered for sure; flagged, not repeated', {
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
      await this.deps.notifications.update(current, {
        ...current.value,
        leaseOwner: '',
        leaseUntil: '',
        notBefore: deferredUntil,
      });
      return;
    }
    const sent = current.value.recipients.filter((r) => r.state === 'sent').length;
    await this.finish(current, 'done', `${sent} of ${current.value.recipients.length} sent`, now);
    report.sent.push({ id: row.rowKey, kind: v.kind, recipients: sent, late: current.value.late });
    if ((v.kind === 'umlaufResult' || v.kind === 'umlaufClose') && subject.kind === 'umlauf')
      await this.retireUmlaufCards(body, current.value, subject);
  }

  /**
   * Once an Umlauf's result is out, every ballot card it sent (opening and reminders, in the
   * channel and in personal chats) is replaced by the result: no live buttons stay behind.
   * Best effort: a card that cannot be replaced still refuses ballots (the Umlauf is closed).
   */
  private async retireUmlaufCards(
    body: Body,
    result: NotificationRow,
    subject: Extract<NotificationSubject, { kind: 'umlauf' }>,
  ): Promise<void> {
    const update = this.deps.messenger.update?.bind(this.deps.messenger);
    if (!update) return;
    const u = subject.view.umlauf;
    for (const n of umlaufNotifications(body, new Date(u.openedAt), new Date(u.deadline))) {
      if (n.kind !== 'umlaufOpened' && n.kind !== 'umlaufReminder') continue;
      const done = await this.deps.notifications
        .finishedRow(this.deps.notifications.idOf(body.id, result.subjectId, n.key, n.dueAt).rowKey)
        .catch(() => undefined);
      for (const r of done?.value.recipients ?? []) {
        if (r.state !== 'sent' || !r.activityId || r.kind === 'spkNote') continue;
        try {
          await update(
            { serviceUrl: r.serviceUrl, conversationId: r.conversationId },
            r.activityId,
            composeNotification(body, result, subject, { ...r, mentions: [] }),
          );
        } catch (e) {
          this.deps.logger.warn('could not replace a closed Umlauf card', {
            row: result.subjectId,
            recipient: r.id,
            error: e instanceof Error ? e.message : String(e),
          });
        }
      }
    }
  }

  private leaseFrom(now: Date): string {
    return new Date(now.getTime() + (this.deps.leaseMs ?? DEFAULT_LEASE_MS)).toISOString();
  }

  private async setRecipient(
    current: StoredNotification,
    recipient: Recipient,
    now: Date,
  ): Promise<StoredNotification> {
    return this.deps.notifications.update(current, {
      ...current.value,
      leaseUntil: this.leaseFrom(now),
      recipients: current.value.recipients.map((r) => (r.id === recipient.id ? recipient : r)),
    });
  }

  private async finish(
    current: StoredNotification,
    state: NotificationRow['state'],
    note: string,
    now: Date,
  ): Promise<void> {
    const done = await this.deps.notifications.update(current, {
      ...current.value,
      state,
      note: note.slice(0, 2000),
      leaseOwner: '',
      leaseUntil: '',
      finishedAt: now.toISOString(),
    });
    await this.deps.notifications.archive(done);
  }

  /** Sends with short inline retries; a longer wait is left to a later pass. */
  private async deliver(
    recipient: Recipient,
    message: OutgoingMessage,
  ): Promise<{ recipient: Recipient; retryInMs?: number; status?: number }> {
    let attempts = recipient.attempts;
    for (let inline = 1; ; inline++) {
      attempts += 1;
      try {
        const { activityId } = await this.deps.messenger.send(
          { serviceUrl: recipient.serviceUrl, conversationId: recipient.conversationId },
          message,
        );
        return { recipient: { ...recipient, state: 'sent', activityId, attempts, error: '' } };
      } catch (e) {
        const failure =
          e instanceof SendFailure
            ? e
            : new SendFailure('unknown', undefined, e instanceof Error ? e.message : String(e));
        const error = `${failure.status ?? '-'} ${failure.message}`.slice(0, 300);
        if (failure.kind === 'retry' && attempts < MAX_ATTEMPTS) {
          const wait = retryDelayMs(attempts, failure.afterMs);
          if (inline < INLINE_ATTEMPTS && wait <= MAX_INLINE_WAIT_MS) {
            await (this.deps.sleep ?? defaultSleep)(wait);
            continue;
          }
          return {
            recipient: { ...recipient, state: 'pending', attempts, error },
            retryInMs: wait,
            ...(failure.status ? { status: failure.status } : {}),
          };
        }
        return {
          recipient: {
            ...recipient,
            state: failure.kind === 'retry' ? 'failed' : failure.kind === 'unknown' ? 'unknown' : 'failed',
            attempts,
            error,
          },
        };
      }
    }
  }

  // ---- what a notification is about, and who gets it --------------------------------------

  private async subjectOf(
    body: Body,
    row: NotificationRow,
    now: Date,
  ): Promise<NotificationSubject | { skip: string } | undefined> {
    if (row.kind === 'registrationReminder' || row.kind === 'agenda') {
      const snapshot = await this.deps.store.loadSession(body.id, row.subjectId);
      if (!snapshot) return { skip: 'session not found' };
      const session = snapshot.session.value;
      if (session.status === 'cancelled') return { skip: 'session cancelled' };
      if (session.status === 'ended') return { skip: 'session over' };
      if (row.planFor && row.planFor !== planOf(session)) return { skip: 'session moved (stale plan)' };
      const timeline = timelineOf(body, session);
      if (timing(new Date(row.dueAt), now, timeline.start).kind === 'expired') {
        return { skip: 'session has begun' };
      }
      return { kind: 'session', snapshot, timeline, now };
    }
    if (row.kind === 'protocol') {
      const version = Number(row.key.slice(1));
      const document = await releasedProtocolDocument(this.deps.store, row.bodyId, row.subjectId, version);
      return document ? { kind: 'protocol', document, now } : { skip: 'protocol version not found' };
    }
    if (row.kind === 'umlaufClose') {
      const closed = await closeUmlaufAtDeadline(this.deps, body, row.subjectId);
      if (closed.kind === 'unknownUmlauf') return { skip: 'Umlauf not found' };
      if (closed.kind === 'notYet') return { skip: 'deadline not reached' };
      if (closed.kind === 'alreadyClosed' && closed.reason === 'settled') {
        // Its result is a notification of its own; make sure it exists (in case the instance
        // that closed it stopped before planning it).
        await this.planUmlaufResult(body, row.subjectId, new Date(closed.view.umlauf.closedAt));
        return { skip: 'closed early; its result is posted on its own' };
      }
      return { kind: 'umlauf', view: closed.view, now };
    }
    const view = await umlaufView(this.deps, body, row.subjectId);
    if (!view) return { skip: 'Umlauf not found' };
    if (row.kind !== 'umlaufResult') {
      if (view.umlauf.status === 'closed') return { skip: 'Umlauf closed' };
      if (timing(new Date(row.dueAt), now, new Date(view.umlauf.deadline)).kind === 'expired') {
        return { skip: 'deadline passed' };
      }
    }
    return { kind: 'umlauf', view, now, recordable: await recordableUmlaufOffices(this.deps, body, view) };
  }

  private async recipientsFor(
    body: Body,
    row: NotificationRow,
    subject: NotificationSubject,
  ): Promise<Recipient[]> {
    const link = await this.deps.store.bodyChannel(body.id);
    if (!link) return [];
    const { tenantId, channelId } = link.value;
    const channel = await this.deps.conversations.get(tenantId, channelId);
    const people = await this.peopleFor(body, row, subject);
    const personal: Recipient[] = [];
    const unreachable: { teamsUserId: string; name: string }[] = [];
    for (const p of people) {
      const chat = await this.deps.conversations.personalChat(tenantId, p.aadObjectId);
      if (chat) {
        personal.push({
          id: `user|${p.aadObjectId}`,
          kind: 'personal',
          conversationId: chat.conversationId,
          serviceUrl: chat.serviceUrl,
          locale: chat.locale ?? '',
          aadObjectId: p.aadObjectId,
          officeId: p.officeId,
          state: 'pending',
          activityId: '',
          attempts: 0,
          error: '',
          mentions: [],
          unreachable: [],
        });
      } else {
        unreachable.push({ teamsUserId: p.teamsUserId, name: p.displayName });
      }
    }
    const wantsChannel = row.kind !== 'umlaufReminder' || unreachable.length > 0;
    const channelRecipient: Recipient[] =
      channel && wantsChannel
        ? [
            {
              id: 'channel',
              kind: 'channel',
              conversationId: channelId,
              serviceUrl: channel.serviceUrl,
              locale: channel.locale ?? '',
              aadObjectId: '',
              officeId: '',
              state: 'pending',
              activityId: '',
              attempts: 0,
              error: '',
              // People without a personal chat are @mentioned (they need the Teams user id);
              // the list of their names goes to the SPK alone, not into the channel post.
              mentions: unreachable.filter((u) => u.teamsUserId !== ''),
              unreachable: [],
            },
          ]
        : [];
    const spkNotes = unreachable.length > 0 ? await this.spkNotes(body, tenantId, unreachable) : [];
    return [...channelRecipient, ...personal, ...spkNotes];
  }

  /** One note per SPK person with a personal chat: who this notification could not reach personally. */
  private async spkNotes(
    body: Body,
    tenantId: string,
    unreachable: readonly { name: string }[],
  ): Promise<Recipient[]> {
    const configured = [...body.secretariatMembers, ...(this.deps.secretariatMembers?.(body.id) ?? [])];
    const spkMembers = (await this.deps.store.members(body.id))
      .filter((m) => m.value.status === 'approved' && m.value.officeId === body.secretariat)
      .map((m) => m.aadObjectId);
    const ids = [...new Set([...configured.filter((c) => !c.includes('@')), ...spkMembers])];
    const notes: Recipient[] = [];
    for (const aadObjectId of ids) {
      const chat = await this.deps.conversations.personalChat(tenantId, aadObjectId);
      if (!chat) continue;
      notes.push({
        id: `spk|${aadObjectId}`,
        kind: 'spkNote',
        conversationId: chat.conversationId,
        serviceUrl: chat.serviceUrl,
        locale: chat.locale ?? '',
        aadObjectId,
        officeId: body.secretariat,
        state: 'pending',
        activityId: '',
        attempts: 0,
        error: '',
        mentions: [],
        unreachable: unreachable.map((u) => u.name),
      });
    }
    return notes;
  }

  private async peopleFor(body: Body, row: NotificationRow, subject: NotificationSubject) {
    const membersOf = async (b: Body) =>
      (await this.deps.store.members(b.id))
        .filter((m) => m.value.status === 'approved')
        .map((m) => ({ aadObjectId: m.aadObjectId, ...m.value }));
    let people: Awaited<ReturnType<typeof membersOf>> = [];
    switch (row.kind) {
      case 'registrationReminder':
        people = await membersOf(body);
        break;
      case 'agenda': {
        people = await membersOf(body);
        for (const other of body.agendaAlsoTo) {
          const linked = this.deps.bodies.get(other);
          if (linked) people.push(...(await membersOf(linked)));
        }
        break;
      }
      case 'umlaufOpened':
        if (subject.kind === 'umlauf') {
          const electorate = new Set(subject.view.electorate);
          people = (await membersOf(body)).filter((m) => electorate.has(m.officeId));
        }
        break;
      case 'umlaufReminder':
        if (subject.kind === 'umlauf') {
          // The rules core's tally says which offices of the electorate have not voted.
          const missing = new Set(subject.view.outcome.tally.notVoted);
          people = (await membersOf(body)).filter((m) => missing.has(m.officeId));
        }
        break;
      case 'protocol':
        people = await membersOf(body);
        break;
      case 'umlaufClose':
      case 'umlaufResult':
        people = [];
        break;
    }
    // One message per person, even if they belong to the body and a linked one.
    return [...new Map(people.map((p) => [p.aadObjectId, p])).values()];
  }
}

function planOf(session: SessionRow): string {
  return `${session.date}T${session.startTime}`;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type { SessionSnapshot, UmlaufView };

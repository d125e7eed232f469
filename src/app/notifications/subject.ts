import type { Body, LocalTime } from '../../domain/body.js';
import { instantAt, type PlainDate } from '../../domain/calendar.js';
import { drivePathText, protocolFilePath } from '../../domain/filing.js';
import { timing } from '../../domain/notifications.js';
import type { NotificationRow } from '../../ports/notifications.js';
import { releasedProtocolDocument } from '../protocol/find-protocol.js';
import { umlaufRef } from '../register/record-decision.js';
import { timelineOf } from '../shared/session-facts.js';

/** `2026-12-10T10:00` (a plan's date and time, local) as an instant. */
function instantOf(plan: string): Date {
  const [date = '', time = '00:00'] = plan.split('T');
  return instantAt(date as PlainDate, time as LocalTime);
}

import { followUpsOnAgenda, lineOf } from '../follow-ups/follow-ups.js';
import { closeUmlaufAtDeadline } from '../umlauf/close-umlauf.js';
import { recordableUmlaufOffices, umlaufView } from '../umlauf/umlauf-view.js';
import { planOf, planUmlaufResult } from './plan.js';
import type { PassDeps } from './scheduler-deps.js';
import type { NotificationSubject } from './subject-types.js';

/** What a due notification is about, read afresh when it is sent (or why it is skipped). */
export async function subjectOf(
  deps: PassDeps,
  body: Body,
  row: NotificationRow,
  now: Date,
): Promise<NotificationSubject | { skip: string } | undefined> {
  if (row.kind === 'registrationReminder' || row.kind === 'agenda' || row.kind === 'fileAgenda') {
    const snapshot = await deps.store.loadSession(body.id, row.subjectId);
    if (!snapshot) return { skip: 'session not found' };
    const session = snapshot.session.value;
    if (session.status === 'cancelled') return { skip: 'session cancelled' };
    if (session.status === 'ended') return { skip: 'session over' };
    if (row.planFor && row.planFor !== planOf(session)) return { skip: 'session moved (stale plan)' };
    const timeline = timelineOf(body, session);
    if (timing(new Date(row.dueAt), now, timeline.start).kind === 'expired') {
      return { skip: 'session has begun' };
    }
    const followUps = (
      await followUpsOnAgenda(deps, body, {
        sessionId: snapshot.sessionId,
        date: session.date,
        status: session.status,
      })
    ).map(lineOf);
    return { kind: 'session', snapshot, timeline, now, followUps };
  }
  if (row.kind === 'sessionChanged') {
    const snapshot = await deps.store.loadSession(body.id, row.subjectId);
    if (!snapshot) return { skip: 'session not found' };
    const [from = '', change = 'moved'] = row.about.split('|');
    const session = snapshot.session.value;
    return {
      kind: 'sessionChange',
      cancelled: change === 'cancelled',
      from: instantOf(from),
      to: change === 'cancelled' ? undefined : timelineOf(body, session).start,
      place: session.place,
      now,
    };
  }
  if (row.kind === 'protocol' || row.kind === 'fileProtocol') {
    const version = Number(row.key.replace(/^(file-)?v/, ''));
    const document = await releasedProtocolDocument(deps.store, row.bodyId, row.subjectId, version);
    if (!document) return { skip: 'protocol version not found' };
    // Where it is filed (names are fixed by the version): the post says so.
    const filedAs = deps.drive
      ? drivePathText(protocolFilePath(body, document, document.version, 'docx'))
      : undefined;
    const filedUrl = deps.drive ? await filedAddress(deps, body, row.subjectId, version) : undefined;
    return {
      kind: 'protocol',
      document,
      now,
      ...(filedAs ? { filedAs } : {}),
      ...(filedUrl ? { filedUrl } : {}),
    };
  }
  if (row.kind === 'umlaufClose') {
    const closed = await closeUmlaufAtDeadline(deps, body, row.subjectId);
    if (closed.kind === 'unknownUmlauf') return { skip: 'Umlauf not found' };
    if (closed.kind === 'notYet') return { skip: 'deadline not reached' };
    if (closed.kind === 'alreadyClosed' && closed.reason === 'settled') {
      // Its result is a notification of its own; make sure it exists (in case the instance
      // that closed it stopped before planning it).
      await planUmlaufResult(deps, body, row.subjectId, new Date(closed.view.umlauf.closedAt));
      return { skip: 'closed early; its result is posted on its own' };
    }
    return { kind: 'umlauf', view: closed.view, now, ...(await registerOf(deps, body, row.subjectId)) };
  }
  const view = await umlaufView(deps, body, row.subjectId);
  if (!view) return { skip: 'Umlauf not found' };
  if (row.kind !== 'umlaufResult') {
    if (view.umlauf.status === 'closed') return { skip: 'Umlauf closed' };
    if (timing(new Date(row.dueAt), now, new Date(view.umlauf.deadline)).kind === 'expired') {
      return { skip: 'deadline passed' };
    }
  }
  return {
    kind: 'umlauf',
    view,
    now,
    recordable: await recordableUmlaufOffices(deps, body, view),
    ...(row.kind === 'umlaufResult' ? await registerOf(deps, body, row.subjectId) : {}),
  };
}

/** Where a protocol version was filed (its web address), once its filing has finished. */
export async function filedAddress(
  deps: PassDeps,
  body: Body,
  sessionId: string,
  version: number,
): Promise<string | undefined> {
  const { rowKey } = deps.notifications.idOf(body.id, sessionId, `file-v${version}`, new Date(0));
  const filing = await deps.notifications.finishedRow(rowKey).catch(() => undefined);
  const drive = filing?.value.recipients.find((r) => r.kind === 'drive' && r.state === 'sent');
  return drive?.activityId.startsWith('https://') ? drive.activityId : undefined;
}

/** A closed Umlauf's number in the register, for its result card. */
async function registerOf(deps: PassDeps, body: Body, umlaufId: string): Promise<{ register?: string }> {
  const decision = await deps.store.decisionOf(body.id, umlaufRef(umlaufId)).catch(() => undefined);
  return decision ? { register: decision.label } : {};
}

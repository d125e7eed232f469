import type { Body } from '../../domain/body.js';
import { agendaFilePath, drivePathText, protocolFilePath } from '../../domain/filing.js';
import { DriveError } from '../../ports/group-drive.js';
import type { NotificationRow, Recipient } from '../../ports/notifications.js';
import { agendaContent } from '../files/agenda-content.js';
import { driveTargetOf } from '../files/drive-target.js';
import { retryDelayMs } from './deliver.js';
import type { PassDeps } from './scheduler-deps.js';
import { subjectOf } from './subject.js';
import type { NotificationSubject } from './subject-types.js';

/** After this many failed attempts a filing is given up on and flagged (as a send is). */
const MAX_ATTEMPTS = 8;

/**
 * Files a document in the body's group drive: a released protocol version (the Word document and
 * the Markdown beside it) or, when it is dispatched, the agenda; in German, under names fixed by
 * the session (and version). The drive never
 * overwrites and answers a name filed before as filed, so a filing repeated after a lost answer
 * or a stopped instance is filed once. Throttling and outages are retried by a later pass;
 * missing permission is flagged for a person (the SPK's administrator must grant access).
 */
export async function fileDocument(
  deps: PassDeps,
  body: Body,
  subject: NotificationSubject,
  recipient: Recipient,
): Promise<{ recipient: Recipient; retryInMs?: number; status?: number }> {
  const attempts = recipient.attempts + 1;
  if (!deps.drive || (subject.kind !== 'protocol' && subject.kind !== 'session'))
    return { recipient: { ...recipient, state: 'failed', attempts, error: 'no group drive' } };
  const target = await driveTargetOf(deps.store, body.id);
  try {
    let filed = '';
    // The protocol as Word and Markdown; the agenda (when it is dispatched) as Word.
    const files =
      subject.kind === 'protocol'
        ? (['docx', 'md'] as const).map((ext) => ({
            path: protocolFilePath(body, subject.document, subject.document.version, ext),
            content: { kind: 'protocol' as const, body, document: subject.document, ext },
          }))
        : [
            {
              path: agendaFilePath(body, {
                sessionId: subject.snapshot.sessionId,
                date: subject.snapshot.session.value.date,
              }),
              content: agendaContent(body, subject.snapshot, [...(subject.followUps ?? [])]),
            },
          ];
    for (const { path, content } of files) {
      // Filed in German, the language of the Bezirksamt's files.
      const made = await deps.renderFile(content, 'de');
      const result = await deps.drive.file(target, path.folder, path.name, made.content, made.contentType);
      if (!filed) filed = result.webUrl ?? result.path ?? drivePathText(path);
    }
    return {
      recipient: { ...recipient, state: 'sent', activityId: filed.slice(0, 400), attempts, error: '' },
    };
  } catch (e) {
    const error =
      e instanceof DriveError
        ? `${e.kind} ${e.status ?? '-'} ${e.message}`.slice(0, 300)
        : `failed ${e instanceof Error ? e.message : String(e)}`.slice(0, 300);
    if (e instanceof DriveError && e.kind === 'retry' && attempts < MAX_ATTEMPTS) {
      return {
        recipient: { ...recipient, state: 'pending', attempts, error },
        retryInMs: retryDelayMs(attempts, e.retryAfterMs),
        ...(e.status ? { status: e.status } : {}),
      };
    }
    return { recipient: { ...recipient, state: 'failed', attempts, error } };
  }
}

/**
 * Once a protocol version is filed with a web address, its posts already sent (channel and
 * personal) are redrawn with the link to the filed document. Best effort: a post that cannot be
 * redrawn still names where it is filed.
 */
export async function linkPostsToFiled(deps: PassDeps, body: Body, filing: NotificationRow): Promise<void> {
  const update = deps.messenger.update?.bind(deps.messenger);
  if (!update || filing.kind !== 'fileProtocol') return;
  const version = Number(filing.key.replace(/^file-v/, ''));
  const { rowKey } = deps.notifications.idOf(body.id, filing.subjectId, `v${version}`, new Date(0));
  const posts = await deps.notifications.finishedRow(rowKey).catch(() => undefined);
  if (!posts) return;
  const subject = await subjectOf(deps, body, posts.value, deps.clock.now());
  if (!subject || 'skip' in subject || subject.kind !== 'protocol' || !subject.filedUrl) return;
  for (const r of posts.value.recipients) {
    if (r.state !== 'sent' || !r.activityId || (r.kind !== 'channel' && r.kind !== 'personal')) continue;
    try {
      await update(
        { serviceUrl: r.serviceUrl, conversationId: r.conversationId },
        r.activityId,
        deps.compose(body, posts.value, subject, { ...r, mentions: [] }),
      );
    } catch (e) {
      deps.logger.warn('could not add the filed link to a protocol post', {
        row: rowKey,
        recipient: r.id,
        error: e instanceof Error ? e.message : String(e),
      });
    }
  }
}

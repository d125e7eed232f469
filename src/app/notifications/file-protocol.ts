import type { Body } from '../../domain/body.js';
import { drivePathText, protocolFilePath } from '../../domain/filing.js';
import { DriveError } from '../../ports/group-drive.js';
import type { Recipient } from '../../ports/notifications.js';
import { protocolFile } from '../files/serve-file.js';
import type { NotificationSubject } from './content.js';
import { retryDelayMs } from './deliver.js';
import type { PassDeps } from './scheduler-deps.js';

/** After this many failed attempts a filing is given up on and flagged (as a send is). */
const MAX_ATTEMPTS = 8;

/**
 * Files a released protocol version in the body's group drive: the Word document and the
 * Markdown beside it, in German, under names fixed by the session and version. The drive never
 * overwrites and answers a name filed before as filed, so a filing repeated after a lost answer
 * or a stopped instance is filed once. Throttling and outages are retried by a later pass;
 * missing permission is flagged for a person (the SPK's administrator must grant access).
 */
export async function fileProtocol(
  deps: PassDeps,
  body: Body,
  subject: NotificationSubject,
  recipient: Recipient,
): Promise<{ recipient: Recipient; retryInMs?: number; status?: number }> {
  const attempts = recipient.attempts + 1;
  if (!deps.drive || subject.kind !== 'protocol')
    return { recipient: { ...recipient, state: 'failed', attempts, error: 'no group drive' } };
  const doc = subject.document;
  const channel = await deps.store.bodyChannel(body.id);
  const target = {
    bodyId: body.id,
    ...(channel
      ? {
          channel: {
            tenantId: channel.value.tenantId,
            channelId: channel.value.channelId,
            teamGroupId: channel.value.teamGroupId,
          },
        }
      : {}),
  };
  try {
    let filed = '';
    for (const ext of ['docx', 'md'] as const) {
      const path = protocolFilePath(body, doc, doc.version, ext);
      const file = await protocolFile(body, doc, ext);
      const result = await deps.drive.file(target, path.folder, path.name, file.content, file.contentType);
      if (ext === 'docx') filed = result.webUrl ?? result.path ?? drivePathText(path);
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

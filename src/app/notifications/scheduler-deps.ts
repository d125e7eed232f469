import type { Body } from '../../domain/body.js';
import type { NotificationKind } from '../../domain/notifications.js';
import type { FileContent, RenderedFile as ServedFileBytes } from '../../files/documents.js';
import type { ConversationStore } from '../../ports/conversation-store.js';
import type { GroupDrive } from '../../ports/group-drive.js';
import type { Logger } from '../../ports/logger.js';
import type { Messenger, OutgoingMessage } from '../../ports/messenger.js';
import type { NotificationRow, NotificationStore, Recipient } from '../../ports/notifications.js';
import type { SessionDeps } from '../shared/deps.js';
import type { NotificationSubject } from './subject-types.js';

export type SchedulerDeps = SessionDeps & {
  readonly notifications: NotificationStore;
  readonly conversations: ConversationStore;
  readonly messenger: Messenger;
  /** Where released protocols are filed (000 §6); none: nothing is filed. */
  readonly drive?: GroupDrive;
  readonly logger: Logger;
  /** Names this instance in leases (host and process). */
  readonly instanceId: string;
  readonly leaseMs?: number;
  /**
   * Renders a due notification for one recipient (the Teams layer's cards,
   * src/teams/notification-content.ts): the app decides what is sent, never how it looks.
   */
  readonly compose: (
    body: Body,
    row: NotificationRow,
    subject: NotificationSubject,
    recipient: Recipient,
  ) => OutgoingMessage;
  /** Renders a file that is filed in the group drive (src/files/documents.ts). */
  readonly renderFile: (content: FileContent, locale: 'de' | 'en') => Promise<ServedFileBytes>;
  /** Reads the stored bodies again (a version made by another instance); absent: fixed bodies. */
  readonly refreshBodies?: (full: boolean) => Promise<void>;
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

/** The same, with the hook a planner calls when it planned something already due. */
export type PassDeps = SchedulerDeps & { readonly onDueNow?: () => void };

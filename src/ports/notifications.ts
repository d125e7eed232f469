import { z } from 'zod';

/**
 * What the bot sends on its own (reminders, agenda, Umlauf, protocol): the notification records
 * and the store the scheduler works with. Implemented on Table Storage by
 * src/storage/notification-store.ts (docs/storage.md, table `notifications`).
 */
const iso = z.string().datetime();

export const RecipientSchema = z.object({
  /** `channel` or `user|<aadObjectId>`. */
  id: z.string().min(1),
  /** `spkNote`: the SPK's personal note of who could not be reached personally (once per notification). */
  /** `drive`: the body's group drive (a filing, not a message). */
  kind: z.enum(['channel', 'personal', 'spkNote', 'drive']),
  conversationId: z.string().min(1),
  serviceUrl: z.string().min(1),
  locale: z.string().default(''),
  /** Who is behind a personal chat (their Entra object id), for Umlauf "not voted yet" checks. */
  aadObjectId: z.string().default(''),
  officeId: z.string().default(''),
  /** pending → sending → sent | unknown | failed; `sending` left behind by a crash becomes `unknown`. */
  state: z.enum(['pending', 'sending', 'sent', 'unknown', 'failed', 'skipped']),
  activityId: z.string().default(''),
  attempts: z.number().int().min(0).default(0),
  error: z.string().default(''),
  /** Channel posts: people to @mention because the bot cannot reach them personally. */
  mentions: z.array(z.object({ teamsUserId: z.string(), name: z.string() })).default([]),
  unreachable: z.array(z.string()).default([]),
});
export type Recipient = z.infer<typeof RecipientSchema>;

const recipientsJson = z.union([
  z.array(RecipientSchema),
  z.string().transform((s, ctx) => {
    if (s === '') return [];
    try {
      return z.array(RecipientSchema).parse(JSON.parse(s));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'recipients are not valid JSON' });
      return z.NEVER;
    }
  }),
]);

export const NotificationRowSchema = z.object({
  kind: z.enum([
    'registrationReminder',
    'agenda',
    'umlaufOpened',
    'umlaufReminder',
    'umlaufClose',
    'umlaufResult',
    'protocol',
    'sessionChanged',
    'fileProtocol',
    'fileAgenda',
  ]),
  /** What the plan was made for (the session's date and time): a row for another plan is stale. */
  planFor: z.string().default(''),
  /** `sessionChanged`: where the session was before (`<date>T<time>`), and `cancelled` or `moved`. */
  about: z.string().max(200).default(''),
  key: z.string().min(1),
  bodyId: z.string().min(1),
  /** The session (reminders, agenda) or the Umlauf (its reminders and close). */
  subjectId: z.string().min(1),
  before: z.number().int().min(0),
  dueAt: iso,
  state: z.enum(['pending', 'done', 'withdrawn', 'skipped']),
  leaseOwner: z.string().default(''),
  leaseUntil: z.string().default(''),
  /** After a retryable failure: not before this instant. */
  notBefore: z.string().default(''),
  attempts: z.number().int().min(0).default(0),
  /** Fixed when first claimed: who receives it. Empty until then. */
  expanded: z.boolean().default(false),
  recipients: recipientsJson.default([]),
  late: z.boolean().default(false),
  createdAt: iso,
  finishedAt: z.string().default(''),
  note: z.string().max(2000).default(''),
});
export type NotificationRow = z.infer<typeof NotificationRowSchema>;
export type NotificationRowInput = z.input<typeof NotificationRowSchema>;

export type StoredNotification = {
  readonly partitionKey: string;
  readonly rowKey: string;
  readonly etag: string;
  readonly value: NotificationRow;
  /** The store's own bookkeeping: the version of each recipient's row, as read. */
  readonly recipientEtags?: ReadonlyMap<string, string>;
};

/** Where a notification lives: derived from what identifies it, never chosen by the caller. */
export type NotificationId = { readonly partitionKey: string; readonly rowKey: string };

export interface NotificationStore {
  /** The id of a planned notification: its due partition and its deterministic row key. */
  idOf(bodyId: string, subjectId: string, key: string, dueAt: Date, plannedAt?: Date): NotificationId;
  /** Creates rows that do not exist yet; existing ones are left as they are. */
  plan(rows: readonly { plannedAt: Date; row: NotificationRowInput }[]): Promise<number>;
  /** Like `plan`, except for rows already finished: a sent notification is never planned again. */
  planUnlessFinished(entries: readonly { plannedAt: Date; row: NotificationRowInput }[]): Promise<number>;
  /** The finished copy of a notification (by its row key), if it was finished. */
  finishedRow(rowKey: string): Promise<StoredNotification | undefined>;
  /** Every row not finished yet, due or ahead (finished rows are elsewhere). */
  pendingRows(): Promise<StoredNotification[]>;
  /** Rows due up to `now`'s hour (finished rows are elsewhere). */
  dueUpTo(now: Date): Promise<StoredNotification[]>;
  read(partitionKey: string, rowKey: string): Promise<StoredNotification | undefined>;
  /** @returns the new version @throws StorageConflictError if the row changed since it was read */
  update(current: StoredNotification, value: NotificationRow): Promise<StoredNotification>;
  /** Moves a finished row out of the due partitions (idempotent). */
  archive(current: StoredNotification): Promise<void>;
  /** Deletes the finished copy of a notification that was withdrawn, so it can be planned again. */
  forgetWithdrawn(finished: StoredNotification): Promise<void>;
  /** Deletes a due row that duplicates a finished one. */
  discard(current: StoredNotification): Promise<void>;
  /** Records a trigger request's nonce; false if it was seen before (a replay). */
  recordNonce(nonce: string, at: Date): Promise<boolean>;
  /** Finished notifications planned for an instant in [from, to]. */
  finished(from: Date, to: Date): Promise<StoredNotification[]>;
}

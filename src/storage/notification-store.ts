import { StorageConflictError } from '../ports/errors.js';
import {
  type NotificationId,
  type NotificationRow,
  type NotificationRowInput,
  NotificationRowSchema,
  type NotificationStore,
  type Recipient,
  RecipientSchema,
  type StoredNotification,
} from '../ports/notifications.js';
import type { PartitionStore, Row, Write } from '../ports/partition-store.js';
import { encodeKey } from './keys.js';
import { toData } from './rows.js';

/**
 * The `notifications` table (docs/storage.md): one row per thing the bot sends on its own, and
 * beside it (same partition, key `<row>|r|<recipient>`) one row per recipient, so an audience of
 * any size fits (one property holds at most 32 K characters: about 65 recipients with real Teams
 * ids). A change of recipients and the row itself is one transaction where it fits (up to 99
 * recipients); a larger one is split, each part conditional on the row's ETag (the lease's fence).
 *
 * - Rows waiting to be sent live in `due|<UTC hour>` partitions. A pass reads the partitions
 *   up to the current hour and nothing else; finished rows are moved to `done|<UTC hour>`, so
 *   the read does not grow with the number of past sessions.
 * - Every change is ETag-conditional: claiming (a lease), each recipient's "sending" and
 *   "sent", finishing. Whoever loses a race gets a conflict and lets go.
 */
export const NOTIFICATIONS_TABLE = 'notifications';

/** The UTC hour an instant falls in, as a sortable partition suffix. */
export function hourOf(at: Date): string {
  return at.toISOString().slice(0, 13);
}

export const notificationKeys = {
  due: (dueAt: Date) => `due|${hourOf(dueAt)}`,
  /** Finished rows, by the hour they were planned for (what identifies them; see `plannedAtOf`). */
  done: (plannedAt: Date) => `done|${hourOf(plannedAt)}`,
  /** Deterministic: planning the same notification twice cannot make two rows. */
  /** The instant is the planned one (a catch-up row is sent earlier but keeps its key). */
  row: (bodyId: string, subjectId: string, key: string, plannedAt: Date) =>
    `${encodeKey(bodyId)}|${encodeKey(subjectId)}|${encodeKey(key)}|${plannedAt.toISOString()}`,
};

/** The planned instant a row key ends with (a catch-up row is due earlier but keeps it). */
export function plannedAtOf(rowKey: string): Date {
  return new Date(rowKey.slice(rowKey.lastIndexOf('|') + 1));
}

const RECIPIENT = '|r|';
/** Recipient rows follow their notification's key (which ends with its ISO instant). */
const isRecipientKey = (rowKey: string) => rowKey.includes(`Z${RECIPIENT}`);
const recipientKey = (rowKey: string, id: string) => `${rowKey}${RECIPIENT}${encodeKey(id)}`;
/** Writes per transaction: Table Storage takes 100; one place stays for the notification row. */
const BATCH = 99;

export class TableNotificationStore implements NotificationStore {
  constructor(private readonly store: PartitionStore) {}

  idOf(bodyId: string, subjectId: string, key: string, dueAt: Date, plannedAt: Date = dueAt): NotificationId {
    return {
      partitionKey: notificationKeys.due(dueAt),
      rowKey: notificationKeys.row(bodyId, subjectId, key, plannedAt),
    };
  }

  /** Creates rows that do not exist yet; existing ones are left as they are. */
  async plan(rows: readonly { plannedAt: Date; row: NotificationRowInput }[]): Promise<number> {
    let created = 0;
    for (const { plannedAt, row: input } of rows) {
      const row = NotificationRowSchema.parse(input);
      try {
        await this.store.commit(notificationKeys.due(new Date(row.dueAt)), [
          {
            op: 'create',
            rowKey: notificationKeys.row(row.bodyId, row.subjectId, row.key, plannedAt),
            data: dataOf(row),
          },
        ]);
        created += 1;
      } catch (e) {
        if (!(e instanceof StorageConflictError)) throw e;
      }
    }
    return created;
  }

  /**
   * Like `plan`, except for rows already finished (moved to `done|`): a notification that was
   * sent is never planned again — by a restarted instance, or one whose clock is behind.
   */
  async planUnlessFinished(
    entries: readonly { plannedAt: Date; row: NotificationRowInput }[],
  ): Promise<number> {
    let created = 0;
    for (const entry of entries) {
      const row = NotificationRowSchema.parse(entry.row);
      const rowKey = notificationKeys.row(row.bodyId, row.subjectId, row.key, entry.plannedAt);
      const finished = await this.finishedRow(rowKey);
      // A withdrawn notification (its session moved away and back) is planned again; one that
      // was sent or skipped is not.
      if (finished && finished.value.state !== 'withdrawn') continue;
      if (finished) await this.forgetWithdrawn(finished);
      created += await this.plan([entry]);
    }
    return created;
  }

  /** The finished copy of a notification (by its row key), if it was finished. */
  async finishedRow(rowKey: string): Promise<StoredNotification | undefined> {
    return this.read(notificationKeys.done(plannedAtOf(rowKey)), rowKey);
  }

  /** Every row not finished yet: the due partitions, past and future (finished rows are elsewhere). */
  async pendingRows(): Promise<StoredNotification[]> {
    return assemble(await this.store.readAcross('due|', '', 'due|'));
  }

  /** Deletes the finished copy of a withdrawn notification (only a withdrawn one). */
  async forgetWithdrawn(finished: StoredNotification): Promise<void> {
    if (finished.value.state !== 'withdrawn') return;
    await this.deleteAll(finished);
  }

  /** Rows in the due partitions up to `now`'s hour (one query; finished rows are elsewhere). */
  async dueUpTo(now: Date): Promise<StoredNotification[]> {
    return assemble(await this.store.readAcross('due|', '', 'due|', notificationKeys.due(now)));
  }

  async read(partitionKey: string, rowKey: string): Promise<StoredNotification | undefined> {
    const rows = await this.store.readPartition(partitionKey, { prefix: rowKey });
    return assemble(rows.map((r) => ({ ...r, partitionKey }))).find((n) => n.rowKey === rowKey);
  }

  /**
   * Writes the row and every recipient that changed. Each part is conditional on the row's ETag
   * as this instance last saw it, so an instance that lost its lease cannot write anything.
   * @returns the new version @throws StorageConflictError if the row changed since it was read
   */
  async update(current: StoredNotification, value: NotificationRow): Promise<StoredNotification> {
    const before = new Map(current.value.recipients.map((r) => [r.id, JSON.stringify(r)]));
    const recipientEtags = new Map(current.recipientEtags ?? []);
    const changed = value.recipients
      .map((r, order) => ({ r, order }))
      .filter(({ r }) => before.get(r.id) !== JSON.stringify(r) || !recipientEtags.has(r.id));
    const writes: Write[] = changed.map(({ r, order }) => {
      const rowKey = recipientKey(current.rowKey, r.id);
      const data = { order, json: JSON.stringify(r) };
      const etag = recipientEtags.get(r.id);
      return etag ? { op: 'update', rowKey, data, etag } : { op: 'create', rowKey, data };
    });
    let etag = current.etag;
    const parts = chunks(writes, BATCH);
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1;
      const fence: Write = last
        ? { op: 'update', rowKey: current.rowKey, data: dataOf(value), etag }
        : { op: 'check', rowKey: current.rowKey, etag };
      const etags = await this.store.commit(current.partitionKey, [...part, fence]);
      etag = etags.get(current.rowKey) ?? '';
      for (const w of part) {
        const id = changed.find(({ r }) => recipientKey(current.rowKey, r.id) === w.rowKey)?.r.id;
        const next = etags.get(w.rowKey);
        if (id && next) recipientEtags.set(id, next);
      }
    }
    return { ...current, value, etag, recipientEtags };
  }

  /**
   * Moves a finished row out of the due partitions: the copy in `done|` first (idempotent),
   * then the delete, so a crash in between leaves a finished row that the next pass moves.
   */
  async archive(current: StoredNotification): Promise<void> {
    const done = notificationKeys.done(plannedAtOf(current.rowKey));
    const copies: Write[] = [
      ...current.value.recipients.map(
        (r, order): Write => ({
          op: 'create',
          rowKey: recipientKey(current.rowKey, r.id),
          data: { order, json: JSON.stringify(r) },
        }),
      ),
      // The row last: a finished copy is only there once its recipients are.
      { op: 'create', rowKey: current.rowKey, data: dataOf(current.value) },
    ];
    for (const part of chunks(copies, BATCH + 1)) await this.createOrKeep(done, part);
    // Already moved by another instance: its rows are gone, which is what this wants too.
    await this.deleteAll(current);
  }

  /** Creates rows; where some exist already (a repeated archive), creates the others one by one. */
  private async createOrKeep(partitionKey: string, writes: readonly Write[]): Promise<void> {
    try {
      await this.store.commit(partitionKey, writes);
    } catch (e) {
      if (!(e instanceof StorageConflictError)) throw e;
      for (const w of writes) {
        try {
          await this.store.commit(partitionKey, [w]);
        } catch (inner) {
          if (!(inner instanceof StorageConflictError)) throw inner;
        }
      }
    }
  }

  /** Deletes a notification's row and its recipients' rows (those already gone are skipped). */
  private async deleteAll(n: StoredNotification): Promise<void> {
    const rows = await this.store.readPartition(n.partitionKey, { prefix: n.rowKey });
    const deletes: Write[] = rows
      .filter((r) => r.rowKey === n.rowKey || r.rowKey.startsWith(`${n.rowKey}${RECIPIENT}`))
      // The notification's own row last: until it is gone, its recipients are found with it.
      .sort((a, b) => (a.rowKey === n.rowKey ? 1 : b.rowKey === n.rowKey ? -1 : 0))
      .map((r) => ({ op: 'delete', rowKey: r.rowKey }));
    for (const part of chunks(deletes, BATCH + 1)) {
      try {
        await this.store.commit(n.partitionKey, part);
      } catch (e) {
        if (!(e instanceof StorageConflictError)) throw e;
        for (const w of part) {
          try {
            await this.store.commit(n.partitionKey, [w]);
          } catch (inner) {
            if (!(inner instanceof StorageConflictError)) throw inner;
          }
        }
      }
    }
  }

  /** Deletes a due row that duplicates a finished one (its finished copy stays as it is). */
  async discard(current: StoredNotification): Promise<void> {
    await this.deleteAll(current);
  }

  /** Records a trigger request's nonce; false if it was seen before (a replay). */
  async recordNonce(nonce: string, at: Date): Promise<boolean> {
    try {
      await this.store.commit(`nonce|${hourOf(at)}`, [
        { op: 'create', rowKey: encodeKey(nonce), data: { at: at.toISOString() } },
      ]);
      return true;
    } catch (e) {
      if (e instanceof StorageConflictError) return false;
      throw e;
    }
  }

  /** Finished notifications planned for an instant in [from, to] (for the SPK and tests). */
  async finished(from: Date, to: Date): Promise<StoredNotification[]> {
    return assemble(
      await this.store.readAcross('done|', '', notificationKeys.done(from), notificationKeys.done(to)),
    );
  }
}

/**
 * Notifications from their rows: each with its recipients (from their own rows, in their order;
 * a row written before recipients had rows of their own carries them as JSON).
 */
function assemble(rows: readonly (Row & { partitionKey: string })[]): StoredNotification[] {
  const recipients = new Map<string, { order: number; recipient: Recipient; etag: string }[]>();
  for (const r of rows) {
    if (!isRecipientKey(r.rowKey)) continue;
    const owner = `${r.partitionKey}\n${r.rowKey.slice(0, r.rowKey.indexOf(`Z${RECIPIENT}`) + 1)}`;
    const list = recipients.get(owner) ?? [];
    list.push({
      order: Number(r.data.order ?? 0),
      recipient: RecipientSchema.parse(JSON.parse(String(r.data.json ?? '{}'))),
      etag: r.etag,
    });
    recipients.set(owner, list);
  }
  return rows
    .filter((r) => !isRecipientKey(r.rowKey))
    .map((r) => {
      const value = NotificationRowSchema.parse(r.data);
      const own = (recipients.get(`${r.partitionKey}\n${r.rowKey}`) ?? []).sort((a, b) => a.order - b.order);
      return {
        partitionKey: r.partitionKey,
        rowKey: r.rowKey,
        etag: r.etag,
        value: own.length > 0 ? { ...value, recipients: own.map((o) => o.recipient) } : value,
        recipientEtags: new Map(own.map((o) => [o.recipient.id, o.etag])),
      };
    });
}

/** The notification's own row: its recipients live in rows of their own. */
function dataOf(row: NotificationRow): Record<string, string | number | boolean> {
  return toData({ ...row, recipients: '' });
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length > 0 ? out : [[]];
}

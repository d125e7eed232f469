import { StorageConflictError } from '../ports/errors.js';
import {
  type NotificationId,
  type NotificationRow,
  type NotificationRowInput,
  NotificationRowSchema,
  type NotificationStore,
  type StoredNotification,
} from '../ports/notifications.js';
import type { PartitionStore, Row } from '../ports/partition-store.js';
import { encodeKey } from './keys.js';
import { toData } from './rows.js';

/**
 * The `notifications` table (docs/storage.md): one row per thing the bot sends on its own.
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
    const rows = await this.store.readAcross('due|', '', 'due|');
    return rows.map((r) => stored(r.partitionKey, r));
  }

  /** Deletes the finished copy of a withdrawn notification (only a withdrawn one). */
  async forgetWithdrawn(finished: StoredNotification): Promise<void> {
    if (finished.value.state !== 'withdrawn') return;
    try {
      await this.store.commit(finished.partitionKey, [{ op: 'delete', rowKey: finished.rowKey }]);
    } catch (e) {
      if (!(e instanceof StorageConflictError)) throw e;
    }
  }

  /** Rows in the due partitions up to `now`'s hour (one query; finished rows are elsewhere). */
  async dueUpTo(now: Date): Promise<StoredNotification[]> {
    const rows = await this.store.readAcross('due|', '', 'due|', notificationKeys.due(now));
    return rows.map((r) => stored(r.partitionKey, r));
  }

  async read(partitionKey: string, rowKey: string): Promise<StoredNotification | undefined> {
    const row = await this.store.readRow(partitionKey, rowKey);
    return row ? stored(partitionKey, row) : undefined;
  }

  /** @returns the new version @throws StorageConflictError if the row changed since it was read */
  async update(current: StoredNotification, value: NotificationRow): Promise<StoredNotification> {
    const etags = await this.store.commit(current.partitionKey, [
      { op: 'update', rowKey: current.rowKey, data: dataOf(value), etag: current.etag },
    ]);
    return { ...current, value, etag: etags.get(current.rowKey) ?? '' };
  }

  /**
   * Moves a finished row out of the due partitions: the copy in `done|` first (idempotent),
   * then the delete, so a crash in between leaves a finished row that the next pass moves.
   */
  async archive(current: StoredNotification): Promise<void> {
    try {
      await this.store.commit(notificationKeys.done(plannedAtOf(current.rowKey)), [
        { op: 'create', rowKey: current.rowKey, data: dataOf(current.value) },
      ]);
    } catch (e) {
      if (!(e instanceof StorageConflictError)) throw e;
    }
    try {
      await this.store.commit(current.partitionKey, [{ op: 'delete', rowKey: current.rowKey }]);
    } catch (e) {
      // Already moved by another instance.
      if (!(e instanceof StorageConflictError)) throw e;
    }
  }

  /** Deletes a due row that duplicates a finished one (its finished copy stays as it is). */
  async discard(current: StoredNotification): Promise<void> {
    try {
      await this.store.commit(current.partitionKey, [{ op: 'delete', rowKey: current.rowKey }]);
    } catch (e) {
      if (!(e instanceof StorageConflictError)) throw e;
    }
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
    const rows = await this.store.readAcross(
      'done|',
      '',
      notificationKeys.done(from),
      notificationKeys.done(to),
    );
    return rows.map((r) => stored(r.partitionKey, r));
  }
}

function stored(partitionKey: string, row: Row): StoredNotification {
  return { partitionKey, rowKey: row.rowKey, etag: row.etag, value: NotificationRowSchema.parse(row.data) };
}

function dataOf(row: NotificationRow): Record<string, string | number | boolean> {
  return toData({ ...row, recipients: JSON.stringify(row.recipients) });
}

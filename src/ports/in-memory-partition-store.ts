import { StorageConflictError } from './errors.js';
import { type PartitionStore, prefixEnd, type Row, type RowRange, type Write } from './partition-store.js';
import { checkRowLimits } from './row-limits.js';

/**
 * The in-memory twin of the Table Storage adapter: same ETag checks, same all-or-nothing
 * commits, same ordering (rows by key). A shared contract test runs against both.
 */
export class InMemoryPartitionStore implements PartitionStore {
  private readonly partitions = new Map<string, Map<string, { etag: string; data: Row['data'] }>>();
  private version = 0;
  /** Test hook: the next commit fails as if storage were unreachable. */
  failNextCommit?: Error;

  async readPartition(partitionKey: string, range: RowRange = {}): Promise<Row[]> {
    const rows = [...(this.partitions.get(partitionKey) ?? new Map()).entries()]
      .filter(([key]) => inRange(key, range))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return rows.map(([rowKey, row]) => ({ rowKey, etag: row.etag, data: { ...row.data } }));
  }

  async readRow(partitionKey: string, rowKey: string): Promise<Row | undefined> {
    const row = this.partitions.get(partitionKey)?.get(rowKey);
    return row ? { rowKey, etag: row.etag, data: { ...row.data } } : undefined;
  }

  async readAcross(
    partitionPrefix: string,
    rowPrefix: string,
    partitionFrom: string = partitionPrefix,
    partitionTo?: string,
  ): Promise<(Row & { partitionKey: string })[]> {
    const out: (Row & { partitionKey: string })[] = [];
    const keys = [...this.partitions.keys()]
      .filter((k) => k >= partitionPrefix && k < prefixEnd(partitionPrefix))
      .filter((k) => k >= partitionFrom && (partitionTo === undefined || k <= partitionTo))
      .sort();
    for (const partitionKey of keys) {
      for (const row of await this.readPartition(partitionKey, { prefix: rowPrefix }))
        out.push({ ...row, partitionKey });
    }
    return out;
  }

  async commit(partitionKey: string, writes: readonly Write[]): Promise<ReadonlyMap<string, string>> {
    checkRowLimits(partitionKey, writes);
    if (this.failNextCommit) {
      const error = this.failNextCommit;
      this.failNextCommit = undefined;
      throw error;
    }
    const partition = this.partitions.get(partitionKey) ?? new Map();
    for (const w of writes) {
      const current = partition.get(w.rowKey);
      if (w.op === 'create' && current) throw new StorageConflictError(`create ${w.rowKey}`);
      if ((w.op === 'update' || w.op === 'check') && (!current || current.etag !== w.etag))
        throw new StorageConflictError(`${w.op} ${w.rowKey}`);
    }
    const etags = new Map<string, string>();
    for (const w of writes) {
      if (w.op === 'delete') partition.delete(w.rowKey);
      else {
        const etag = `W/"mem-${++this.version}"`;
        // A check keeps the data and, as on Table Storage, gets a new ETag.
        const data = w.op === 'check' ? (partition.get(w.rowKey)?.data ?? {}) : { ...w.data };
        partition.set(w.rowKey, { etag, data });
        etags.set(w.rowKey, etag);
      }
    }
    // Like Table Storage, a partition exists only while it has rows.
    if (partition.size > 0) this.partitions.set(partitionKey, partition);
    else this.partitions.delete(partitionKey);
    return etags;
  }
}

function inRange(key: string, range: RowRange): boolean {
  if (range.prefix !== undefined && !key.startsWith(range.prefix)) return false;
  if (range.exceptPrefix !== undefined && key.startsWith(range.exceptPrefix)) return false;
  return true;
}

/**
 * The storage primitive every repository builds on: rows grouped in partitions, read by
 * partition or by key, and changed by atomic commits within one partition (an Azure Table
 * entity-group transaction). Every update names the ETag it read; there is no blind overwrite
 * of a row that may have changed.
 */
export type Value = string | number | boolean;
export type RowData = Readonly<Record<string, Value>>;

export type Row = { readonly rowKey: string; readonly etag: string; readonly data: RowData };

export type Write =
  /** Fails with a conflict if the row exists. */
  | { readonly op: 'create'; readonly rowKey: string; readonly data: RowData }
  /** Fails with a conflict if the row changed since it was read (or is gone). */
  | { readonly op: 'update'; readonly rowKey: string; readonly data: RowData; readonly etag: string }
  | { readonly op: 'delete'; readonly rowKey: string }
  /**
   * Commits only if the row is still as it was read (same ETag), changing none of its data:
   * how a decision conditions on a row it read but does not write (its read set). Table
   * Storage has no read inside a transaction, so this is a merge without properties under
   * If-Match: the row's ETag changes, which makes any other writer that read it retry.
   */
  | { readonly op: 'check'; readonly rowKey: string; readonly etag: string };

export type RowRange = { readonly prefix?: string; readonly exceptPrefix?: string };

export interface PartitionStore {
  /** All rows of a partition (optionally only those whose key starts, or does not start, with a prefix). */
  readPartition(partitionKey: string, range?: RowRange): Promise<Row[]>;
  readRow(partitionKey: string, rowKey: string): Promise<Row | undefined>;
  /**
   * Rows with a key prefix across the partitions whose keys start with `partitionPrefix`,
   * from `partitionFrom` on and up to `partitionTo` if given (partition keys sort, so e.g. past
   * sessions or future notifications are skipped).
   */
  readAcross(
    partitionPrefix: string,
    rowPrefix: string,
    partitionFrom?: string,
    /** Inclusive upper bound on the partition key (e.g. "due up to this hour"). */
    partitionTo?: string,
  ): Promise<(Row & { partitionKey: string })[]>;
  /**
   * Applies all writes or none (at most 100, one partition).
   * @returns the new ETag of every created or updated row
   * @throws StorageConflictError, StorageUnavailableError, StorageLimitError
   */
  commit(partitionKey: string, writes: readonly Write[]): Promise<ReadonlyMap<string, string>>;
}

/** The smallest key greater than every key that starts with `prefix`. */
export function prefixEnd(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return `${prefix.slice(0, -1)}${String.fromCharCode(last + 1)}`;
}

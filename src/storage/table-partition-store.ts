import { odata, RestError, type TableClient, type TransactionAction } from '@azure/data-tables';
import { StorageConflictError, StorageLimitError } from '../ports/errors.js';
import {
  type PartitionStore,
  prefixEnd,
  type Row,
  type RowRange,
  type Value,
  type Write,
} from '../ports/partition-store.js';
import { checkKey, checkRowLimits } from '../ports/row-limits.js';
import { withStorage } from './table-client.js';

const SYSTEM_FIELDS = new Set([
  'partitionKey',
  'rowKey',
  'etag',
  'timestamp',
  'odata.metadata',
  'odata.etag',
]);

/**
 * PartitionStore on Azure Table Storage (or Azurite). Commits are entity-group
 * transactions: all writes or none. Updates carry the ETag that was read; the SDK's default
 * (an unconditional "*") is never used.
 */
export class TablePartitionStore implements PartitionStore {
  constructor(
    private readonly client: TableClient,
    private readonly timeoutMs: number,
  ) {}

  async readPartition(partitionKey: string, range: RowRange = {}): Promise<Row[]> {
    const filter = partitionFilter(partitionKey, range);
    return withStorage('read partition', this.timeoutMs, async (abortSignal) => {
      const rows: Row[] = [];
      for await (const entity of this.client.listEntities({ abortSignal, queryOptions: { filter } })) {
        rows.push(toRow(entity));
      }
      return rows;
    });
  }

  async readRow(partitionKey: string, rowKey: string): Promise<Row | undefined> {
    checkKey(partitionKey, 'partition key');
    checkKey(rowKey, 'row key');
    return withStorage('read row', this.timeoutMs, async (abortSignal) => {
      try {
        return toRow(await this.client.getEntity(partitionKey, rowKey, { abortSignal }));
      } catch (e) {
        if (e instanceof RestError && e.statusCode === 404) return undefined;
        throw e;
      }
    });
  }

  async readAcross(
    partitionPrefix: string,
    rowPrefix: string,
    partitionFrom: string = partitionPrefix,
    partitionTo?: string,
  ): Promise<(Row & { partitionKey: string })[]> {
    const from = partitionFrom > partitionPrefix ? partitionFrom : partitionPrefix;
    const partitions = partitionTo
      ? odata`PartitionKey ge ${filterText(from)} and PartitionKey le ${filterText(partitionTo)}`
      : odata`PartitionKey ge ${filterText(from)} and PartitionKey lt ${filterText(prefixEnd(partitionPrefix))}`;
    const rows = rowPrefix
      ? odata` and RowKey ge ${filterText(rowPrefix)} and RowKey lt ${filterText(prefixEnd(rowPrefix))}`
      : '';
    const filter = `${partitions}${rows}`;
    return withStorage('read across partitions', this.timeoutMs, async (abortSignal) => {
      const rows: (Row & { partitionKey: string })[] = [];
      for await (const entity of this.client.listEntities({ abortSignal, queryOptions: { filter } })) {
        rows.push({ ...toRow(entity), partitionKey: String(entity.partitionKey) });
      }
      return rows;
    });
  }

  async commit(partitionKey: string, writes: readonly Write[]): Promise<ReadonlyMap<string, string>> {
    checkRowLimits(partitionKey, writes);
    const actions: TransactionAction[] = writes.map((w) => {
      const entity = {
        partitionKey,
        rowKey: w.rowKey,
        ...(w.op === 'delete' || w.op === 'check' ? {} : w.data),
      };
      if (w.op === 'create') return ['create', entity];
      if (w.op === 'delete') return ['delete', entity];
      // A merge without properties under If-Match: fails if the row changed, changes no data.
      if (w.op === 'check') return ['update', entity, 'Merge', { etag: w.etag }];
      return ['update', entity, 'Replace', { etag: w.etag }];
    });
    return withStorage(
      'commit',
      this.timeoutMs,
      async (abortSignal) => {
        try {
          const response = await this.client.submitTransaction(actions, { abortSignal });
          // Sub-responses come in request order; their rowKey is only set for creates (and
          // percent-encoded), so they are matched by position.
          const etags = new Map<string, string>();
          writes.forEach((w, i) => {
            const etag = response.subResponses[i]?.etag;
            if (w.op !== 'delete' && etag) etags.set(w.rowKey, etag);
          });
          return etags;
        } catch (e) {
          if (
            e instanceof RestError &&
            (e.statusCode === 409 || e.statusCode === 412 || e.statusCode === 404)
          ) {
            throw new StorageConflictError('commit', e);
          }
          throw e;
        }
      },
      { write: true },
    );
  }
}

/** Filter values must be strings; anything else is refused before a request is built. */
export function filterText(value: unknown): string {
  if (typeof value !== 'string')
    throw new StorageLimitError('filter', `expected a string, got ${typeof value}`);
  return value;
}

/** The OData filter of a partition read (exported for the storage benchmark, which issues the same reads). */
export function partitionFilter(partitionKey: string, range: RowRange): string {
  checkKey(partitionKey, 'partition key');
  let filter = odata`PartitionKey eq ${filterText(partitionKey)}`;
  if (range.prefix !== undefined) {
    filter += odata` and RowKey ge ${filterText(range.prefix)} and RowKey lt ${filterText(prefixEnd(range.prefix))}`;
  }
  if (range.exceptPrefix !== undefined) {
    filter += odata` and (RowKey lt ${filterText(range.exceptPrefix)} or RowKey ge ${filterText(prefixEnd(range.exceptPrefix))})`;
  }
  return filter;
}

function toRow(entity: Record<string, unknown>): Row {
  const data: Record<string, Value> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (SYSTEM_FIELDS.has(key) || key.endsWith('@odata.type')) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      data[key] = value;
  }
  return { rowKey: String(entity.rowKey), etag: String(entity.etag), data };
}

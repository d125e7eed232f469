import { randomUUID } from 'node:crypto';
import { RestError, type TableClient, type TransactionAction } from '@azure/data-tables';
import { partitionFilter } from '../../../src/storage/table-partition-store.js';
import type { StorageOp } from './measure.js';

/**
 * The storage floor of a use case: exactly the storage calls it made (recorded by
 * RecordingPartitionStore), issued directly with @azure/data-tables — the same reads, the same
 * transaction with the same rows and sizes, conditional on the ETags those reads returned —
 * without any of the bot's own work. `remap` moves the calls to another partition (a check-in
 * creates its attendance row once per session); audit rows get fresh keys of the same length.
 */
export async function replay(
  client: TableClient,
  ops: readonly StorageOp[],
  remap: (partitionKey: string) => string = (k) => k,
): Promise<void> {
  const etags = new Map<string, string>();
  for (const op of ops) {
    if (op.kind === 'readRow') {
      try {
        const e = await client.getEntity(remap(op.partitionKey), op.rowKey);
        etags.set(op.rowKey, String(e.etag));
      } catch (e) {
        if (!(e instanceof RestError && e.statusCode === 404)) throw e;
      }
    } else if (op.kind === 'readPartition') {
      const filter = partitionFilter(remap(op.partitionKey), op.range);
      for await (const e of client.listEntities({ queryOptions: { filter } })) {
        etags.set(String(e.rowKey), String(e.etag));
      }
    } else if (op.kind === 'readAcross') {
      throw new Error('a cross-partition read is not on this path');
    } else {
      const partitionKey = remap(op.partitionKey);
      const actions: TransactionAction[] = op.writes.map((w) => {
        if (w.op === 'create') {
          // Audit keys end in an id: a fresh one of the same length keeps the row the same size.
          const rowKey = w.rowKey.startsWith('audit|')
            ? `${w.rowKey.slice(0, -36)}${randomUUID()}`
            : w.rowKey;
          return ['create', { partitionKey, rowKey, ...w.data }];
        }
        if (w.op === 'delete') return ['delete', { partitionKey, rowKey: w.rowKey }];
        // Conditional like the real commit: a row the replayed reads did not return is a broken recording.
        const etag = etags.get(w.rowKey);
        if (!etag) throw new Error(`the replayed reads returned no ETag for ${w.rowKey}`);
        if (w.op === 'check') return ['update', { partitionKey, rowKey: w.rowKey }, 'Merge', { etag }];
        return ['update', { partitionKey, rowKey: w.rowKey, ...w.data }, 'Replace', { etag }];
      });
      await client.submitTransaction(actions);
    }
  }
}

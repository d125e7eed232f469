import { TableClient } from '@azure/data-tables';
import { inject } from 'vitest';
import { InMemoryPartitionStore } from '../../src/ports/in-memory-partition-store.js';
import type { PartitionStore } from '../../src/ports/partition-store.js';
import { ensureTable } from '../../src/storage/table-client.js';
import { TablePartitionStore } from '../../src/storage/table-partition-store.js';
import { uniqueTablePrefix } from './test-env.js';

export async function tableClient(name = 'gremien'): Promise<TableClient> {
  const client = TableClient.fromConnectionString(
    inject('azuriteConnectionString'),
    `${uniqueTablePrefix()}${name}`,
    {
      allowInsecureConnection: true,
    },
  );
  await ensureTable(client, 5000);
  return client;
}

/** Both implementations of the storage primitive, for contract tests. */
export const partitionStores: [string, () => Promise<PartitionStore>][] = [
  ['in memory', async () => new InMemoryPartitionStore()],
  ['Table Storage (Azurite)', async () => new TablePartitionStore(await tableClient(), 5000)],
];

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TableClient } from '@azure/data-tables';
import { describe, expect, it } from 'vitest';
import { StorageOutcomeUnknownError, StorageUnavailableError } from '../../src/ports/errors.js';
import type { Write } from '../../src/ports/partition-store.js';
import { startAzurite } from '../../src/storage/azurite.js';
import { ensureTable } from '../../src/storage/table-client.js';
import { TablePartitionStore } from '../../src/storage/table-partition-store.js';

async function storeOn(connectionString: string, timeoutMs = 3000) {
  const client = TableClient.fromConnectionString(connectionString, 'gbpersist', {
    allowInsecureConnection: true,
    retryOptions: { maxRetries: 0 },
  });
  await ensureTable(client, 5000);
  return new TablePartitionStore(client, timeoutMs);
}

describe('Azurite with on-disk persistence', () => {
  it('keeps all acknowledged data across a stop and restart', async () => {
    const location = mkdtempSync(path.join(tmpdir(), 'azurite-persist-'));
    const first = await startAzurite({ location });
    const store = await storeOn(first.connectionString);
    const acknowledged: string[] = [];
    for (let i = 0; i < 30; i++) {
      await store.commit(`b|ag|s|2026-12-${String((i % 9) + 10)}`, [
        { op: 'create', rowKey: `ballot|v1|amt-${i}`, data: { choice: 'yes', n: i } },
        { op: 'create', rowKey: `audit|${i}`, data: { action: 'ballot.cast' } },
      ]);
      acknowledged.push(`ballot|v1|amt-${i}`);
    }
    await first.stop();

    const second = await startAzurite({ location, port: first.port });
    try {
      const again = await storeOn(second.connectionString);
      const rows = await again.readAcross('b|ag|', 'ballot|');
      expect(rows.map((r) => r.rowKey).sort()).toEqual([...acknowledged].sort());
      expect(await again.readAcross('b|ag|', 'audit|')).toHaveLength(30);
    } finally {
      await second.stop();
    }
  });

  it('stopped in the middle of multi-row changes: each change is fully there or fully absent, and failed callers get a typed error', async () => {
    const location = mkdtempSync(path.join(tmpdir(), 'azurite-outage-'));
    const first = await startAzurite({ location });
    const store = await storeOn(first.connectionString, 2000);
    const changes = Array.from({ length: 60 }, (_, i) => {
      const writes: Write[] = Array.from({ length: 6 }, (_, j) => ({
        op: 'create',
        rowKey: `change-${String(i).padStart(2, '0')}|row-${j}`,
        data: { change: i, part: j, text: 'x'.repeat(2000) },
      }));
      return writes;
    });
    // 'typed': refused before it was sent (nothing applied); 'unknown': sent, answer lost.
    const outcomes: ('ok' | 'typed' | 'unknown' | 'other')[] = new Array(changes.length);
    const running = changes.map(async (writes, i) => {
      await new Promise((r) => setTimeout(r, i * 4));
      try {
        await store.commit('b|ag|s|outage', writes);
        outcomes[i] = 'ok';
      } catch (e) {
        outcomes[i] =
          e instanceof StorageUnavailableError
            ? 'typed'
            : e instanceof StorageOutcomeUnknownError
              ? 'unknown'
              : 'other';
      }
    });
    await new Promise((r) => setTimeout(r, 60));
    await first.stop();
    await Promise.all(running);

    expect(outcomes.filter((o) => o === 'other')).toEqual([]);
    expect(outcomes.filter((o) => o === 'typed' || o === 'unknown').length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o === 'ok').length).toBeGreaterThan(0);

    const second = await startAzurite({ location, port: first.port });
    try {
      const rows = await (await storeOn(second.connectionString)).readPartition('b|ag|s|outage');
      const perChange = new Map<number, number>();
      for (const r of rows)
        perChange.set(Number(r.data.change), (perChange.get(Number(r.data.change)) ?? 0) + 1);
      for (const [change, count] of perChange) expect(count, `change ${change}`).toBe(6);
      outcomes.forEach((o, i) => {
        if (o === 'ok') expect(perChange.get(i), `acknowledged change ${i}`).toBe(6);
        // "Not sent" is true: such a change left nothing behind.
        if (o === 'typed') expect(perChange.get(i), `unsent change ${i}`).toBeUndefined();
      });
    } finally {
      await second.stop();
    }
  }, 60_000);
});

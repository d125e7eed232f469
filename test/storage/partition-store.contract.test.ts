import { describe, expect, it } from 'vitest';
import { StorageConflictError, StorageLimitError } from '../../src/ports/errors.js';
import { filterText } from '../../src/storage/table-partition-store.js';
import { partitionStores } from '../support/stores.js';

describe.each(partitionStores)('PartitionStore contract: %s', (_name, make) => {
  it('creates rows atomically and reads them back by partition, prefix and key', async () => {
    const store = await make();
    const etags = await store.commit('body-a', [
      { op: 'create', rowKey: 'member|1', data: { officeId: 'jugendamt', approved: true, seq: 1 } },
      { op: 'create', rowKey: 'member|2', data: { officeId: 'schulamt', approved: false, seq: 2 } },
      { op: 'create', rowKey: 'spk|9', data: { since: '2026-11-01' } },
    ]);
    expect(etags.size).toBe(3);
    expect((await store.readPartition('body-a')).map((r) => r.rowKey)).toEqual([
      'member|1',
      'member|2',
      'spk|9',
    ]);
    expect((await store.readPartition('body-a', { prefix: 'member|' })).map((r) => r.rowKey)).toEqual([
      'member|1',
      'member|2',
    ]);
    expect((await store.readPartition('body-a', { exceptPrefix: 'member|' })).map((r) => r.rowKey)).toEqual([
      'spk|9',
    ]);
    const row = await store.readRow('body-a', 'member|1');
    expect(row?.data).toEqual({ officeId: 'jugendamt', approved: true, seq: 1 });
    expect(row?.etag).toBe(etags.get('member|1'));
    expect(await store.readRow('body-a', 'member|3')).toBeUndefined();
    expect(await store.readPartition('body-b')).toEqual([]);
  });

  it('an update with the ETag it read wins; one with a stale ETag is a conflict', async () => {
    const store = await make();
    await store.commit('p', [{ op: 'create', rowKey: 'session', data: { status: 'planned' } }]);
    const read = await store.readRow('p', 'session');
    if (!read) throw new Error('row missing');
    const results = await Promise.allSettled([
      store.commit('p', [{ op: 'update', rowKey: 'session', etag: read.etag, data: { status: 'running' } }]),
      store.commit('p', [
        { op: 'update', rowKey: 'session', etag: read.etag, data: { status: 'cancelled' } },
      ]),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(StorageConflictError);
    const after = await store.readRow('p', 'session');
    expect(['running', 'cancelled']).toContain(after?.data.status);
  });

  it('creating an existing row is a conflict and the whole commit is discarded', async () => {
    const store = await make();
    await store.commit('p', [{ op: 'create', rowKey: 'ballot|v1|amt-1', data: { choice: 'yes' } }]);
    await expect(
      store.commit('p', [
        { op: 'create', rowKey: 'audit|1', data: { action: 'ballot' } },
        { op: 'create', rowKey: 'ballot|v1|amt-1', data: { choice: 'no' } },
      ]),
    ).rejects.toBeInstanceOf(StorageConflictError);
    expect(await store.readRow('p', 'audit|1')).toBeUndefined();
    expect((await store.readRow('p', 'ballot|v1|amt-1'))?.data.choice).toBe('yes');
  });

  it('a check commits only on the row as read, keeps its data and gives it a new ETag', async () => {
    const store = await make();
    await store.commit('p', [
      { op: 'create', rowKey: 'vote|v1', data: { status: 'open' } },
      { op: 'create', rowKey: 'ballot|v1|amt-1', data: { choice: 'yes' } },
    ]);
    const row = async (key: string) => {
      const found = await store.readRow('p', key);
      if (!found) throw new Error(`${key} missing`);
      return found;
    };
    const read = await row('vote|v1');
    const ballot = await row('ballot|v1|amt-1');
    // A decision that read the vote commits with it unchanged …
    const etags = await store.commit('p', [
      { op: 'check', rowKey: 'vote|v1', etag: read.etag },
      { op: 'update', rowKey: 'ballot|v1|amt-1', etag: ballot.etag, data: { choice: 'no' } },
    ]);
    const after = await row('vote|v1');
    expect(after.data).toEqual({ status: 'open' });
    expect(after.etag).not.toBe(read.etag);
    expect(etags.get('vote|v1')).toBe(after.etag);
    // … and a decision on a stale read fails whole: the ballot is not written.
    await expect(
      store.commit('p', [
        { op: 'check', rowKey: 'vote|v1', etag: read.etag },
        { op: 'create', rowKey: 'ballot|v1|amt-2', data: { choice: 'yes' } },
      ]),
    ).rejects.toBeInstanceOf(StorageConflictError);
    expect(await store.readRow('p', 'ballot|v1|amt-2')).toBeUndefined();
    await expect(
      store.commit('p', [{ op: 'check', rowKey: 'missing', etag: read.etag }]),
    ).rejects.toBeInstanceOf(StorageConflictError);
  });

  it('deletes rows', async () => {
    const store = await make();
    await store.commit('p', [{ op: 'create', rowKey: 'x', data: { a: 1 } }]);
    await store.commit('p', [{ op: 'delete', rowKey: 'x' }]);
    expect(await store.readRow('p', 'x')).toBeUndefined();
  });

  it('reads one row kind across the partitions of a prefix', async () => {
    const store = await make();
    await store.commit('body|s|2026-12-10', [
      { op: 'create', rowKey: 'audit|b', data: { n: 2 } },
      { op: 'create', rowKey: 'session', data: { n: 0 } },
    ]);
    await store.commit('body|s|2027-01-14', [{ op: 'create', rowKey: 'audit|a', data: { n: 1 } }]);
    await store.commit('other|s|2026-12-10', [{ op: 'create', rowKey: 'audit|c', data: { n: 3 } }]);
    const rows = await store.readAcross('body|', 'audit|');
    expect(rows.map((r) => [r.partitionKey, r.rowKey])).toEqual([
      ['body|s|2026-12-10', 'audit|b'],
      ['body|s|2027-01-14', 'audit|a'],
    ]);
  });

  it.each([
    ['a forbidden key character', 'p', [{ op: 'create' as const, rowKey: 'a/b', data: { x: 1 } }]],
    ['a control character in a key', 'p', [{ op: 'create' as const, rowKey: 'a\u0001', data: { x: 1 } }]],
    ['a forbidden partition key', 'p#1', [{ op: 'create' as const, rowKey: 'a', data: { x: 1 } }]],
    ['oversized text', 'p', [{ op: 'create' as const, rowKey: 'a', data: { text: 'x'.repeat(32_001) } }]],
    [
      'the same row twice',
      'p',
      [
        { op: 'create' as const, rowKey: 'a', data: {} },
        { op: 'create' as const, rowKey: 'a', data: {} },
      ],
    ],
    [
      'more than 100 writes',
      'p',
      Array.from({ length: 101 }, (_, i) => ({ op: 'create' as const, rowKey: `r${i}`, data: {} })),
    ],
  ])('refuses %s before any write', async (_name, pk, writes) => {
    const store = await make();
    await expect(store.commit(pk, writes)).rejects.toBeInstanceOf(StorageLimitError);
    expect(await store.readPartition('p')).toEqual([]);
  });
});

describe('filter values', () => {
  it('accepts strings and refuses any other type before a query is built', () => {
    expect(filterText('body-a')).toBe('body-a');
    for (const bad of [42, { $ne: '' }, null, undefined, ['a']]) {
      expect(() => filterText(bad)).toThrow(StorageLimitError);
    }
  });
});

import type { PartitionStore, Row, RowRange, Write } from '../../src/ports/partition-store.js';

/**
 * A PartitionStore that can hold one use case right after a read, to force an interleaving
 * deterministically: `holdNextRead(prefix)` arms a hold on the next partition read whose key
 * starts with `prefix`; the read completes, then waits until `release()`. Meanwhile the test
 * runs another use case to its end.
 */
export class HoldingStore implements PartitionStore {
  private armed?: { prefix: string; rowPrefix?: string; reached: () => void; gate: Promise<void> };

  constructor(private readonly inner: PartitionStore) {}

  /** `rowPrefix`: hold after the next single-row read of such a row instead of a partition read. */
  holdNextRead(prefix: string, rowPrefix?: string): { reached: Promise<void>; release: () => void } {
    let release = () => {};
    let reached = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const wasReached = new Promise<void>((r) => {
      reached = r;
    });
    this.armed = { prefix, ...(rowPrefix !== undefined ? { rowPrefix } : {}), reached, gate };
    return { reached: wasReached, release };
  }

  async readPartition(partitionKey: string, range?: RowRange): Promise<Row[]> {
    const rows = await this.inner.readPartition(partitionKey, range);
    const armed = this.armed;
    if (armed && armed.rowPrefix === undefined && partitionKey.startsWith(armed.prefix)) {
      this.armed = undefined;
      armed.reached();
      await armed.gate;
    }
    return rows;
  }

  async readRow(partitionKey: string, rowKey: string): Promise<Row | undefined> {
    const row = await this.inner.readRow(partitionKey, rowKey);
    const armed = this.armed;
    if (
      armed?.rowPrefix !== undefined &&
      partitionKey.startsWith(armed.prefix) &&
      rowKey.startsWith(armed.rowPrefix)
    ) {
      this.armed = undefined;
      armed.reached();
      await armed.gate;
    }
    return row;
  }

  readAcross(
    partitionPrefix: string,
    rowPrefix: string,
    partitionFrom?: string,
    partitionTo?: string,
  ): Promise<(Row & { partitionKey: string })[]> {
    return this.inner.readAcross(partitionPrefix, rowPrefix, partitionFrom, partitionTo);
  }

  commit(partitionKey: string, writes: readonly Write[]): Promise<ReadonlyMap<string, string>> {
    return this.inner.commit(partitionKey, writes);
  }
}

/**
 * Runs `held` until just after its read of a partition under `prefix`, runs `other` to its end,
 * then lets `held` go on. Returns both results.
 */
export async function interleave<A, B>(
  store: HoldingStore,
  prefix: string,
  held: () => Promise<A>,
  other: () => Promise<B>,
  rowPrefix?: string,
): Promise<{ held: A; other: B }> {
  const hold = store.holdNextRead(prefix, rowPrefix);
  const first = held();
  await hold.reached;
  let second: B;
  try {
    second = await other();
  } finally {
    hold.release();
  }
  return { held: await first, other: second };
}

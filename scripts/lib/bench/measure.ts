import type { PartitionStore, Row, RowRange, Write } from '../../../src/ports/partition-store.js';

/** Latency figures of one run: requests per second, median and 99th percentile. */
export type RunFigures = { name: string; rps: number; p50: number; p99: number; n: number };

/** Runs `lanes` concurrent lanes of `perLane` calls each; every call is timed. */
export async function load(
  name: string,
  lanes: number,
  perLane: number,
  call: (lane: number, n: number) => Promise<unknown>,
): Promise<RunFigures> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      for (let n = 0; n < perLane; n++) {
        const t = performance.now();
        await call(lane, n);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return { name, rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), n: latencies.length };
}

export const line = (r: RunFigures) =>
  `${r.name.padEnd(34)} ${r.rps.toFixed(1).padStart(7)} /s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   (n=${r.n})`;

/** One storage call a use case made, as the partition store saw it. */
export type StorageOp =
  | { kind: 'readRow'; partitionKey: string; rowKey: string }
  | { kind: 'readPartition'; partitionKey: string; range: RowRange }
  | { kind: 'readAcross'; partitionPrefix: string; rowPrefix: string }
  | { kind: 'commit'; partitionKey: string; writes: readonly Write[] };

/** Passes every call through and, while `recording`, writes it down. */
export class RecordingPartitionStore implements PartitionStore {
  recording = false;
  ops: StorageOp[] = [];
  constructor(private readonly inner: PartitionStore) {}

  take(): StorageOp[] {
    const ops = this.ops;
    this.ops = [];
    return ops;
  }
  readPartition(partitionKey: string, range: RowRange = {}): Promise<Row[]> {
    if (this.recording) this.ops.push({ kind: 'readPartition', partitionKey, range });
    return this.inner.readPartition(partitionKey, range);
  }
  readRow(partitionKey: string, rowKey: string): Promise<Row | undefined> {
    if (this.recording) this.ops.push({ kind: 'readRow', partitionKey, rowKey });
    return this.inner.readRow(partitionKey, rowKey);
  }
  readAcross(
    partitionPrefix: string,
    rowPrefix: string,
    partitionFrom?: string,
    partitionTo?: string,
  ): Promise<(Row & { partitionKey: string })[]> {
    if (this.recording) this.ops.push({ kind: 'readAcross', partitionPrefix, rowPrefix });
    return this.inner.readAcross(partitionPrefix, rowPrefix, partitionFrom, partitionTo);
  }
  commit(partitionKey: string, writes: readonly Write[]): Promise<ReadonlyMap<string, string>> {
    if (this.recording) this.ops.push({ kind: 'commit', partitionKey, writes });
    return this.inner.commit(partitionKey, writes);
  }
}

/** A counter of storage requests (HTTP round trips to the Table service). */
export class RoundTrips {
  count = 0;
  readonly observe = () => {
    this.count++;
  };
  /** Round trips made while `f` runs. */
  async during<T>(f: () => Promise<T>): Promise<{ result: T; trips: number; ms: number }> {
    const before = this.count;
    const t = performance.now();
    const result = await f();
    return { result, trips: this.count - before, ms: performance.now() - t };
  }
}

export const describeOps = (ops: readonly StorageOp[]) =>
  ops
    .map((o) =>
      o.kind === 'commit'
        ? `commit(${o.writes.map((w) => w.op).join('+')})`
        : o.kind === 'readRow'
          ? 'point read'
          : o.kind === 'readPartition'
            ? 'partition read'
            : 'cross-partition read',
    )
    .join(', ');

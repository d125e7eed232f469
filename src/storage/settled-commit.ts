import {
  StorageConflictError,
  StorageOutcomeUnknownError,
  StorageUnavailableError,
} from '../ports/errors.js';
import type { PartitionStore, Write } from '../ports/partition-store.js';

/** How often a lost commit is fenced before its outcome is reported unknown. */
const SETTLE_ATTEMPTS = 3;
/** The data of a fence at a lost commit's audit key; never read as an audit entry. */
export const FENCE = { fence: true } as const;

/**
 * Commits, and if the answer was lost (the commit may or may not have been applied), finds
 * out which before anyone is told. Every commit of the gremien table creates an audit row; this
 * tries to create that same row as a fence. If the fence is created, the original commit can
 * never apply (its create would conflict): nothing was saved, said truthfully. If the row
 * already exists and is not the fence, the original commit was applied. Only while storage
 * stays unreachable does the outcome remain unknown.
 */
export async function settledCommit(
  store: PartitionStore,
  partitionKey: string,
  writes: readonly Write[],
  pauseMs: number,
): Promise<ReadonlyMap<string, string>> {
  try {
    return await store.commit(partitionKey, writes);
  } catch (e) {
    if (!(e instanceof StorageOutcomeUnknownError)) throw e;
    const audit = writes.find((w) => w.op === 'create' && w.rowKey.startsWith('audit|'));
    if (!audit) throw e;
    return settle(store, partitionKey, audit.rowKey, e, pauseMs);
  }
}

async function settle(
  store: PartitionStore,
  partitionKey: string,
  auditKey: string,
  cause: unknown,
  pauseMs: number,
): Promise<ReadonlyMap<string, string>> {
  for (let attempt = 1; attempt <= SETTLE_ATTEMPTS; attempt++) {
    await new Promise((r) => setTimeout(r, pauseMs * attempt));
    let fenced = false;
    try {
      await store.commit(partitionKey, [{ op: 'create', rowKey: auditKey, data: FENCE }]);
      fenced = true;
    } catch (e) {
      // Storage still away, or the fence's own answer lost: the next attempt settles it.
      if (e instanceof StorageUnavailableError || e instanceof StorageOutcomeUnknownError) continue;
      if (!(e instanceof StorageConflictError)) throw e;
    }
    if (fenced) throw new StorageUnavailableError('commit (fenced, not applied)', cause);
    // The audit row exists: the original commit, or a fence of an earlier attempt.
    const row = await store.readRow(partitionKey, auditKey).catch(() => undefined);
    if (!row) continue;
    if (row.data.fence === true) throw new StorageUnavailableError('commit (fenced, not applied)', cause);
    // Applied. Its new ETags are unknown; callers re-read after a settle if they need any.
    return new Map();
  }
  throw new StorageOutcomeUnknownError('commit', cause);
}

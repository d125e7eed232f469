import type { TableClient } from '@azure/data-tables';
import type { HealthProbe } from '../ports/health.js';

/** Storage is healthy when one single-row query on a known table answers within the timeout. */
export function storageHealthProbe(client: TableClient, timeoutMs: number): HealthProbe {
  return {
    name: 'storage',
    async check() {
      try {
        const pages = client
          .listEntities({
            abortSignal: AbortSignal.timeout(timeoutMs),
            queryOptions: { select: ['PartitionKey'] },
          })
          .byPage({ maxPageSize: 1 });
        await pages.next();
        return { ok: true };
      } catch (e) {
        const reason = e instanceof Error ? (e.message.split('\n')[0] ?? e.name) : 'unknown error';
        return { ok: false, reason };
      }
    },
  };
}

import { RestError, TableClient, TableServiceClient } from '@azure/data-tables';
import { DefaultAzureCredential } from '@azure/identity';
import type { Config } from '../config.js';
import { StorageOutcomeUnknownError, StorageUnavailableError } from '../ports/errors.js';
import { observeStorage } from '../telemetry/instruments.js';

export type TableClients = {
  /** A client for one table; the configured prefix is applied here and nowhere else. */
  table(name: string): TableClient;
  service(): TableServiceClient;
  readonly timeoutMs: number;
};

/**
 * Builds table clients from the configuration. With a connection string (Azurite or an
 * account key) nothing else is needed; with an account URL a managed identity is used.
 */
export function createTableClients(
  storage: Config['storage'],
  options: {
    tablePrefix: string;
    timeoutMs: number;
    /** Sees every storage request (method, URL) before it is sent: for benchmarks that count round trips. */
    observe?: (request: { method: string; url: string }) => void;
  },
): TableClients {
  const clientOptions = {
    allowInsecureConnection:
      storage.kind === 'connection-string' &&
      /http:\/\/(127\.0\.0\.1|localhost)/.test(storage.connectionString),
    retryOptions: { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 1000 },
  };
  const credential = storage.kind === 'account-url' ? new DefaultAzureCredential() : undefined;
  return {
    timeoutMs: options.timeoutMs,
    table(name: string): TableClient {
      const full = `${options.tablePrefix}${name}`;
      const client =
        storage.kind === 'connection-string'
          ? TableClient.fromConnectionString(storage.connectionString, full, clientOptions)
          : new TableClient(storage.accountUrl, full, credential as DefaultAzureCredential, clientOptions);
      const observe = options.observe;
      if (observe)
        client.pipeline.addPolicy({
          name: 'observeStorage',
          sendRequest: (request, next) => {
            observe({ method: request.method, url: request.url });
            return next(request);
          },
        });
      return client;
    },
    service(): TableServiceClient {
      return storage.kind === 'connection-string'
        ? TableServiceClient.fromConnectionString(storage.connectionString, clientOptions)
        : new TableServiceClient(storage.accountUrl, credential as DefaultAzureCredential, clientOptions);
    },
  };
}

/**
 * Runs one storage operation within a bounded time. Network failures, timeouts and
 * server errors become a StorageUnavailableError, so callers answer "not saved, try again"
 * instead of hanging; client errors (4xx) are rethrown for the caller to interpret.
 */
export async function withStorage<T>(
  operation: string,
  timeoutMs: number,
  run: (abortSignal: AbortSignal) => Promise<T>,
  /** A write: a failure after the request may have reached the server leaves its outcome unknown. */
  options: { write?: boolean } = {},
): Promise<T> {
  const signal = AbortSignal.timeout(timeoutMs);
  const started = performance.now();
  const write = options.write === true;
  try {
    const result = await run(signal);
    observeStorage(write, 'ok', performance.now() - started);
    return result;
  } catch (e) {
    if (isUnavailable(e)) {
      // A refused connection sent nothing; anything else may have been applied.
      const unknown = write && !neverSent(e);
      observeStorage(write, unknown ? 'unknown' : 'unavailable', performance.now() - started);
      if (unknown) throw new StorageOutcomeUnknownError(operation, e);
      throw new StorageUnavailableError(operation, e);
    }
    observeStorage(write, clientOutcome(e), performance.now() - started);
    throw e;
  }
}

/** A client error by what it means for the bot: not there, changed meanwhile, or refused. */
function clientOutcome(e: unknown): string {
  const status = e instanceof RestError ? e.statusCode : undefined;
  if (status === 404) return 'notFound';
  if (status === 409 || status === 412) return 'conflict';
  return status ? 'refused' : 'error';
}

function neverSent(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  const text = e instanceof Error ? e.message : '';
  return code === 'ECONNREFUSED' || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(text);
}

function isUnavailable(e: unknown): boolean {
  if (e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError')) return true;
  if (e instanceof RestError)
    return e.statusCode === undefined || e.statusCode >= 500 || e.statusCode === 408;
  return false;
}

/** Creates the table if it does not exist yet (409 means it does). */
export async function ensureTable(client: TableClient, timeoutMs: number): Promise<void> {
  await withStorage(`create table ${client.tableName}`, timeoutMs, async (abortSignal) => {
    try {
      await client.createTable({ abortSignal });
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 409) return;
      throw e;
    }
  });
}

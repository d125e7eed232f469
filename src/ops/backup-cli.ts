import path from 'node:path';
import type { Config } from '../config.js';
import { ConfigError } from '../config.js';
import { EnvSchema, resolveStorage } from '../load-config.js';
import { azuriteConnectionString } from '../storage/azurite.js';
import { createTableClients } from '../storage/table-client.js';
import { ALL_TABLES } from '../storage/tables.js';
import { BackupError, backupTables, restoreTables } from './backup.js';

/**
 * `npm run backup [-- <folder>]` and `npm run restore -- <folder>`: the storage comes from the
 * same variables the bot reads (STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL with the managed
 * identity, TABLE_PREFIX); outside production with neither set, the local Azurite of `npm start`.
 */
export type CliResult = { code: number; lines: string[] };

function storageOf(env: Record<string, string | undefined>): { storage: Config['storage']; prefix: string } {
  // The bot's own rule for the prefix (and its default), so a backup names the tables the bot uses.
  const parsed = EnvSchema.shape.TABLE_PREFIX.safeParse(env.TABLE_PREFIX?.trim() || undefined);
  if (!parsed.success) throw new ConfigError('TABLE_PREFIX', parsed.error.issues[0]?.message ?? 'invalid');
  const prefix = parsed.data;
  const connection = env.STORAGE_CONNECTION_STRING?.trim() || undefined;
  const url = env.STORAGE_ACCOUNT_URL?.trim() || undefined;
  if (!connection && !url && env.NODE_ENV !== 'production')
    return {
      storage: {
        kind: 'connection-string',
        connectionString: azuriteConnectionString(Number(env.AZURITE_PORT ?? 10002)),
      },
      prefix,
    };
  return { storage: resolveStorage(connection, url), prefix };
}

function hostOf(storage: Config['storage']): string {
  if (storage.kind === 'account-url') return new URL(storage.accountUrl).host;
  const endpoint = /TableEndpoint=([^;]+)/i.exec(storage.connectionString)?.[1];
  if (endpoint) return new URL(endpoint).host;
  return /AccountName=([^;]+)/i.exec(storage.connectionString)?.[1] ?? 'unknown';
}

export async function runBackup(
  args: string[],
  env: Record<string, string | undefined>,
  now: Date = new Date(),
): Promise<CliResult> {
  return guarded(async () => {
    const { storage, prefix } = storageOf(env);
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    const dir = path.resolve(args[0] ?? path.join('backups', `${prefix}-${stamp}`));
    const clients = createTableClients(storage, { tablePrefix: prefix, timeoutMs: 30_000 });
    const manifest = await backupTables(
      ALL_TABLES.map((name) => ({ name, client: clients.table(name) })),
      dir,
      { host: hostOf(storage), tablePrefix: prefix },
      now,
    );
    return [
      `Backup written to ${dir}`,
      ...manifest.tables.map((t) => `  ${t.name}: ${t.rows} rows, sha256 ${t.sha256.slice(0, 16)}…`),
    ];
  });
}

export async function runRestore(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<CliResult> {
  return guarded(async () => {
    const from = args[0];
    if (!from) throw new BackupError('name the backup folder: npm run restore -- <folder>');
    const { storage, prefix } = storageOf(env);
    const clients = createTableClients(storage, { tablePrefix: prefix, timeoutMs: 30_000 });
    const { manifest, rows } = await restoreTables(path.resolve(from), (name) => clients.table(name));
    return [
      `Restored ${rows} rows from the backup of ${manifest.createdAt} (prefix ${manifest.source.tablePrefix}) into prefix ${prefix} on ${hostOf(storage)}`,
    ];
  });
}

async function guarded(run: () => Promise<string[]>): Promise<CliResult> {
  try {
    return { code: 0, lines: await run() };
  } catch (e) {
    if (e instanceof BackupError || e instanceof ConfigError)
      return { code: 1, lines: [`Error: ${e.message}`] };
    const status = (e as { statusCode?: number }).statusCode;
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { code: 2, lines: [`Error: storage failed${status ? ` (HTTP ${status})` : ''}: ${message}`] };
  }
}

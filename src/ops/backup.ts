import { createHash } from 'node:crypto';
import { once } from 'node:events';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';
import { z } from 'zod';

/**
 * Backup and restore of the bot's tables (`npm run backup`, `npm run restore`): every row of
 * every table as JSON lines, with its property types kept exactly (Table Storage's own typed
 * form: `{ value, type }`), a manifest naming each table's file, row count and SHA-256, and a
 * restore that checks every checksum before it writes anything and only writes into empty tables.
 */

export const BACKUP_FORMAT = 'gremienbot-backup/1';

const TableEntrySchema = z.object({
  /** The table's name without the deployment's prefix (`gremien`, `notifications`, …). */
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,62}$/),
  file: z.string().regex(/^[A-Za-z0-9]+\.jsonl$/),
  rows: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const ManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.iso.datetime(),
  /** Where it came from: the table endpoint's host and the prefix, never a key. */
  source: z.object({ host: z.string(), tablePrefix: z.string() }),
  tables: z.array(TableEntrySchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** One stored property in Table Storage's typed form. */
const TypedValueSchema = z.object({ value: z.unknown(), type: z.string().min(1) });
/** One row as written to the backup: keys plus every property in its typed form. */
const RowSchema = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  properties: z.record(z.string(), TypedValueSchema),
});
type Row = z.infer<typeof RowSchema>;

export class BackupError extends Error {
  override readonly name = 'BackupError';
}

/** Tables to back up: the name without the prefix, and a client for it. */
export type NamedTable = { name: string; client: TableClient };

/**
 * Writes every row of every table into `dir` (which must be empty or new) and the manifest last,
 * so a backup without a manifest is recognisably incomplete.
 */
export async function backupTables(
  tables: NamedTable[],
  dir: string,
  source: Manifest['source'],
  now: Date = new Date(),
): Promise<Manifest> {
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).length > 0)
    throw new BackupError(`${dir} is not empty: a backup goes into a new folder`);
  const entries: Manifest['tables'] = [];
  for (const { name, client } of [...tables].sort((a, b) => a.name.localeCompare(b.name))) {
    const file = `${name}.jsonl`;
    const out = createWriteStream(path.join(dir, file), { encoding: 'utf8' });
    const hash = createHash('sha256');
    let rows = 0;
    const write = async (line: string) => {
      hash.update(line);
      if (!out.write(line)) await once(out, 'drain');
    };
    for await (const entity of client.listEntities({ disableTypeConversion: true })) {
      await write(`${JSON.stringify(rowOf(entity as Record<string, unknown>))}\n`);
      rows += 1;
    }
    out.end();
    await once(out, 'finish');
    entries.push({ name, file, rows, sha256: hash.digest('hex') });
  }
  const manifest: Manifest = { format: BACKUP_FORMAT, createdAt: now.toISOString(), source, tables: entries };
  await writeFile(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  return manifest;
}

/** The typed row of a listed entity: its keys and properties, without the service's etag and timestamp. */
function rowOf(entity: Record<string, unknown>): Row {
  const properties: Row['properties'] = {};
  let partitionKey = '';
  let rowKey = '';
  for (const [key, raw] of Object.entries(entity)) {
    if (key === 'etag' || key === 'timestamp' || key === 'odata.metadata') continue;
    const typed = typedOf(raw);
    if (key === 'partitionKey') partitionKey = String(typed.value);
    else if (key === 'rowKey') rowKey = String(typed.value);
    else properties[key] = typed;
  }
  return { partitionKey, rowKey, properties };
}

/** With type conversion off the SDK gives `{ value, type }`; plain strings and booleans come as they are. */
function typedOf(raw: unknown): { value: unknown; type: string } {
  if (raw && typeof raw === 'object' && 'type' in raw && 'value' in raw)
    return { value: (raw as { value: unknown }).value, type: String((raw as { type: unknown }).type) };
  if (typeof raw === 'boolean') return { value: raw, type: 'Boolean' };
  if (typeof raw === 'number')
    return { value: String(raw), type: Number.isInteger(raw) ? 'Int32' : 'Double' };
  return { value: raw, type: 'String' };
}

/** Reads and checks a backup's manifest and every file's checksum and row count; writes nothing. */
export async function verifyBackup(dir: string): Promise<Manifest> {
  const manifestPath = path.join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new BackupError(`${dir} has no manifest.json: not a complete backup`);
  const parsed = ManifestSchema.safeParse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  if (!parsed.success) throw new BackupError(`manifest.json is not a ${BACKUP_FORMAT} manifest`);
  const manifest = parsed.data;
  for (const t of manifest.tables) {
    const hash = createHash('sha256');
    let rows = 0;
    for await (const line of linesOf(path.join(dir, t.file))) {
      hash.update(`${line}\n`);
      rows += 1;
    }
    const sha = hash.digest('hex');
    if (sha !== t.sha256) throw new BackupError(`${t.file}: checksum differs from the manifest`);
    if (rows !== t.rows) throw new BackupError(`${t.file}: ${rows} rows, the manifest says ${t.rows}`);
  }
  return manifest;
}

/** The lines of a JSON-lines file, split on "\n" only (as they were written). */
async function* linesOf(file: string): AsyncGenerator<string> {
  if (!existsSync(file)) throw new BackupError(`${path.basename(file)} is missing`);
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8' })) {
    const parts = (rest + String(chunk)).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) if (line !== '') yield line;
  }
  if (rest !== '') throw new BackupError(`${path.basename(file)} ends in an incomplete line`);
}

/** Table Storage's limits for one transaction: 100 actions, 4 MiB (kept well below). */
const BATCH_ACTIONS = 100;
const BATCH_BYTES = 2_000_000;

/**
 * Loads a verified backup into empty tables: `target(name)` gives the client for a table of the
 * backup (created if missing). Refuses before writing if any target table holds a row. Rows are
 * created (never overwritten) in transactions per partition.
 */
export async function restoreTables(
  dir: string,
  target: (name: string) => TableClient,
): Promise<{ manifest: Manifest; rows: number }> {
  const manifest = await verifyBackup(dir);
  const clients = new Map(manifest.tables.map((t) => [t.name, target(t.name)]));
  for (const [name, client] of clients) {
    await createIfMissing(client);
    for await (const _ of client.listEntities({ queryOptions: { select: ['PartitionKey'] } }))
      throw new BackupError(`table ${name} is not empty: restore only into an empty account or prefix`);
  }
  let total = 0;
  for (const t of manifest.tables) {
    const client = clients.get(t.name) as TableClient;
    let batch: TransactionAction[] = [];
    let batchPartition: string | undefined;
    let batchBytes = 0;
    const flush = async () => {
      if (batch.length > 0) await submit(client, batch);
      batch = [];
      batchBytes = 0;
    };
    for await (const line of linesOf(path.join(dir, t.file))) {
      const row = RowSchema.parse(JSON.parse(line));
      if (
        batchPartition !== row.partitionKey ||
        batch.length >= BATCH_ACTIONS ||
        batchBytes + line.length > BATCH_BYTES
      )
        await flush();
      batchPartition = row.partitionKey;
      batch.push(['create', entityOf(row)]);
      batchBytes += line.length;
      total += 1;
    }
    await flush();
  }
  return { manifest, rows: total };
}

/**
 * One transaction; where the service refuses it as a whole (Azurite's batch parser fails on a
 * U+2028 in a value, which a single insert takes), the rows one by one: a failed transaction wrote
 * nothing (transactions are atomic), and a row that exists already still fails with 409.
 */
async function submit(client: TableClient, batch: TransactionAction[]): Promise<void> {
  try {
    await client.submitTransaction(batch);
  } catch (e) {
    const status = (e as { statusCode?: number }).statusCode;
    if (status === 409) throw e;
    for (const [, entity] of batch) await client.createEntity(entity as TableEntity);
  }
}

function entityOf(row: Row): TableEntity {
  return { partitionKey: row.partitionKey, rowKey: row.rowKey, ...row.properties };
}

async function createIfMissing(client: TableClient): Promise<void> {
  try {
    await client.createTable();
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode !== 409) throw e;
  }
}

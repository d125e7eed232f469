import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TableClient } from '@azure/data-tables';
import { describe, expect, inject, it } from 'vitest';
import { BackupError, backupTables, restoreTables, verifyBackup } from '../../src/ops/backup.js';
import { runBackup, runRestore } from '../../src/ops/backup-cli.js';
import { ALL_TABLES } from '../../src/storage/tables.js';
import { tableClient } from '../support/stores.js';
import { uniqueTablePrefix } from '../support/test-env.js';

const dirOf = () => mkdtempSync(path.join(tmpdir(), 'backup-'));
const HOSTILE = 'Ä“ß”\u2028\u2029\r\n\t<script>&amp;"\'\\ 😀 x';

/** Every row of a table with its typed properties, for comparing two tables. */
async function rowsOf(client: TableClient) {
  const rows: Record<string, unknown>[] = [];
  for await (const e of client.listEntities({ disableTypeConversion: true })) {
    const { etag: _e, timestamp: _t, ...rest } = e as Record<string, unknown>;
    rows.push(rest);
  }
  return rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

async function seeded(): Promise<TableClient> {
  const t = await tableClient('gremien');
  await t.createEntity({
    partitionKey: 'b|test-ag',
    rowKey: 'hostile',
    text: HOSTILE,
    big: 'x'.repeat(30_000),
  });
  await t.createEntity({
    partitionKey: 'b|test-ag',
    rowKey: 'types',
    i32: 42,
    i64: { value: '9007199254740993', type: 'Int64' },
    dbl: 0.1,
    dblWhole: { value: '2', type: 'Double' },
    flag: false,
    when: new Date('2027-03-28T01:30:00.123Z'),
    id: { value: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', type: 'Guid' },
    bin: new Uint8Array([0, 1, 254, 255]),
    empty: '',
  });
  // More rows than one transaction takes, over several partitions.
  for (let p = 0; p < 3; p++)
    for (let chunk = 0; chunk < 3; chunk++)
      await t.submitTransaction(
        Array.from({ length: 50 }, (_, i) => [
          'create',
          { partitionKey: `p${p}`, rowKey: `r${String(chunk * 50 + i).padStart(4, '0')}`, n: i },
        ]),
      );
  return t;
}

describe('backup and restore (Azurite)', () => {
  it('restores every row with its exact types, hostile text and large values included', async () => {
    const source = await seeded();
    const dir = dirOf();
    const manifest = await backupTables([{ name: 'gremien', client: source }], dir, {
      host: '127.0.0.1',
      tablePrefix: 'x',
    });
    expect(manifest.tables).toEqual([expect.objectContaining({ name: 'gremien', rows: 452 })]);
    expect(readdirSync(dir).sort()).toEqual(['gremien.jsonl', 'manifest.json']);
    // The manifest names no key of the account.
    expect(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).not.toMatch(/AccountKey|Eby8/);
    const target = TableClient.fromConnectionString(
      inject('azuriteConnectionString'),
      `${uniqueTablePrefix()}gremien`,
      { allowInsecureConnection: true },
    );
    const { rows } = await restoreTables(dir, () => target);
    expect(rows).toBe(452);
    expect(await rowsOf(target)).toEqual(await rowsOf(source));
    const back = await target.getEntity<Record<string, unknown>>('b|test-ag', 'types');
    expect(back).toMatchObject({ i32: 42, dbl: 0.1, flag: false, empty: '' });
    expect(back.i64).toBe(9007199254740993n);
    expect(back.when).toEqual(new Date('2027-03-28T01:30:00.123Z'));
    expect((await target.getEntity<{ text: string }>('b|test-ag', 'hostile')).text).toBe(HOSTILE);
  });

  it('refuses a tampered, truncated or incomplete backup before writing anything', async () => {
    const source = await seeded();
    const dir = dirOf();
    await backupTables([{ name: 'gremien', client: source }], dir, { host: 'h', tablePrefix: 'x' });
    const target = await tableClient('gremien');
    const file = path.join(dir, 'gremien.jsonl');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('"n":{"value":"7"', '"n":{"value":"8"'));
    await expect(restoreTables(dir, () => target)).rejects.toThrow(/checksum differs/);
    writeFileSync(file, original);
    appendFileSync(file, '{"partitionKey":"p9"');
    await expect(verifyBackup(dir)).rejects.toThrow(/incomplete line/);
    writeFileSync(file, original.split('\n').slice(1).join('\n'));
    await expect(verifyBackup(dir)).rejects.toThrow(BackupError);
    const noManifest = dirOf();
    await expect(restoreTables(noManifest, () => target)).rejects.toThrow(/no manifest/);
    expect(await rowsOf(target)).toEqual([]);
  });

  it('restores only into empty tables, and backs up only into an empty folder', async () => {
    const source = await seeded();
    const dir = dirOf();
    await backupTables([{ name: 'gremien', client: source }], dir, { host: 'h', tablePrefix: 'x' });
    await expect(
      backupTables([{ name: 'gremien', client: source }], dir, { host: 'h', tablePrefix: 'x' }),
    ).rejects.toThrow(/not empty/);
    const target = await tableClient('gremien');
    await target.createEntity({ partitionKey: 'other', rowKey: 'row', v: 1 });
    await expect(restoreTables(dir, () => target)).rejects.toThrow(/not empty/);
    expect((await rowsOf(target)).length).toBe(1);
  });

  it('npm run backup and restore: every table of a prefix, into another prefix; errors as one line', async () => {
    const from = uniqueTablePrefix();
    const to = uniqueTablePrefix();
    const connection = inject('azuriteConnectionString');
    const client = (prefix: string, name: string) =>
      TableClient.fromConnectionString(connection, `${prefix}${name}`, { allowInsecureConnection: true });
    for (const name of ALL_TABLES) {
      await client(from, name).createTable();
      await client(from, name).createEntity({ partitionKey: 'p', rowKey: name, text: HOSTILE });
    }
    const env = { NODE_ENV: 'test', STORAGE_CONNECTION_STRING: connection, TABLE_PREFIX: from };
    const dir = path.join(dirOf(), 'b');
    const backup = await runBackup([dir], env);
    expect(backup.code).toBe(0);
    expect(backup.lines.join('\n')).toContain('gremien: 1 rows');
    expect(backup.lines.join('\n')).not.toContain('AccountKey');
    const restored = await runRestore([dir], { ...env, TABLE_PREFIX: to });
    expect(restored).toMatchObject({ code: 0 });
    expect(restored.lines[0]).toContain(`Restored 3 rows`);
    for (const name of ALL_TABLES)
      expect(await rowsOf(client(to, name))).toEqual(await rowsOf(client(from, name)));
    // Again into the same prefix: refused, nothing doubled.
    const again = await runRestore([dir], { ...env, TABLE_PREFIX: to });
    expect(again.code).toBe(1);
    expect(again.lines).toEqual([expect.stringMatching(/^Error: table \w+ is not empty/)]);
    expect(await runRestore([], env)).toMatchObject({
      code: 1,
      lines: [expect.stringContaining('npm run restore -- <folder>')],
    });
    expect(await runBackup([dirOf()], { ...env, TABLE_PREFIX: '1bad' })).toMatchObject({
      code: 1,
      lines: [expect.stringContaining('TABLE_PREFIX')],
    });
    expect(await runBackup([dirOf()], { NODE_ENV: 'production', TABLE_PREFIX: from })).toMatchObject({
      code: 1,
      lines: [expect.stringContaining('STORAGE_CONNECTION_STRING')],
    });
  });
});

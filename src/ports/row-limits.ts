import { StorageLimitError } from './errors.js';
import type { Write } from './partition-store.js';

/**
 * Table Storage's hard limits, checked before any request so that nothing is half-sent:
 * keys without / \ # ? or control characters and at most 1 KiB, at most 100 writes per
 * transaction, string properties at most 32,000 characters (64 KiB in UTF-16), rows well
 * under 1 MiB. Domain limits (docs/rules.md) are far below these and are checked earlier.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what Table Storage forbids.
const FORBIDDEN_KEY = /[/\\#?\u0000-\u001F\u007F-\u009F]/;
const MAX_STRING = 32_000;
const MAX_ROW_BYTES = 900_000;

export function checkKey(key: string, what: string): void {
  if (key.length === 0) throw new StorageLimitError(what, 'must not be empty');
  if (FORBIDDEN_KEY.test(key))
    throw new StorageLimitError(what, 'contains a character Table Storage forbids in keys');
  if (Buffer.byteLength(key, 'utf8') > 1024) throw new StorageLimitError(what, 'is longer than 1 KiB');
}

export function checkRowLimits(partitionKey: string, writes: readonly Write[]): void {
  checkKey(partitionKey, 'partition key');
  if (writes.length === 0) throw new StorageLimitError('transaction', 'has no writes');
  if (writes.length > 100) throw new StorageLimitError('transaction', 'has more than 100 writes');
  const keys = new Set<string>();
  for (const w of writes) {
    checkKey(w.rowKey, 'row key');
    if (keys.has(w.rowKey)) throw new StorageLimitError('transaction', `writes row ${w.rowKey} twice`);
    keys.add(w.rowKey);
    if (w.op === 'delete' || w.op === 'check') continue;
    let bytes = 0;
    for (const [name, value] of Object.entries(w.data)) {
      if (typeof value === 'string') {
        if (value.length > MAX_STRING)
          throw new StorageLimitError(name, `is longer than ${MAX_STRING} characters`);
        bytes += value.length * 2;
      } else bytes += 8;
    }
    if (bytes > MAX_ROW_BYTES) throw new StorageLimitError(w.rowKey, 'row is too large');
  }
}

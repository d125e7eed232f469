/**
 * Table Storage forbids `/ \ # ?`, control characters and keys over 1 KiB in
 * PartitionKey and RowKey. Keys are percent-encoded for exactly those characters
 * (and `%` itself), so they stay readable in Storage Explorer and decode losslessly.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what Table Storage forbids in keys.
const FORBIDDEN = /[%/\\#?\u0000-\u001F\u007F-\u009F]/g;
const MAX_KEY_BYTES = 1024;

export class InvalidKeyError extends Error {
  readonly code = 'INVALID_KEY';
  constructor(reason: string) {
    super(`invalid table key: ${reason}`);
    this.name = 'InvalidKeyError';
  }
}

export function encodeKey(value: string): string {
  if (value.length === 0) throw new InvalidKeyError('empty');
  const encoded = value.replace(
    FORBIDDEN,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  if (Buffer.byteLength(encoded, 'utf8') > MAX_KEY_BYTES) throw new InvalidKeyError('longer than 1 KiB');
  return encoded;
}

export function decodeKey(key: string): string {
  return key.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeKey, encodeKey, InvalidKeyError } from '../../src/storage/keys.js';

describe('table keys', () => {
  it.each(['19:abc@thread.tacv2;messageid=1', 'a/b\\c#d?e', '100%', 'tab\there'])(
    'round-trips %j',
    (value) => {
      const key = encodeKey(value);
      expect(key).not.toMatch(/[/\\#?\t]/);
      expect(decodeKey(key)).toBe(value);
    },
  );

  it('round-trips any string and never emits a forbidden character', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200, unit: 'binary' }), (value) => {
        const key = encodeKey(value);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence.
        expect(key).not.toMatch(/[/\\#?\u0000-\u001F\u007F-\u009F]/);
        expect(decodeKey(key)).toBe(value);
      }),
    );
  });

  it('rejects empty and oversized keys before any write', () => {
    expect(() => encodeKey('')).toThrow(InvalidKeyError);
    expect(() => encodeKey('x'.repeat(1025))).toThrow(InvalidKeyError);
  });
});

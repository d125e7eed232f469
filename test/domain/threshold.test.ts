import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFraction, requiredCount } from '../../src/domain/threshold.js';

const atLeast = (n: number, d: number) => ({
  fraction: { numerator: n, denominator: d },
  comparison: 'atLeast' as const,
});
const moreThan = (n: number, d: number) => ({
  fraction: { numerator: n, denominator: d },
  comparison: 'moreThan' as const,
});

describe('requiredCount', () => {
  it.each([
    ['quorum: 13 voting offices → 7', atLeast(1, 2), 13, 7],
    ['quorum: 20 voting offices → 10', atLeast(1, 2), 20, 10],
    ['quorum: 17 (AG SRO Mitte) → 9', atLeast(1, 2), 17, 9],
    ['2/3 of 9 present → 6 (exact, no rounding up)', atLeast(2, 3), 9, 6],
    ['2/3 of 10 present → 7', atLeast(2, 3), 10, 7],
    ['2/3 of 11 present → 8', atLeast(2, 3), 11, 8],
    ['simple majority of 10 votes → 6', moreThan(1, 2), 10, 6],
    ['simple majority of 9 votes → 5', moreThan(1, 2), 9, 5],
    ['unanimity of 7 → 7', atLeast(1, 1), 7, 7],
    ['a positive rule of an empty base needs 1', atLeast(2, 3), 0, 1],
  ])('%s', (_name, rule, base, expected) => {
    expect(requiredCount(rule, base)).toBe(expected);
  });

  it('is the smallest count that meets the share, for any base (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 12 }), (base, d) => {
        fc.pre(base > 0);
        const n = Math.max(1, Math.floor(d / 2));
        const k = requiredCount(atLeast(n, d), base);
        expect(k * d).toBeGreaterThanOrEqual(n * base);
        expect((k - 1) * d).toBeLessThan(n * base);
      }),
    );
  });

  it('rejects a negative or fractional base', () => {
    expect(() => requiredCount(atLeast(1, 2), -1)).toThrow(RangeError);
    expect(() => requiredCount(atLeast(1, 2), 2.5)).toThrow(RangeError);
  });
});

describe('parseFraction', () => {
  it.each([
    ['2/3', { numerator: 2, denominator: 3 }],
    [' 1 / 2 ', { numerator: 1, denominator: 2 }],
    ['1/1', { numerator: 1, denominator: 1 }],
  ])('%j', (text, expected) => expect(parseFraction(text)).toEqual(expected));

  it.each(['0/3', '3/2', '1/0', 'half', '2/3/4', '-1/2'])('rejects %j', (text) => {
    expect(parseFraction(text)).toBeUndefined();
  });
});

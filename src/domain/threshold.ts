/**
 * Every rule of procedure that compares a count with a share of some base — quorum,
 * majority, Umlauf participation — is one of these: a fraction, "at least" or "more
 * than", and the base it is taken of, named explicitly in the body file.
 */
export type Comparison = 'atLeast' | 'moreThan';

export type Fraction = { readonly numerator: number; readonly denominator: number };

export type Threshold = {
  readonly fraction: Fraction;
  readonly comparison: Comparison;
};

/**
 * The smallest whole count that satisfies the threshold for a base.
 *
 * "at least 2/3 of 10" needs ⌈20/3⌉ = 7; "more than 1/2 of 10" needs ⌊10/2⌋ + 1 = 6.
 * Integer arithmetic only (no floating point), so 2/3 of 9 is exactly 6.
 * A positive threshold of an empty base is never satisfied by zero: it needs 1.
 */
export function requiredCount(threshold: Threshold, base: number): number {
  if (!Number.isInteger(base) || base < 0)
    throw new RangeError(`base must be a whole number ≥ 0, got ${base}`);
  const { numerator, denominator } = threshold.fraction;
  const product = base * numerator;
  const needed =
    threshold.comparison === 'atLeast'
      ? Math.ceil(product / denominator) // exact for integers of this size
      : Math.floor(product / denominator) + 1;
  return numerator > 0 ? Math.max(needed, 1) : needed;
}

export function isMet(threshold: Threshold, count: number, base: number): boolean {
  return count >= requiredCount(threshold, base);
}

/** Parses "2/3" into a fraction in (0, 1]. */
export function parseFraction(text: string): Fraction | undefined {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) return undefined;
  const numerator = Number(match[1]);
  const denominator = Number(match[2]);
  if (denominator === 0 || numerator === 0 || numerator > denominator) return undefined;
  return { numerator, denominator };
}

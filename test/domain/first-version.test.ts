import { describe, expect, it } from 'vitest';
import { checkFirstVersion } from '../../src/domain/body-versions.js';

/** A new working group's first rules: with a reason, and never dated back. */
describe('a new working group’s first version', () => {
  const today = '2026-12-07';
  it.each([
    [{ effectiveFrom: today, reason: 'Gründung' }, []],
    [{ effectiveFrom: '2027-01-01', reason: 'Gründung zum Jahresbeginn' }, []],
    [{ effectiveFrom: '2026-12-06', reason: 'Gründung' }, ['effectiveBeforeToday']],
    [{ effectiveFrom: today, reason: '  a ' }, ['reasonMissing']],
    [{ effectiveFrom: '2020-01-01', reason: '' }, ['reasonMissing', 'effectiveBeforeToday']],
  ] as const)('%o: %o', (first, problems) => {
    expect(checkFirstVersion(first, today)).toEqual(problems);
  });
});

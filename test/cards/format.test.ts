import { describe, expect, it } from 'vitest';
import { formatDay, formatDayTime, formatDeadline } from '../../cards/format.js';

describe('dates people read at a glance (Europe/Berlin)', () => {
  it('the registration deadline as the last minute of the last day', () => {
    expect(formatDeadline('de', new Date('2026-12-03T23:00:00Z'))).toBe('Do, 3. Dez., 23:59');
    expect(formatDeadline('en', new Date('2026-12-03T23:00:00Z'))).toBe('Thu, 3 Dec, 23:59');
  });

  it('local time in summer and winter', () => {
    expect(formatDayTime('de', new Date('2026-10-22T08:00:00Z'))).toBe('Do, 22. Okt., 10:00');
    expect(formatDayTime('de', new Date('2026-10-29T09:00:00Z'), true)).toBe('Do, 29. Okt. 2026, 10:00');
    expect(formatDay('de', new Date('2027-03-01T10:00:00Z'))).toBe('Mo, 1. März');
  });
});

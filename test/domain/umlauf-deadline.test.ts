import { describe, expect, it } from 'vitest';
import { checkUmlaufDeadline, umlaufMaxDeadlineDays } from '../../src/domain/notifications.js';
import { makeBody } from '../support/bodies.js';

describe('the longest Umlauf deadline as the form states it', () => {
  it('is whole days, rounded down: every deadline the form offers is accepted', () => {
    const now = new Date('2026-12-01T09:00:00Z');
    for (const hours of [24, 36, 72, 100, 336]) {
      const body = makeBody({ umlauf: { maxDeadlineHours: hours, defaultDeadlineHours: 24 } });
      const days = umlaufMaxDeadlineDays(body);
      expect(days).toBe(Math.floor(hours / 24));
      const atLimit = new Date(now.getTime() + days * 86_400_000);
      expect(checkUmlaufDeadline(body, now, atLimit).kind).not.toBe('tooFar');
    }
  });

  it('says 1 day for 36 hours, where rounding would have offered a refused second day', () => {
    const body = makeBody({ umlauf: { maxDeadlineHours: 36, defaultDeadlineHours: 24 } });
    expect(umlaufMaxDeadlineDays(body)).toBe(1);
    const now = new Date('2026-12-01T09:00:00Z');
    expect(checkUmlaufDeadline(body, now, new Date(now.getTime() + 2 * 86_400_000)).kind).toBe('tooFar');
  });
});

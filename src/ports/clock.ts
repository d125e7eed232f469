/** The only way code outside the entry points learns the time: injected so tests can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Local development only: a clock that can be moved forward, so a demo or an end-to-end test
 * can see reminders and deadlines arrive (POST /api/scheduler/run with "now").
 */
export class ShiftableClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly base: Clock) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }
  /** Moves to `at`; time never goes back. @returns false if `at` lies in the clock's past */
  moveTo(at: Date): boolean {
    const delta = at.getTime() - this.now().getTime();
    if (delta < 0) return false;
    this.offsetMs += delta;
    return true;
  }
}

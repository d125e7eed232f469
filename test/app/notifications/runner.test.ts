import { describe, expect, it } from 'vitest';
import { SchedulerRunner } from '../../../src/app/notifications/runner.js';
import type { Scheduler } from '../../../src/app/notifications/scheduler.js';
import type { PassReport } from '../../../src/app/notifications/scheduler-deps.js';
import { RecordingLogger } from '../../../src/ports/logger.js';

const report = (): PassReport => ({
  now: '',
  instanceId: 'x',
  due: 0,
  sent: [],
  skipped: [],
  deferred: [],
  flagged: [],
  busy: 0,
});

describe('the scheduler in /healthz', () => {
  it('healthy while passes complete; unhealthy after three intervals without one (a hung pass)', async () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    let hang = false;
    const scheduler = {
      runPass: () => (hang ? new Promise<PassReport>(() => {}) : Promise.resolve(report())),
    } as unknown as Scheduler;
    const runner = new SchedulerRunner(scheduler, new RecordingLogger(), { now: () => new Date(now) });
    const probe = runner.health();
    expect(await probe.check()).toEqual({ ok: true });
    runner.start(60);
    try {
      await runner.run();
      now += 150_000;
      expect(await probe.check()).toEqual({ ok: true });
      hang = true;
      void runner.run();
      now += 60_000; // 210 s since the last completed pass: more than three 60-s intervals
      expect(await probe.check()).toMatchObject({ ok: false, reason: 'no pass completed for 210 s' });
    } finally {
      runner.stop();
    }
  });

  it('without a timer (passes come from the trigger) the probe stays healthy', async () => {
    const runner = new SchedulerRunner(
      { runPass: async () => report() } as unknown as Scheduler,
      new RecordingLogger(),
      {
        now: () => new Date(),
      },
    );
    runner.start(0);
    expect(await runner.health().check()).toEqual({ ok: true });
  });
});

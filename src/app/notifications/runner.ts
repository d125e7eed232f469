import type { Clock } from '../../ports/clock.js';
import type { HealthProbe } from '../../ports/health.js';
import type { Logger } from '../../ports/logger.js';
import { inSpan, observePass } from '../../telemetry/instruments.js';
import type { Scheduler } from './scheduler.js';
import type { PassReport } from './scheduler-deps.js';

const PLAN_CHECK_MS = 60 * 60_000;

/**
 * Runs the scheduler's passes in this process: on a timer, soon after something due was
 * planned, and on request (the trigger endpoint). Passes never overlap within a process;
 * across processes the row leases keep them apart.
 */
export class SchedulerRunner {
  private running: Promise<PassReport> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private soonTimer: NodeJS.Timeout | undefined;
  private intervalSeconds = 0;
  private startedAt: number | undefined;
  private lastCompletedAt: number | undefined;
  private lastPlanCheck: number | undefined;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly logger: Logger,
    /** Real time (not a development clock moved forward): for the health of the timer. */
    private readonly wallClock: Clock = { now: () => new Date() },
  ) {}

  /**
   * Unhealthy when the timer runs and no pass has completed for three intervals (a hung pass,
   * a dead timer): the platform's health check then restarts the instance. Passes left to the
   * trigger endpoint (interval 0) are the external scheduler's to watch.
   */
  health(): HealthProbe {
    return {
      name: 'scheduler',
      check: async () => {
        if (this.intervalSeconds <= 0 || this.startedAt === undefined) return { ok: true };
        const since = this.lastCompletedAt ?? this.startedAt;
        const age = this.wallClock.now().getTime() - since;
        return age <= 3 * this.intervalSeconds * 1000
          ? { ok: true }
          : { ok: false, reason: `no pass completed for ${Math.round(age / 1000)} s` };
      },
    };
  }

  /** One pass now, after the one in progress (if any). */
  async run(now?: Date): Promise<PassReport> {
    while (this.running) await this.running.catch(() => undefined);
    const started = performance.now();
    const pass = inSpan('gremienbot.scheduler.pass', {}, async () => {
      const report = await this.scheduler.runPass(now).catch((e: unknown) => {
        observePass(undefined, performance.now() - started);
        throw e;
      });
      observePass(report, performance.now() - started);
      return report;
    });
    this.running = pass;
    try {
      const report = await pass;
      this.lastCompletedAt = this.wallClock.now().getTime();
      if (report.sent.length + report.skipped.length + report.flagged.length + report.deferred.length > 0) {
        this.logger.info('scheduler pass', {
          due: report.due,
          sent: report.sent.length,
          skipped: report.skipped.length,
          deferred: report.deferred.length,
          flagged: report.flagged.length,
        });
      }
      return report;
    } finally {
      this.running = undefined;
    }
  }

  /** Starts the timer (0 = none). */
  start(intervalSeconds: number): void {
    if (intervalSeconds <= 0) return;
    this.intervalSeconds = intervalSeconds;
    this.startedAt = this.wallClock.now().getTime();
    this.lastPlanCheck = this.startedAt;
    this.timer = setInterval(() => void this.safeRun(), intervalSeconds * 1000);
    this.timer.unref();
    this.scheduler.onDueNow = () => this.soon();
  }

  /** A pass shortly (something due now was planned, e.g. an Umlauf card). */
  soon(): void {
    if (this.soonTimer) return;
    this.soonTimer = setTimeout(() => {
      this.soonTimer = undefined;
      void this.safeRun();
    }, 200);
    this.soonTimer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.soonTimer) clearTimeout(this.soonTimer);
    this.timer = undefined;
    this.soonTimer = undefined;
  }

  private async safeRun(): Promise<void> {
    // A timer tick while a pass runs waits for nothing: the next tick comes soon enough.
    if (this.running) return;
    try {
      await this.run();
    } catch (e) {
      this.logger.error('scheduler pass failed', { error: e });
    }
    // Every hour: plans that a failed planning left incomplete are made good.
    const wall = this.wallClock.now().getTime();
    if (this.lastPlanCheck === undefined || wall - this.lastPlanCheck >= PLAN_CHECK_MS) {
      this.lastPlanCheck = wall;
      await this.scheduler.checkPlans().catch((e) => this.logger.error('plan check failed', { error: e }));
    }
  }
}

import type { Logger } from '../ports/logger.js';
import type { PassReport, Scheduler } from './scheduler.js';

/**
 * Runs the scheduler's passes in this process: on a timer, soon after something due was
 * planned, and on request (the trigger endpoint). Passes never overlap within a process;
 * across processes the row leases keep them apart.
 */
export class SchedulerRunner {
  private running: Promise<PassReport> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private soonTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly logger: Logger,
  ) {}

  /** One pass now, after the one in progress (if any). */
  async run(now?: Date): Promise<PassReport> {
    while (this.running) await this.running.catch(() => undefined);
    const pass = this.scheduler.runPass(now);
    this.running = pass;
    try {
      const report = await pass;
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
    try {
      await this.run();
    } catch (e) {
      this.logger.error('scheduler pass failed', { error: e });
    }
  }
}

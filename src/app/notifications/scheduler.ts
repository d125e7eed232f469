import type { Body } from '../../domain/body.js';
import type { NotificationPlanner } from '../../ports/notification-planner.js';
import type { SessionRow } from '../../ports/records.js';
import { runPass } from './pass.js';
import { planProtocol, planSession, planUmlauf, planUmlaufResult, withdrawSession } from './plan.js';
import type { PassDeps, PassReport, SchedulerDeps } from './scheduler-deps.js';

/**
 * The bot's own messages (reminders, agenda, Umlauf, protocol), exactly once per recipient:
 * planning in ./plan.ts, the pass and its guarantees in ./pass.ts.
 */
export class Scheduler implements NotificationPlanner {
  /** Called after planning something that is due already (the timer runs a pass soon). */
  onDueNow?: () => void;

  constructor(private readonly deps: SchedulerDeps) {}

  private get passDeps(): PassDeps {
    return { ...this.deps, onDueNow: () => this.onDueNow?.() };
  }

  planSession(
    body: Body,
    sessionId: string,
    session: SessionRow,
    now: Date,
    catchUp: boolean,
  ): Promise<void> {
    return planSession(this.passDeps, body, sessionId, session, now, catchUp);
  }

  withdrawSession(body: Body, sessionId: string, session: SessionRow): Promise<void> {
    return withdrawSession(this.passDeps, body, sessionId, session);
  }

  planUmlauf(body: Body, umlaufId: string, openedAt: Date, deadline: Date): Promise<void> {
    return planUmlauf(this.passDeps, body, umlaufId, openedAt, deadline);
  }

  planUmlaufResult(body: Body, umlaufId: string, closedAt: Date): Promise<void> {
    return planUmlaufResult(this.passDeps, body, umlaufId, closedAt);
  }

  planProtocol(body: Body, sessionId: string, version: number, releasedAt: Date): Promise<void> {
    return planProtocol(this.passDeps, body, sessionId, version, releasedAt);
  }

  /** One pass: everything due at `now` (the clock's unless given: local development and tests move it). */
  runPass(now: Date = this.deps.clock.now()): Promise<PassReport> {
    return runPass(this.passDeps, now);
  }
}

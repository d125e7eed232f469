import type { Body } from '../../domain/body.js';
import { addDays, localDateOf } from '../../domain/calendar.js';
import type { NotificationPlanner } from '../../ports/notification-planner.js';
import type { SessionRow } from '../../ports/records.js';
import { pseudonymiseFormerMembers } from '../privacy/pseudonymise.js';
import { recordUmlaufDecision, recordVoteDecision, umlaufRef, voteRef } from '../register/record-decision.js';
import { MOVE_RANGE_DAYS } from '../sessions/session-queries.js';
import { umlaufView } from '../umlauf/umlauf-view.js';
import { voteView } from '../voting/vote-view.js';
import { runPass } from './pass.js';
import {
  planProtocol,
  planSession,
  planSessionChange,
  planUmlauf,
  planUmlaufResult,
  withdrawSession,
} from './plan.js';
import type { PassDeps, PassReport, SchedulerDeps } from './scheduler-deps.js';

/** How far back an Umlauf still open is looked for (the longest deadline a body allows is far shorter). */
const UMLAUF_LOOK_BACK_DAYS = 60;

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
    return this.logged('plan session', () =>
      planSession(this.passDeps, body, sessionId, session, now, catchUp),
    );
  }

  withdrawSession(body: Body, sessionId: string, session: SessionRow): Promise<void> {
    return this.logged('withdraw session', () => withdrawSession(this.passDeps, body, sessionId, session));
  }

  planUmlauf(body: Body, umlaufId: string, openedAt: Date, deadline: Date): Promise<void> {
    return this.logged('plan Umlauf', () => planUmlauf(this.passDeps, body, umlaufId, openedAt, deadline));
  }

  /**
   * Plans what every session ahead and every open Umlauf should have planned, and withdraws
   * what no longer belongs to a plan (a moved session, changed reminder settings): at start-up
   * and every hour, so a planning that failed after its decision was stored is made good.
   * Only future instants are planned for sessions (nothing is sent twice).
   */
  async checkPlans(now: Date = this.deps.clock.now()): Promise<void> {
    await this.deps.refreshBodies?.(true);
    const today = localDateOf(now);
    for (const body of this.deps.bodies.values()) {
      for (const { sessionId, session } of await this.deps.store.sessionsFrom(
        body.id,
        addDays(today, -MOVE_RANGE_DAYS),
      )) {
        if (session.status === 'running' || session.status === 'ended')
          await registerClosedVotes(this.deps, body, sessionId);
        if (session.date < today) continue;
        await planSession(this.passDeps, body, sessionId, session, now, false);
      }
      for (const { umlaufId, umlauf } of await this.deps.store.umlaufsFrom(
        body.id,
        addDays(today, -UMLAUF_LOOK_BACK_DAYS),
      )) {
        if (umlauf.status !== 'open') {
          // A decision whose registration failed when it was announced is recorded now.
          if (!(await this.deps.store.decisionOf(body.id, umlaufRef(umlaufId)))) {
            const view = await umlaufView(this.deps, body, umlaufId);
            if (view) await recordUmlaufDecision(this.deps, body, view);
          }
          continue;
        }
        await planUmlauf(this.passDeps, body, umlaufId, new Date(umlauf.openedAt), new Date(umlauf.deadline));
      }
    }
  }

  private async logged(what: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (e) {
      this.deps.logger.error(`could not ${what}`, { error: e });
      throw e;
    }
  }

  planUmlaufResult(body: Body, umlaufId: string, closedAt: Date): Promise<void> {
    return planUmlaufResult(this.passDeps, body, umlaufId, closedAt);
  }

  planSessionChange(
    body: Body,
    sessionId: string,
    before: SessionRow,
    after: SessionRow,
    at: Date,
  ): Promise<void> {
    return this.logged('plan session change', () =>
      planSessionChange(this.passDeps, body, sessionId, before, after, at),
    );
  }

  planProtocol(body: Body, sessionId: string, version: number, releasedAt: Date): Promise<void> {
    return planProtocol(this.passDeps, body, sessionId, version, releasedAt);
  }

  /** The Berlin day the retention job last ran on in this process. */
  private retentionDay: string | undefined;

  /** One pass: everything due at `now` (the clock's unless given: local development and tests move it). */
  async runPass(now: Date = this.deps.clock.now()): Promise<PassReport> {
    // A version of a body's rules amended on another instance applies from this pass on.
    await this.deps
      .refreshBodies?.(false)
      .catch((e) => this.deps.logger.warn('could not read the bodies', { error: e }));
    const report = await runPass(this.passDeps, now);
    await this.applyRetention(now);
    return report;
  }

  /**
   * The deletion concept's jobs, once a day per process (a restart runs them again; they are
   * idempotent and, across instances, exactly once): people who left are pseudonymised after the
   * body's period (src/app/privacy/pseudonymise.ts). A failure is logged and tried again with the next pass.
   */
  async applyRetention(now: Date): Promise<void> {
    const day = localDateOf(now);
    if (this.retentionDay === day) return;
    this.retentionDay = day;
    try {
      const done = await pseudonymiseFormerMembers(this.deps, now);
      if (done.length > 0)
        this.deps.logger.info('former members pseudonymised', {
          people: done.length,
          rows: done.reduce((n, d) => n + d.rows, 0),
        });
    } catch (e) {
      this.retentionDay = undefined;
      this.deps.logger.error('could not pseudonymise former members', { error: e });
    }
  }
}

/** The closed votes of a session that are not in the register yet (a registration that failed). */
async function registerClosedVotes(deps: SchedulerDeps, body: Body, sessionId: string): Promise<void> {
  const snapshot = await deps.store.loadSession(body.id, sessionId);
  if (!snapshot) return;
  for (const [voteId, vote] of snapshot.votes) {
    if (vote.value.status !== 'closed') continue;
    if (await deps.store.decisionOf(body.id, voteRef(sessionId, voteId))) continue;
    const view = voteView(body, snapshot, voteId);
    if (view) await recordVoteDecision(deps, body, view);
  }
}

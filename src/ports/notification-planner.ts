import type { Body } from '../domain/body.js';
import type { SessionRow } from './records.js';

/**
 * What use cases ask of the scheduler: plan (or withdraw) what the bot will send on its own.
 * Implemented by src/app/scheduler.ts; a port, so use cases do not import the scheduler.
 */
export interface NotificationPlanner {
  /** `catchUp`: send at once what should already have gone out (on creating or moving a session). */
  planSession(body: Body, sessionId: string, session: SessionRow, now: Date, catchUp: boolean): Promise<void>;
  withdrawSession(body: Body, sessionId: string, session: SessionRow): Promise<void>;
  planUmlauf(body: Body, umlaufId: string, openedAt: Date, deadline: Date): Promise<void>;
  planUmlaufResult(body: Body, umlaufId: string, closedAt: Date): Promise<void>;
  /** A session moved or cancelled: the channel and every member are told at once. */
  planSessionChange(
    body: Body,
    sessionId: string,
    before: SessionRow,
    after: SessionRow,
    at: Date,
  ): Promise<void>;
  /** A released protocol version: to the channel and every member, at once. */
  planProtocol(body: Body, sessionId: string, version: number, releasedAt: Date): Promise<void>;
}

import type { Body } from '../../domain/body.js';
import { localDateOf } from '../../domain/calendar.js';
import { todaysSession as pickTodays } from '../../domain/schedule.js';
import type { SessionSnapshot } from '../../ports/gremien-store.js';
import type { SessionDeps } from '../shared/deps.js';

/** Today's session of the body (running first, then planned), as stored now. */
export async function todaysSession(deps: SessionDeps, body: Body): Promise<SessionSnapshot | undefined> {
  const today = localDateOf(deps.clock.now());
  const pick = pickTodays(await deps.store.sessionsFrom(body.id, today), today);
  return pick ? deps.store.loadSession(body.id, pick.sessionId) : undefined;
}

/** A session as stored now (to draw a card after a change, or a card a person asks for). */
export function readSession(
  deps: Pick<SessionDeps, 'store'>,
  bodyId: string,
  sessionId: string,
): Promise<SessionSnapshot | undefined> {
  return deps.store.loadSession(bodyId, sessionId);
}

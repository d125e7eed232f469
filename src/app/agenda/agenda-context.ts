import type { Body } from '../../domain/body.js';
import type { SessionTimeline } from '../../domain/schedule.js';
import type { SessionSnapshot } from '../../ports/gremien-store.js';
import type { MembershipDeps } from '../shared/deps.js';
import { timelineOf } from '../shared/session-facts.js';

type Context = { body: Body; snapshot: SessionSnapshot; timeline: SessionTimeline };

export type SessionRefusal = 'unknownBody' | 'unknownSession' | 'sessionClosed';

export async function sessionContext(
  deps: MembershipDeps,
  bodyId: string,
  sessionId: string,
): Promise<Context | SessionRefusal> {
  const body = deps.bodies.get(bodyId);
  if (!body) return 'unknownBody';
  const snapshot = await deps.store.loadSession(bodyId, sessionId);
  if (!snapshot) return 'unknownSession';
  const s = snapshot.session.value;
  if (s.status === 'ended' || s.status === 'cancelled') return 'sessionClosed';
  return {
    body,
    snapshot,
    timeline: timelineOf(body, s),
  };
}

export type SpkItemRefusal = SessionRefusal | 'notSecretariat' | 'unknownItem' | 'itemVoted';

/** The items of a session that have a vote (open or closed). */
export function votedItemIds(snapshot: SessionSnapshot): string[] {
  return [...snapshot.votes.values()].map((v) => v.value.itemId);
}

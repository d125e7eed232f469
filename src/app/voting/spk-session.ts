import type { MembershipDeps } from '../shared/deps.js';
import { type Person, spkBodyOf } from '../shared/secretariat.js';

export type Refusal =
  | 'unknownBody'
  | 'notSecretariat'
  | 'unknownSession'
  | 'sessionNotRunning'
  | 'unknownItem'
  | 'notDecisionItem'
  | 'unknownVote'
  | 'voteClosed';

export async function spkSession(deps: MembershipDeps, bodyId: string, sessionId: string, actor: Person) {
  const body = await spkBodyOf(deps, bodyId, actor);
  if (typeof body === 'string') return body;
  const snapshot = await deps.store.loadSession(bodyId, sessionId);
  if (!snapshot) return 'unknownSession' as const;
  if (snapshot.session.value.status !== 'running') return 'sessionNotRunning' as const;
  return { body, snapshot };
}

import type { MembershipDeps } from '../shared/deps.js';
import { isSecretariat, type Person } from '../shared/secretariat.js';

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
  const body = deps.bodies.get(bodyId);
  if (!body) return 'unknownBody' as const;
  if (!(await isSecretariat(deps.store, body, actor, deps.secretariatMembers(body.id))))
    return 'notSecretariat' as const;
  const snapshot = await deps.store.loadSession(bodyId, sessionId);
  if (!snapshot) return 'unknownSession' as const;
  if (snapshot.session.value.status !== 'running') return 'sessionNotRunning' as const;
  return { body, snapshot };
}

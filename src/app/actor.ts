import type { Actor } from '../domain/ballots.js';
import type { GremienStore } from '../storage/gremien-store.js';

/** The person's office in a body, from stored membership: identity never comes from card data. */
export async function actorFor(store: GremienStore, bodyId: string, aadObjectId: string): Promise<Actor> {
  const member = await store.member(bodyId, aadObjectId);
  if (!member) return { kind: 'none' };
  return member.value.status === 'approved'
    ? { kind: 'member', officeId: member.value.officeId }
    : { kind: 'pending', officeId: member.value.officeId };
}

import type { Actor } from '../../domain/ballots.js';
import type { Body } from '../../domain/body.js';
import type { GremienStore } from '../../ports/gremien-store.js';
import { isSpk, type Person } from './secretariat.js';

/**
 * The person's office in a body, from stored membership: identity never comes from card data.
 * People configured as the body's SPK (body file or SECRETARIAT_MEMBERS, by Entra object id, or
 * by e-mail when the person is given)
 * act for the SPK office without a membership row: they check in, vote where the SPK office
 * votes (its role in the body decides, as for any office), and download files like members.
 */
export async function actorFor(
  deps: {
    readonly store: GremienStore;
    readonly bodies: ReadonlyMap<string, Body>;
    readonly secretariatMembers?: (bodyId: string) => readonly string[];
  },
  bodyId: string,
  aadObjectId: string,
  /** The person as the platform gave it: lets an SPK configured by e-mail be recognised too. */
  person?: Person,
): Promise<Actor> {
  const member = await deps.store.member(bodyId, aadObjectId);
  if (member) {
    return member.value.status === 'approved'
      ? { kind: 'member', officeId: member.value.officeId }
      : { kind: 'pending', officeId: member.value.officeId };
  }
  const body = deps.bodies.get(bodyId);
  const configured = [...(body?.secretariatMembers ?? []), ...(deps.secretariatMembers?.(bodyId) ?? [])];
  if (body && aadObjectId && configured.some((id) => id.trim().toLowerCase() === aadObjectId.toLowerCase())) {
    return { kind: 'member', officeId: body.secretariat };
  }
  // By e-mail: with the person's names from the platform, or the name they were recognised by.
  const asGiven = person ?? { aadObjectId, displayName: '', principalNames: async () => [] };
  if (body && aadObjectId && (await isSpk(deps, body, asGiven))) {
    return { kind: 'member', officeId: body.secretariat };
  }
  return { kind: 'none' };
}

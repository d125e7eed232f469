import type { Body } from '../../domain/body.js';
import type { GremienStore } from '../../ports/gremien-store.js';
import { isSpk, type Person } from './secretariat.js';

type Deps = { readonly store: GremienStore; readonly bodies: ReadonlyMap<string, Body> };

/** The body whose home channel this is, if the channel is linked to one. */
export async function bodyOfChannel(
  deps: Deps,
  tenantId: string,
  channelId: string,
): Promise<Body | undefined> {
  const link = await deps.store.channelLink(tenantId, channelId);
  return link ? deps.bodies.get(link.bodyId) : undefined;
}

/**
 * The bodies a person is an approved member of, in the order of the configuration; with
 * `person`, also the bodies whose SPK they belong to (configured by id or e-mail), so that the
 * SPK's commands work in the personal chat too.
 */
export async function bodiesOfPerson(
  deps: Deps & { readonly secretariatMembers?: (bodyId: string) => readonly string[] },
  aadObjectId: string,
  person?: Person,
): Promise<Body[]> {
  if (!aadObjectId) return [];
  const bodies = [...deps.bodies.values()];
  const rows = await Promise.all(bodies.map((b) => deps.store.member(b.id, aadObjectId)));
  const spk = person ? await Promise.all(bodies.map((b) => isSpk(deps, b, person))) : [];
  return bodies.filter((_, i) => rows[i]?.value.status === 'approved' || spk[i] === true);
}

/** The office a person represents in a body (approved members only). */
export async function officeOfMember(
  deps: Deps,
  bodyId: string,
  aadObjectId: string,
): Promise<string | undefined> {
  const member = aadObjectId ? await deps.store.member(bodyId, aadObjectId) : undefined;
  return member?.value.status === 'approved' ? member.value.officeId : undefined;
}

/** Where the body's SPK is reached: its linked channel, if any. */
export async function homeChannelOf(deps: Deps, bodyId: string): Promise<string | undefined> {
  return (await deps.store.bodyChannel(bodyId))?.value.channelId;
}

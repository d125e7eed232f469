import type { Body } from '../../domain/body.js';
import { belongsToSecretariat, listsByName, secretariatList } from '../../domain/secretariat.js';
import type { GremienStore } from '../../ports/gremien-store.js';

/** Who acts, as the platform says: the Entra object id, and a way to look up the UPN/e-mail if needed. */
export type Person = {
  readonly aadObjectId: string;
  readonly displayName: string;
  /** The Teams user id (29:…), where the platform gave one. */
  readonly teamsUserId?: string;
  /** Resolves the person's user principal name and e-mail (team roster); called only when needed. */
  readonly principalNames: () => Promise<readonly string[]>;
};

/**
 * Whether the person belongs to the body's SPK (Geschäftsstelle): configured by Entra object
 * id or UPN/e-mail (body file or SECRETARIAT_MEMBERS), or approved as a member of the
 * secretariat office (which is how an existing SPK member adds a colleague in chat).
 */
async function isSecretariat(
  store: GremienStore,
  body: Body,
  person: Person,
  configured: readonly string[] = [],
): Promise<boolean> {
  const list = secretariatList(body, configured);
  if (belongsToSecretariat(body, list, { aadObjectId: person.aadObjectId })) return true;
  const member = await store.member(body.id, person.aadObjectId);
  const membership = member ? { officeId: member.value.officeId, status: member.value.status } : undefined;
  if (
    belongsToSecretariat(body, list, {
      aadObjectId: person.aadObjectId,
      ...(membership ? { membership } : {}),
    })
  )
    return true;
  if (!listsByName(list) || !person.aadObjectId) return false;
  // A name this person was recognised by before (while it is still listed) …
  const remembered = await store.secretariatNameOf(body.id, person.aadObjectId);
  if (remembered && list.has(remembered.trim().toLowerCase())) return true;
  // … else their names from the platform; a match is remembered for where no names are given.
  const names = await person.principalNames();
  const match = names.find((n) => list.has(n.trim().toLowerCase()));
  if (!match) return false;
  await store.rememberSecretariatName(body.id, person.aadObjectId, match, new Date()).catch(() => undefined);
  return true;
}

/**
 * Who is SPK of which body is decided here and only here: `isSpk` for a body at hand, `spkBodyOf`
 * for a body by id (the body, or why not). Use cases and handlers call these, never the parts.
 */
export async function spkBodyOf(
  deps: {
    readonly store: GremienStore;
    readonly bodies: ReadonlyMap<string, Body>;
    readonly secretariatMembers?: (bodyId: string) => readonly string[];
  },
  bodyId: string,
  person: Person,
): Promise<Body | 'unknownBody' | 'notSecretariat'> {
  const body = deps.bodies.get(bodyId);
  if (!body) return 'unknownBody';
  return (await isSpk(deps, body, person)) ? body : 'notSecretariat';
}

/** `isSecretariat` with the body's configured SPK people from the dependencies. */
export function isSpk(
  deps: { readonly store: GremienStore; readonly secretariatMembers?: (bodyId: string) => readonly string[] },
  body: Body,
  person: Person,
): Promise<boolean> {
  return isSecretariat(deps.store, body, person, deps.secretariatMembers?.(body.id) ?? []);
}

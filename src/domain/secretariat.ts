import type { Body } from './body.js';

/**
 * Who belongs to a body's SPK (the Geschäftsstelle that runs it, RULES.md §11): people listed for
 * it (body file `secretariatMembers` or the deployment's SECRETARIAT_MEMBERS), by Entra object id
 * or by UPN/e-mail, and approved members of the secretariat office (how an SPK member adds a
 * colleague in chat).
 */
export function secretariatList(body: Body, configured: readonly string[]): ReadonlySet<string> {
  return new Set([...body.secretariatMembers, ...configured].map((s) => s.trim().toLowerCase()));
}

/** Whether the list names anyone by e-mail (then the person's names must be looked up). */
export function listsByName(list: ReadonlySet<string>): boolean {
  return [...list].some((s) => s.includes('@'));
}

export function belongsToSecretariat(
  body: Body,
  list: ReadonlySet<string>,
  person: {
    readonly aadObjectId: string;
    /** The person's stored membership in this body, if any. */
    readonly membership?: { readonly officeId: string; readonly status: 'pending' | 'approved' };
    /** UPN and e-mail, where they were looked up. */
    readonly names?: readonly string[];
  },
): boolean {
  if (list.has(person.aadObjectId.toLowerCase())) return true;
  if (person.membership?.status === 'approved' && person.membership.officeId === body.secretariat)
    return true;
  return (person.names ?? []).some((n) => list.has(n.trim().toLowerCase()));
}

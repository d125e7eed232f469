import type { Body } from '../../domain/body.js';
import type { SessionDeps } from '../shared/deps.js';

export type RosterOffice = {
  readonly officeId: string;
  readonly officeName: string;
  readonly role: Body['offices'][number]['role'];
  readonly people: {
    name: string;
    status: 'pending' | 'approved';
    deputy: boolean;
    aadObjectId: string;
    since: string;
  }[];
};

/** The body's offices with the people who represent them (approved and pending). */
export async function roster(deps: Pick<SessionDeps, 'store'>, body: Body): Promise<RosterOffice[]> {
  const members = await deps.store.members(body.id);
  return body.offices.map((o) => ({
    officeId: o.id,
    officeName: o.name,
    role: o.role,
    people: members
      .filter((m) => m.value.officeId === o.id)
      .map((m) => ({
        name: m.value.displayName,
        status: m.value.status,
        deputy: m.value.role === 'deputy',
        aadObjectId: m.aadObjectId,
        since: m.value.since,
      })),
  }));
}

/** The requests still waiting for the SPK, oldest first (shown when a channel is linked). */
export async function pendingRequests(
  deps: Pick<SessionDeps, 'store'>,
  body: Body,
): Promise<{ aadObjectId: string; officeId: string; name: string; since: string }[]> {
  return (await deps.store.members(body.id))
    .filter((m) => m.value.status === 'pending')
    .map((m) => ({
      aadObjectId: m.aadObjectId,
      officeId: m.value.officeId,
      name: m.value.displayName,
      since: m.value.since,
    }))
    .sort((a, b) => (a.since < b.since ? -1 : 1));
}

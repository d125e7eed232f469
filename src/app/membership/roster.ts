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

import { type Body, officeById } from '../../domain/body.js';
import type { MemberRow } from '../../ports/records.js';
import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import type { Person } from '../shared/secretariat.js';

export type RequestResult =
  | { readonly kind: 'requested'; readonly body: Body; readonly row: MemberRow }
  | { readonly kind: 'alreadyPending' | 'alreadyMember'; readonly body: Body; readonly row: MemberRow }
  | { readonly kind: 'refused'; readonly reason: 'unknownBody' | 'unknownOffice' | 'memberOfOtherOffice' };

/**
 * A person asks to act for an office. The office must belong to the body; the request is
 * pending until the SPK approves it. The first approved person of an office is its
 * representative, later ones are deputies. Asking again changes nothing.
 */
export async function requestMembership(
  deps: MembershipDeps,
  cmd: { bodyId: string; officeId: string; person: Person; activityId: string },
): Promise<RequestResult> {
  const body = deps.bodies.get(cmd.bodyId);
  if (!body) return { kind: 'refused', reason: 'unknownBody' };
  const office = officeById(body, cmd.officeId);
  if (!office) return { kind: 'refused', reason: 'unknownOffice' };
  const existing = await deps.store.member(body.id, cmd.person.aadObjectId);
  if (existing?.value.status === 'approved') {
    return existing.value.officeId === office.id
      ? { kind: 'alreadyMember', body, row: existing.value }
      : { kind: 'refused', reason: 'memberOfOtherOffice' };
  }
  if (existing?.value.officeId === office.id) return { kind: 'alreadyPending', body, row: existing.value };
  const now = deps.clock.now();
  const row: MemberRow = {
    officeId: office.id,
    status: 'pending',
    role: 'representative',
    displayName: cmd.person.displayName.slice(0, 200),
    since: now.toISOString(),
    teamsUserId: (cmd.person.teamsUserId ?? '').slice(0, 200),
    leftAt: '',
    pseudonym: '',
  };
  await deps.store.saveMember(
    body.id,
    cmd.person.aadObjectId,
    row,
    existing?.etag,
    auditEntry(deps, {
      at: now,
      actor: cmd.person.aadObjectId,
      office: '',
      action: 'member.requested',
      target: `member/${cmd.person.aadObjectId}`,
      before: existing ? { officeId: existing.value.officeId, status: existing.value.status } : undefined,
      after: { officeId: office.id, status: 'pending' },
      activityId: cmd.activityId,
    }),
  );
  return { kind: 'requested', body, row };
}

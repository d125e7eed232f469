import { type Body, officeById } from '../domain/body.js';
import { roleOnApproval } from '../domain/membership.js';
import type { MemberRow } from '../ports/records.js';
import type { SessionDeps } from './deps.js';
import { isSecretariat, type Person } from './secretariat.js';
import { auditEntry } from './shared/audit.js';

export type MembershipDeps = SessionDeps & {
  readonly secretariatMembers: (bodyId: string) => readonly string[];
};

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

export type DecideResult =
  | { readonly kind: 'approved' | 'declined'; readonly body: Body; readonly row: MemberRow }
  | { readonly kind: 'alreadyApproved'; readonly body: Body; readonly row: MemberRow }
  | { readonly kind: 'refused'; readonly reason: 'unknownBody' | 'notSecretariat' | 'unknownRequest' };

/** The SPK approves or declines a request; every decision is audited. */
export async function decideMembership(
  deps: MembershipDeps,
  cmd: { bodyId: string; memberAadObjectId: string; approve: boolean; actor: Person; activityId: string },
): Promise<DecideResult> {
  const body = deps.bodies.get(cmd.bodyId);
  if (!body) return { kind: 'refused', reason: 'unknownBody' };
  if (!(await isSecretariat(deps.store, body, cmd.actor, deps.secretariatMembers(body.id)))) {
    return { kind: 'refused', reason: 'notSecretariat' };
  }
  const existing = await deps.store.member(body.id, cmd.memberAadObjectId);
  if (!existing) return { kind: 'refused', reason: 'unknownRequest' };
  if (existing.value.status === 'approved') return { kind: 'alreadyApproved', body, row: existing.value };
  const now = deps.clock.now();
  const audit = auditEntry(deps, {
    at: now,
    actor: cmd.actor.aadObjectId,
    office: body.secretariat,
    action: cmd.approve ? 'member.approved' : 'member.declined',
    target: `member/${cmd.memberAadObjectId}`,
    before: { officeId: existing.value.officeId, status: 'pending' },
    after: cmd.approve ? { officeId: existing.value.officeId, status: 'approved' } : undefined,
    activityId: cmd.activityId,
  });
  if (!cmd.approve) {
    await deps.store.removeMember(body.id, cmd.memberAadObjectId, audit);
    return { kind: 'declined', body, row: existing.value };
  }
  const approved = (await deps.store.members(body.id))
    .filter((m) => m.value.status === 'approved')
    .map((m) => m.value);
  const row: MemberRow = {
    ...existing.value,
    status: 'approved',
    role: roleOnApproval(existing.value.officeId, approved),
    since: now.toISOString(),
  };
  await deps.store.saveMember(body.id, cmd.memberAadObjectId, row, existing.etag, audit);
  return { kind: 'approved', body, row };
}

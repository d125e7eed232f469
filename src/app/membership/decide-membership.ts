import type { Body } from '../../domain/body.js';
import { roleOnApproval } from '../../domain/membership.js';
import type { MemberRow } from '../../ports/records.js';
import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import { retryOnConflict } from '../shared/retry.js';
import { isSpk, type Person } from '../shared/secretariat.js';

export type DecideResult =
  | { readonly kind: 'approved' | 'declined'; readonly body: Body; readonly row: MemberRow }
  | { readonly kind: 'alreadyApproved'; readonly body: Body; readonly row: MemberRow }
  | {
      readonly kind: 'refused';
      readonly reason: 'unknownBody' | 'notSecretariat' | 'unknownRequest' | 'staleRequest';
    };

/**
 * The SPK approves or declines a request; every decision is audited. It acts on exactly the
 * request its card showed (`shown`: office and time of the request): if the person has asked
 * again since — for another office — the old card is refused, never applied to the new request.
 */
export async function decideMembership(
  deps: MembershipDeps,
  cmd: {
    bodyId: string;
    memberAadObjectId: string;
    shown: { officeId: string; requestedAt: string };
    approve: boolean;
    actor: Person;
    activityId: string;
  },
): Promise<DecideResult> {
  const body = deps.bodies.get(cmd.bodyId);
  if (!body) return { kind: 'refused', reason: 'unknownBody' };
  if (!(await isSpk(deps, body, cmd.actor))) {
    return { kind: 'refused', reason: 'notSecretariat' };
  }
  // Decided again when a row it rests on changed meanwhile (another decision for the same office).
  return retryOnConflict(deps, async (): Promise<DecideResult> => {
    const existing = await deps.store.member(body.id, cmd.memberAadObjectId);
    if (!existing) return { kind: 'refused', reason: 'unknownRequest' };
    if (existing.value.status === 'approved')
      return existing.value.officeId === cmd.shown.officeId
        ? { kind: 'alreadyApproved', body, row: existing.value }
        : { kind: 'refused', reason: 'staleRequest' };
    if (
      existing.value.officeId !== cmd.shown.officeId ||
      (cmd.shown.requestedAt !== '' && existing.value.since !== cmd.shown.requestedAt)
    )
      return { kind: 'refused', reason: 'staleRequest' };
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
    // The role depends on the office's other people: the approval is conditioned on their rows as
    // read (pending ones included), so two approvals for one office at once cannot both make a
    // representative — the second is decided again, and makes a deputy.
    const office = (await deps.store.members(body.id)).filter(
      (m) => m.value.officeId === existing.value.officeId && m.aadObjectId !== cmd.memberAadObjectId,
    );
    const row: MemberRow = {
      ...existing.value,
      status: 'approved',
      role: roleOnApproval(
        existing.value.officeId,
        office.filter((m) => m.value.status === 'approved').map((m) => m.value),
      ),
      since: now.toISOString(),
    };
    await deps.store.saveMember(
      body.id,
      cmd.memberAadObjectId,
      row,
      existing.etag,
      audit,
      office.map((m) => ({ aadObjectId: m.aadObjectId, etag: m.etag })),
    );
    return { kind: 'approved', body, row };
  });
}

import { type Body, officeById } from '../../domain/body.js';
import { deputyToPromote, roleOnApproval } from '../../domain/membership.js';
import type { MemberRow } from '../../ports/records.js';
import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import { retryOnConflict } from '../shared/retry.js';
import { isSpk, type Person } from '../shared/secretariat.js';

export type MembershipChange =
  /** The SPK removes a person; their office's deputy, if any, represents it from now on. */
  | { readonly kind: 'remove'; readonly memberAadObjectId: string; readonly shownOfficeId: string }
  /** The SPK moves a person to another office of the body (a change of post). */
  | {
      readonly kind: 'move';
      readonly memberAadObjectId: string;
      readonly shownOfficeId: string;
      readonly toOfficeId: string;
    }
  /** A person leaves the body by themselves. */
  | { readonly kind: 'leave' };

export type ChangeMembershipResult =
  | {
      readonly kind: 'removed' | 'moved' | 'left';
      readonly body: Body;
      readonly row: MemberRow;
      /** The office the person was in, and (moved) the new one with their role there. */
      readonly fromOfficeId: string;
      /** A deputy who now represents the office the person left. */
      readonly promoted?: { readonly name: string };
    }
  | {
      readonly kind: 'refused';
      readonly reason:
        | 'unknownBody'
        | 'notSecretariat'
        | 'notMember'
        | 'staleRequest'
        | 'unknownOffice'
        | 'noOffice'
        | 'sameOffice';
    };

/**
 * A person leaves an office: removed by the SPK, moved to another office, or by themselves.
 * From then on they get no reminders, agendas or protocols, cannot act or download, and no
 * longer count as their office being on Teams. Roles follow (`deputyToPromote`). The change,
 * the promotion and the audit entry are one transaction, conditional on every membership the
 * decision read; a card acts only on the office it showed.
 */
export async function changeMembership(
  deps: MembershipDeps,
  cmd: { bodyId: string; change: MembershipChange; actor: Person; activityId: string },
): Promise<ChangeMembershipResult> {
  const body = deps.bodies.get(cmd.bodyId);
  if (!body) return { kind: 'refused', reason: 'unknownBody' };
  const change = cmd.change;
  const target = change.kind === 'leave' ? cmd.actor.aadObjectId : change.memberAadObjectId;
  if (change.kind !== 'leave' && !(await isSpk(deps, body, cmd.actor))) {
    return { kind: 'refused', reason: 'notSecretariat' };
  }
  if (change.kind === 'move') {
    if (change.toOfficeId === '') return { kind: 'refused', reason: 'noOffice' };
    if (!officeById(body, change.toOfficeId)) return { kind: 'refused', reason: 'unknownOffice' };
    if (change.toOfficeId === change.shownOfficeId) return { kind: 'refused', reason: 'sameOffice' };
  }
  return retryOnConflict(deps, async (): Promise<ChangeMembershipResult> => {
    const members = await deps.store.members(body.id);
    const person = members.find((m) => m.aadObjectId === target);
    if (person?.value.status !== 'approved') return { kind: 'refused', reason: 'notMember' };
    if (change.kind !== 'leave' && person.value.officeId !== change.shownOfficeId)
      return { kind: 'refused', reason: 'staleRequest' };
    const now = deps.clock.now();
    const from = person.value.officeId;
    const others = members.filter((m) => m.aadObjectId !== target && m.value.status === 'approved');
    const changed: MemberRow =
      change.kind === 'move'
        ? {
            ...person.value,
            officeId: change.toOfficeId,
            role: roleOnApproval(
              change.toOfficeId,
              others.map((m) => m.value),
            ),
            since: now.toISOString(),
          }
        : person.value;
    const stored =
      change.kind === 'move'
        ? changed
        : { ...person.value, status: 'left' as const, leftAt: now.toISOString() };
    const remaining = [...others, ...(change.kind === 'move' ? [{ ...person, value: changed }] : [])];
    const promotedId = deputyToPromote(
      from,
      remaining.map((m) => ({ aadObjectId: m.aadObjectId, ...m.value })),
    );
    const promoted = promotedId ? others.find((m) => m.aadObjectId === promotedId) : undefined;
    await deps.store.commitMembers(
      body.id,
      [
        { aadObjectId: target, etag: person.etag, value: stored },
        ...(promoted
          ? [
              {
                aadObjectId: promoted.aadObjectId,
                etag: promoted.etag,
                value: { ...promoted.value, role: 'representative' as const },
              },
            ]
          : []),
      ],
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: change.kind === 'leave' ? from : body.secretariat,
        action:
          change.kind === 'remove'
            ? 'member.removed'
            : change.kind === 'move'
              ? 'member.moved'
              : 'member.left',
        target: `member/${target}`,
        before: { officeId: from, status: 'approved', role: person.value.role },
        after:
          change.kind === 'move'
            ? { officeId: changed.officeId, role: changed.role, promoted: promoted?.aadObjectId ?? '' }
            : { status: 'left', promoted: promoted?.aadObjectId ?? '' },
        activityId: cmd.activityId,
      }),
    );
    return {
      kind: change.kind === 'remove' ? 'removed' : change.kind === 'move' ? 'moved' : 'left',
      body,
      row: changed,
      fromOfficeId: from,
      ...(promoted ? { promoted: { name: promoted.value.displayName } } : {}),
    };
  });
}

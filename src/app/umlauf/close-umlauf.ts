import type { Body } from '../../domain/body.js';
import { umlaufDeadlinePassed } from '../../domain/umlauf.js';
import type { UmlaufRow } from '../../ports/records.js';
import { recordUmlaufDecision } from '../register/record-decision.js';
import { auditEntry } from '../shared/audit.js';
import type { SessionDeps } from '../shared/deps.js';
import { retryOnConflict } from '../shared/retry.js';
import { ballotsAsRead, closedRow } from './closing.js';
import { type UmlaufView, viewOf } from './umlauf-view.js';

export type CloseUmlaufResult =
  | { readonly kind: 'closed'; readonly view: UmlaufView }
  | { readonly kind: 'alreadyClosed'; readonly view: UmlaufView; readonly reason: UmlaufRow['closeReason'] }
  | { readonly kind: 'notYet' }
  | { readonly kind: 'unknownUmlauf' };

/** Closes at the deadline (the scheduler's job). Idempotent; never before the deadline. */
export async function closeUmlaufAtDeadline(
  deps: SessionDeps,
  body: Body,
  umlaufId: string,
): Promise<CloseUmlaufResult> {
  const result = await closeAtDeadline(deps, body, umlaufId);
  // Into the register (once; a failure is made good by the hourly check).
  if (result.kind === 'closed' || result.kind === 'alreadyClosed')
    await recordUmlaufDecision(deps, body, result.view).catch(() => undefined);
  return result;
}

async function closeAtDeadline(deps: SessionDeps, body: Body, umlaufId: string): Promise<CloseUmlaufResult> {
  return retryOnConflict(deps, async (): Promise<CloseUmlaufResult> => {
    const snapshot = await deps.store.loadUmlauf(body.id, umlaufId);
    if (!snapshot) return { kind: 'unknownUmlauf' };
    const umlauf = snapshot.umlauf.value;
    if (umlauf.status === 'closed') {
      return { kind: 'alreadyClosed', view: viewOf(body, snapshot), reason: umlauf.closeReason };
    }
    const now = deps.clock.now();
    if (!umlaufDeadlinePassed(new Date(umlauf.deadline), now)) return { kind: 'notYet' };
    const ballots = [...snapshot.ballots.values()].map((b) => b.value);
    const closing = closedRow(body, umlauf, ballots, 'deadline', now);
    await deps.store.commitUmlauf(
      body.id,
      umlaufId,
      [{ kind: 'umlauf', value: closing, etag: snapshot.umlauf.etag }, ...ballotsAsRead(body, snapshot)],
      auditEntry(deps, {
        at: now,
        actor: '',
        office: '',
        action: 'umlauf.closed',
        target: `umlauf/${umlaufId}`,
        before: 'open',
        after: { reason: 'deadline', outcome: closing.outcome },
        activityId: '',
      }),
    );
    return { kind: 'closed', view: viewOf(body, { ...snapshot, umlauf: { value: closing, etag: '' } }) };
  });
}

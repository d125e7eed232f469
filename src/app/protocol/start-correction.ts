import type { ProtocolDocument } from '../../domain/protocol.js';
import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import { retryOnConflict } from '../shared/retry.js';
import type { Person } from '../shared/secretariat.js';
import { spkBodyOf } from '../shared/secretariat.js';
import type { ProtocolRefusal } from './protocol-context.js';
import { protocolDraft } from './protocol-draft.js';

/** `protokoll korrigieren` (SPK): reopens the released protocol as a draft for its next version. */
export async function startCorrection(
  deps: MembershipDeps,
  cmd: { bodyId: string; sessionId: string; actor: Person; activityId: string },
): Promise<
  | { readonly kind: 'correcting'; readonly document: ProtocolDocument }
  | { readonly kind: 'refused'; readonly reason: ProtocolRefusal }
> {
  const body = await spkBodyOf(deps, cmd.bodyId, cmd.actor);
  if (typeof body === 'string') return { kind: 'refused', reason: body };
  const result = await retryOnConflict(deps, async () => {
    const protocol = await deps.store.loadProtocol(body.id, cmd.sessionId);
    const current = protocol.draft;
    if (!current || protocol.versions.length === 0)
      return { kind: 'refused', reason: 'nothingReleased' } as const;
    if (current.value.status === 'open') return { kind: 'correcting' } as const;
    const now = deps.clock.now();
    await deps.store.commitProtocol(
      body.id,
      cmd.sessionId,
      {
        value: {
          ...current.value,
          status: 'open',
          updatedAt: now.toISOString(),
          updatedBy: cmd.actor.aadObjectId,
        },
        etag: current.etag,
      },
      undefined,
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: 'protocol.correctionStarted',
        target: `protocol/${cmd.sessionId}`,
        before: { version: current.value.baseVersion },
        after: { drafting: current.value.baseVersion + 1 },
        activityId: cmd.activityId,
      }),
    );
    return { kind: 'correcting' } as const;
  });
  if (result.kind === 'refused') return result;
  const draft = await protocolDraft(deps, body, cmd.sessionId, cmd.actor);
  if (typeof draft === 'string') return { kind: 'refused', reason: draft };
  return { kind: 'correcting', document: draft.document };
}

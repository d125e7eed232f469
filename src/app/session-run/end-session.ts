import type { ProtocolDocument } from '../../domain/protocol.js';
import type { ProtocolRefusal } from '../protocol/protocol-context.js';
import { protocolDraft } from '../protocol/protocol-draft.js';
import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import { attendanceAsRead } from '../shared/read-set.js';
import { retryOnConflict } from '../shared/retry.js';
import type { Person } from '../shared/secretariat.js';
import { spkBodyOf } from '../shared/secretariat.js';
import { sessionAgenda } from '../shared/session-agenda.js';

/**
 * `sitzung beenden` (SPK): ends the running session. Open votes must be closed first — their
 * outcome is part of the protocol. From then on the session takes no check-in, ballot or
 * vote, so the protocol's facts are fixed.
 */
export async function endSession(
  deps: MembershipDeps,
  cmd: { bodyId: string; sessionId: string; actor: Person; activityId: string },
): Promise<
  | { readonly kind: 'ended'; readonly draft?: ProtocolDocument }
  | { readonly kind: 'refused'; readonly reason: ProtocolRefusal; readonly openItems?: readonly number[] }
> {
  const body = await spkBodyOf(deps, cmd.bodyId, cmd.actor);
  if (typeof body === 'string') return { kind: 'refused', reason: body };
  const ended = await retryOnConflict(deps, async () => {
    const snapshot = await deps.store.loadSession(body.id, cmd.sessionId);
    if (!snapshot) return { kind: 'refused', reason: 'unknownSession' } as const;
    const { value, etag } = snapshot.session;
    if (value.status !== 'running') return { kind: 'refused', reason: 'sessionNotRunning' } as const;
    const agenda = sessionAgenda(snapshot);
    const openItems = [...snapshot.votes.values()]
      .filter((v) => v.value.status === 'open')
      .map((v) => agenda.find((i) => i.id === v.value.itemId)?.number ?? 0)
      .sort((a, b) => a - b);
    if (openItems.length > 0) return { kind: 'refused', reason: 'openVotes', openItems } as const;
    const now = deps.clock.now();
    await deps.store.commitSession(
      body.id,
      cmd.sessionId,
      [
        {
          kind: 'session',
          value: { ...value, status: 'ended', endedAt: now.toISOString(), updatedAt: now.toISOString() },
          etag,
        },
        // The facts the protocol reports are final from here: a check-in or mark that read the
        // running session before this commit finds its office's attendance changed and re-reads.
        ...attendanceAsRead(body, snapshot, cmd.actor.aadObjectId, now),
      ],
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: 'session.ended',
        target: `session/${cmd.sessionId}`,
        before: { status: 'running' },
        after: { status: 'ended', at: now.toISOString() },
        activityId: cmd.activityId,
      }),
    );
    return { kind: 'ended' } as const;
  });
  if (ended.kind === 'refused') return ended;
  // The session has ended (stored). A draft that cannot be drawn now must not turn that into
  // "not saved": the answer then says it ended, without the draft.
  const draft = await protocolDraft(deps, body, cmd.sessionId, cmd.actor).catch(() => undefined);
  if (draft === undefined || typeof draft === 'string') return { kind: 'ended' };
  return { kind: 'ended', draft: draft.document };
}

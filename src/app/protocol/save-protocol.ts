import { LIMITS } from '../../domain/limits.js';
import type { ProtocolDocument } from '../../domain/protocol.js';
import { textProblem } from '../../domain/text.js';
import type { SessionSnapshot } from '../../ports/gremien-store.js';
import type { ProtocolDraftRow, ProtocolVersionRow } from '../../ports/records.js';
import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import { retryOnConflict } from '../shared/retry.js';
import type { Person } from '../shared/secretariat.js';
import { spkBodyOf } from '../shared/secretariat.js';
import { buildProtocol } from './build-protocol.js';
import type { ProtocolNotes, ProtocolRefusal } from './protocol-context.js';

function checkNotes(snapshot: SessionSnapshot, input: ProtocolNotes): ProtocolRefusal | undefined {
  for (const [itemId, text] of Object.entries(input.notes)) {
    if (!snapshot.items.has(itemId)) return 'unknownItem';
    if (textProblem(text, 'multiline')) return 'noteText';
    if (text.length > LIMITS.protocolNote.max) return 'noteTooLong';
  }
  if (textProblem(input.remarks, 'multiline')) return 'noteText';
  if (input.remarks.length > LIMITS.protocolRemarks.max) return 'noteTooLong';
  return undefined;
}

/**
 * The SPK saves the draft's notes, or releases it (`release`). A release stores the version
 * as it is — immutable from then on — and has it sent to the channel and every member. A
 * released protocol is changed only by a correction: `startCorrection`, then a release with
 * a reason, which makes the next version.
 */
export async function saveProtocol(
  deps: MembershipDeps,
  cmd: {
    bodyId: string;
    sessionId: string;
    actor: Person;
    activityId: string;
    input: ProtocolNotes;
    release: boolean;
    correctionReason?: string;
  },
): Promise<
  | { readonly kind: 'saved' | 'released'; readonly document: ProtocolDocument }
  | { readonly kind: 'refused'; readonly reason: ProtocolRefusal; readonly date?: string }
> {
  const body = await spkBodyOf(deps, cmd.bodyId, cmd.actor);
  if (typeof body === 'string') return { kind: 'refused', reason: body };
  const input: ProtocolNotes = {
    notes: Object.fromEntries(
      Object.entries(cmd.input.notes)
        .map(([k, v]) => [k, v.trim()] as const)
        .filter(([, v]) => v !== ''),
    ),
    remarks: cmd.input.remarks.trim(),
  };
  const reason = (cmd.correctionReason ?? '').trim();
  if (textProblem(reason, 'multiline')) return { kind: 'refused', reason: 'noteText' };
  if (reason.length > LIMITS.correctionReason.max) return { kind: 'refused', reason: 'noteTooLong' };
  return retryOnConflict(deps, async () => {
    const snapshot = await deps.store.loadSession(body.id, cmd.sessionId);
    if (!snapshot) return { kind: 'refused', reason: 'unknownSession' } as const;
    if (snapshot.session.value.status !== 'ended')
      return { kind: 'refused', reason: 'sessionNotEnded' } as const;
    const problem = checkNotes(snapshot, input);
    if (problem) return { kind: 'refused', reason: problem } as const;
    const protocol = await deps.store.loadProtocol(body.id, cmd.sessionId);
    const current = protocol.draft;
    if (current?.value.status === 'released') {
      // Planning is idempotent: a second press heals a release whose sending was never planned.
      const latest = protocol.versions.at(-1);
      if (latest)
        await deps.planner?.planProtocol(body, cmd.sessionId, latest.version, new Date(latest.releasedAt));
      return { kind: 'refused', reason: 'alreadyReleased', date: snapshot.session.value.date } as const;
    }
    const baseVersion = current?.value.baseVersion ?? 0;
    if (cmd.release && baseVersion > 0 && reason === '')
      return { kind: 'refused', reason: 'correctionReasonMissing' } as const;
    const now = deps.clock.now();
    const document = await buildProtocol(deps, body, snapshot, {
      version: baseVersion + 1,
      notes: input,
      writer: cmd.actor,
      releasedAt: now,
      correctionReason: cmd.release && baseVersion > 0 ? reason : '',
    });
    const draft: ProtocolDraftRow = {
      status: cmd.release ? 'released' : 'open',
      baseVersion: cmd.release ? baseVersion + 1 : baseVersion,
      notes: { ...input.notes },
      remarks: input.remarks,
      updatedAt: now.toISOString(),
      updatedBy: cmd.actor.aadObjectId,
    };
    const text = JSON.stringify(document);
    if (text.length > 300_000) return { kind: 'refused', reason: 'tooLarge' } as const;
    const version: ProtocolVersionRow | undefined = cmd.release
      ? {
          version: document.version,
          releasedAt: now.toISOString(),
          releasedBy: cmd.actor.aadObjectId,
          document: text,
        }
      : undefined;
    await deps.store.commitProtocol(
      body.id,
      cmd.sessionId,
      { value: draft, etag: current?.etag },
      version,
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: cmd.release
          ? baseVersion > 0
            ? 'protocol.corrected'
            : 'protocol.released'
          : 'protocol.draftSaved',
        target: `protocol/${cmd.sessionId}`,
        before: current ? { baseVersion } : undefined,
        after: {
          version: cmd.release ? document.version : baseVersion,
          ...(reason && cmd.release && baseVersion > 0 ? { reason } : {}),
        },
        activityId: cmd.activityId,
      }),
    );
    return { kind: cmd.release ? 'released' : 'saved', document } as const;
  }).then(async (result) => {
    // Planned after the commit. If the instance stops in between, the SPK's next press of
    // "Freigeben" (answered "already released") plans it; a sent one is not planned again.
    if (result.kind === 'released')
      await deps.planner?.planProtocol(
        body,
        cmd.sessionId,
        result.document.version,
        new Date(result.document.release.at),
      );
    return result;
  });
}

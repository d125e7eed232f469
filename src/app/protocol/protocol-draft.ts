import type { Body } from '../../domain/body.js';
import type { ProtocolDocument } from '../../domain/protocol.js';
import type { MembershipDeps } from '../shared/deps.js';
import type { Person } from '../shared/secretariat.js';
import { sessionAgenda } from '../shared/session-agenda.js';
import { buildProtocol } from './build-protocol.js';
import type { ProtocolRefusal } from './protocol-context.js';

/** The draft as it stands: the facts, with the SPK's notes so far, as the next version. */
export async function protocolDraft(
  deps: MembershipDeps,
  body: Body,
  sessionId: string,
  writer: Person,
): Promise<
  | { readonly document: ProtocolDocument; readonly status: 'open' | 'released'; readonly etag?: string }
  | ProtocolRefusal
> {
  const snapshot = await deps.store.loadSession(body.id, sessionId);
  if (!snapshot) return 'unknownSession';
  if (snapshot.session.value.status !== 'ended') return 'sessionNotEnded';
  const protocol = await deps.store.loadProtocol(body.id, sessionId);
  const draft = protocol.draft?.value;
  const document = await buildProtocol(deps, body, snapshot, {
    version: (draft?.baseVersion ?? 0) + 1,
    notes: { notes: draft?.notes ?? {}, remarks: draft?.remarks ?? '' },
    writer,
    releasedAt: deps.clock.now(),
    correctionReason: '',
  });
  return {
    document,
    status: draft?.status ?? 'open',
    ...(protocol.draft ? { etag: protocol.draft.etag } : {}),
  };
}

/** What the draft card needs beside the document: the item ids its result fields are keyed by, and the notes so far. */
export async function draftNotes(
  deps: Pick<MembershipDeps, 'store'>,
  bodyId: string,
  sessionId: string,
): Promise<{ itemIds: string[]; notes: Readonly<Record<string, string>> }> {
  const snapshot = await deps.store.loadSession(bodyId, sessionId);
  const { draft } = await deps.store.loadProtocol(bodyId, sessionId);
  return {
    itemIds: snapshot ? sessionAgenda(snapshot).map((i) => i.id) : [],
    notes: draft?.value.notes ?? {},
  };
}

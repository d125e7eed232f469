import type { z } from 'zod';
import type {
  AuditEntry,
  ProtocolSnapshot,
  SessionChange,
  SessionRowRef,
  Versioned,
} from '../ports/gremien-store.js';
import type { Row, Write } from '../ports/partition-store.js';
import {
  AttendanceRowSchema,
  AuditRowSchema,
  BallotRowSchema,
  ItemRowSchema,
  type ProtocolDraftRow,
  ProtocolDraftRowSchema,
  type ProtocolVersionRow,
  ProtocolVersionRowSchema,
  SessionRowSchema,
  VoteRowSchema,
} from '../ports/records.js';
import { chunked, keys, toData, unchunked } from './rows.js';

/** How the gremien table's records become rows and back: keys, schemas, audit rows. */

/** The data of a sealed ballot place (see `SessionChange`); never read as a ballot. */
export const SEALED = { sealed: true } as const;
export const isSealed = (row: Row) => row.data.sealed === true;

export function sessionRowKey(ref: SessionRowRef): string {
  switch (ref.kind) {
    case 'session':
      return keys.sessionRow;
    case 'item':
      return keys.item(ref.itemId);
    case 'attendance':
      return keys.attendance(ref.officeId);
    case 'vote':
      return keys.vote(ref.voteId);
    case 'ballot':
      return keys.ballot(ref.voteId, ref.officeId);
  }
}

export function sessionRowOf(
  change: Exclude<SessionChange, { kind: 'unchanged' | 'sealBallot' }>,
): [string, Record<string, string | number | boolean>] {
  switch (change.kind) {
    case 'session':
      return [keys.sessionRow, toData(SessionRowSchema.parse(change.value))];
    case 'item':
      return [keys.item(change.value.itemId), toData(ItemRowSchema.parse(change.value))];
    case 'attendance':
      return [keys.attendance(change.value.officeId), toData(AttendanceRowSchema.parse(change.value))];
    case 'vote':
      return [keys.vote(change.voteId), toData(VoteRowSchema.parse(change.value))];
    case 'ballot':
      return [
        keys.ballot(change.value.voteId, change.value.officeId),
        toData(BallotRowSchema.parse(change.value)),
      ];
  }
}

export function auditWrite(entry: AuditEntry): Write {
  const { id, at, ...rest } = entry;
  const value = AuditRowSchema.parse({ ...rest, at: at.toISOString() });
  return { op: 'create', rowKey: keys.audit(at, id), data: toData(value) };
}

export function versioned<S extends z.ZodType>(row: Row, schema: S): Versioned<z.infer<S>> {
  return { value: schema.parse(row.data), etag: row.etag };
}

/** A protocol's partition read back: the SPK's draft (its notes unchunked) and the versions, oldest first. */
export function protocolSnapshotOf(rows: readonly Row[]): ProtocolSnapshot {
  let draft: Versioned<ProtocolDraftRow> | undefined;
  const versions: ProtocolVersionRow[] = [];
  for (const row of rows) {
    if (row.rowKey === keys.protocolDraft) {
      const notes = unchunked('notes', row.data);
      draft = {
        value: ProtocolDraftRowSchema.parse({ ...row.data, notes: notes ? JSON.parse(notes) : {} }),
        etag: row.etag,
      };
    } else if (row.rowKey.startsWith('v|')) {
      versions.push(
        ProtocolVersionRowSchema.parse({ ...row.data, document: unchunked('document', row.data) }),
      );
    }
  }
  versions.sort((a, b) => a.version - b.version);
  return { draft, versions };
}

/** The draft's row (update on its ETag, or create) and, on release, the new version's (a create). */
export function protocolWrites(
  draft: { value: ProtocolDraftRow; etag?: string },
  version: ProtocolVersionRow | undefined,
): Write[] {
  const { notes, ...rest } = ProtocolDraftRowSchema.parse(draft.value);
  const data = { ...toData(rest), ...chunked('notes', JSON.stringify(notes)) };
  const writes: Write[] = [
    draft.etag
      ? { op: 'update', rowKey: keys.protocolDraft, data, etag: draft.etag }
      : { op: 'create', rowKey: keys.protocolDraft, data },
  ];
  if (version) {
    const { document, ...meta } = ProtocolVersionRowSchema.parse(version);
    writes.push({
      op: 'create',
      rowKey: keys.protocolVersion(version.version),
      data: { ...toData(meta), ...chunked('document', document) },
    });
  }
  return writes;
}

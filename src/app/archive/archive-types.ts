import type { Body } from '../../domain/body.js';
import type { ProtocolDocument } from '../../domain/protocol.js';
import type { AgendaDocument } from '../../files/protocol-blocks.js';
import type { AuditRow, Decision } from '../../ports/records.js';

/**
 * A body's year as it is handed to the Landesarchiv (§ 5 ArchGB, § 25 BlnDSG; xdomea
 * `Aussonderung.Aussonderung.0503`, gathered by ./archive-year.ts, rendered by src/files/xdomea.ts).
 */
export type ArchiveAgenda = {
  readonly kind: 'agenda';
  readonly body: Body;
  readonly date: string;
  readonly document: AgendaDocument;
};

export type ArchiveSession = {
  readonly sessionId: string;
  readonly date: string;
  readonly status: 'ended' | 'cancelled';
  readonly protocols: readonly ProtocolDocument[];
  readonly agenda?: ArchiveAgenda;
  readonly decisions: readonly Decision[];
};

export type ArchiveUmlauf = {
  readonly umlaufId: string;
  readonly title: string;
  readonly openedAt: string;
  readonly closedAt: string;
  readonly decision?: Decision;
};

export type ArchiveYear = {
  readonly body: Body;
  readonly year: number;
  readonly madeAt: Date;
  /** The hand-over's id (the message's ProzessID): the same for the filed and the downloaded copy. */
  readonly processId: string;
  readonly sessions: readonly ArchiveSession[];
  readonly umlaufs: readonly ArchiveUmlauf[];
  readonly register: readonly Decision[];
  readonly audit: readonly AuditRow[];
};

import type { ArchiveYear } from '../app/archive/archive-types.js';
import type { PersonalData } from '../app/privacy/personal-data.js';
import type { Body } from '../domain/body.js';
import type { ProtocolDocument } from '../domain/protocol.js';
import type { SessionTimeline } from '../domain/schedule.js';
import type { AuditRow, Decision, SessionRow } from '../ports/records.js';
import type { AgendaDocument } from './protocol-blocks.js';
import type { ReportFacts } from './register-blocks.js';
import type { ServedFile } from './word-file.js';

/**
 * Every file the bot serves or files, from the data a use case gathered (src/app/files/serve-file.ts,
 * the scheduler's filing, the SPK's documents): the use cases decide what goes in; this renders it
 * as Word, Markdown, CSV, iCalendar or YAML in the reader's language.
 */
export type FileContent =
  | { readonly kind: 'agenda'; readonly body: Body; readonly date: string; readonly document: AgendaDocument }
  | {
      readonly kind: 'protocol';
      readonly body: Body;
      readonly document: ProtocolDocument;
      readonly ext: 'docx' | 'md';
    }
  | {
      readonly kind: 'audit';
      readonly body: Body;
      readonly rows: readonly AuditRow[];
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly kind: 'ics';
      readonly body: Body;
      readonly sessionId: string;
      readonly session: SessionRow;
      readonly timeline: SessionTimeline;
      readonly now: Date;
    }
  | {
      readonly kind: 'register';
      readonly body: Body;
      readonly entries: readonly Decision[];
      readonly year: number | undefined;
      readonly ext: 'csv' | 'docx';
    }
  | { readonly kind: 'basis'; readonly body: Body; readonly decision: Decision; readonly madeAt: Date }
  | { readonly kind: 'report'; readonly body: Body; readonly facts: ReportFacts; readonly madeAt: Date }
  | { readonly kind: 'bodyYaml'; readonly body: Body }
  | { readonly kind: 'personalData'; readonly data: PersonalData; readonly ext: 'json' | 'docx' }
  | { readonly kind: 'archive'; readonly archive: ArchiveYear };

export type RenderedFile = ServedFile & { readonly content: Buffer };

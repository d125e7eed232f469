import type { Body } from '../../domain/body.js';
import { localDateOf, localTimeOf, type PlainDate } from '../../domain/calendar.js';
import { type DrivePath, drivePathText } from '../../domain/filing.js';
import type { RenderedFile } from '../../files/documents.js';
import type { ReportFacts } from '../../files/register-blocks.js';
import { DriveError, type GroupDrive } from '../../ports/group-drive.js';
import type { Decision } from '../../ports/records.js';
import { driveTargetOf } from '../files/drive-target.js';
import { followUpsForReport, lineOf } from '../follow-ups/follow-ups.js';
import type { SessionDeps } from '../shared/deps.js';
import { buildReport } from './report.js';

type Made = RenderedFile;

/** The register's entries of a year (or all), oldest first. */
export async function registerEntries(
  deps: Pick<SessionDeps, 'store'>,
  body: Body,
  year: number | undefined,
): Promise<Decision[]> {
  const all = await deps.store.decisions(body.id);
  return year === undefined ? all : all.filter((d) => d.year === year);
}

/** The facts of the SPK's report: sessions, decisions, Umlaufverfahren and follow-ups of the period. */
export async function reportFacts(
  deps: Pick<SessionDeps, 'store' | 'clock'>,
  body: Body,
  from: PlainDate,
  to: PlainDate,
): Promise<ReportFacts> {
  const report = await buildReport(deps, body, from, to);
  const followUps = await followUpsForReport(deps, body, from, to);
  return {
    bodyName: report.bodyName,
    from,
    to,
    sessions: report.sessions,
    decisions: report.decisions,
    openUmlaufs: report.openUmlaufs,
    followUps: followUps.map((v) => {
      const line = lineOf(v);
      return {
        what: line.what,
        responsible: line.office,
        due: line.due === 'next' ? (line.dueSession ?? '') : line.due,
        origin: line.origin,
        state: line.status === 'done' ? 'done' : line.overdue ? 'overdue' : 'open',
        note: line.doneNote,
      };
    }),
  };
}

export type Filing =
  | { readonly kind: 'filed'; readonly path: string; readonly webUrl?: string }
  | { readonly kind: 'notFiled'; readonly permission: boolean }
  | { readonly kind: 'noDrive' };

/**
 * Files a document the SPK asked for in the body's group drive, at once. The drive never
 * overwrites: a name filed before is answered as filed (the same decision's basis asked for again).
 * A failure is answered (the SPK may ask again) and never hides the download.
 */
export async function fileNow(
  deps: Pick<SessionDeps, 'store'> & {
    readonly drive?: GroupDrive;
    readonly logger?: { warn: (m: string, f?: Record<string, unknown>) => void };
  },
  body: Body,
  path: DrivePath,
  made: Made,
): Promise<Filing> {
  if (!deps.drive) return { kind: 'noDrive' };
  const target = await driveTargetOf(deps.store, body.id);
  try {
    const filed = await deps.drive.file(target, path.folder, path.name, made.content, made.contentType);
    return {
      kind: 'filed',
      path: filed.path || drivePathText(path),
      ...(filed.webUrl ? { webUrl: filed.webUrl } : {}),
    };
  } catch (e) {
    deps.logger?.warn('a document could not be filed', {
      body: body.id,
      error:
        e instanceof DriveError ? `${e.kind} ${e.status ?? '-'}` : e instanceof Error ? e.name : 'unknown',
    });
    return { kind: 'notFiled', permission: e instanceof DriveError && e.kind === 'permission' };
  }
}

/** When a document was made, for its file name: local date and time. */
export const madeStamp = (at: Date) => ({ date: localDateOf(at), time: localTimeOf(at) });

import type { Locale } from '../../../cards/locale.js';
import { textOf as t } from '../../../cards/messages.js';
import { choice, outcome } from '../../../cards/register-cards.js';
import type { Body } from '../../domain/body.js';
import { localDateOf, localTimeOf, type PlainDate } from '../../domain/calendar.js';
import { type DrivePath, drivePathText } from '../../domain/filing.js';
import { basisBlocks, type ReportFacts, registerBlocks, reportBlocks } from '../../files/register-blocks.js';
import { toCsv } from '../../files/render.js';
import { DriveError, type GroupDrive } from '../../ports/group-drive.js';
import type { Decision } from '../../ports/records.js';
import { berlinTime } from '../files/audit-csv.js';
import { driveTargetOf } from '../files/drive-target.js';
import { type ServedFile, safeName, wordFile } from '../files/word-file.js';
import { followUpsForReport, lineOf } from '../follow-ups/follow-ups.js';
import type { SessionDeps } from '../shared/deps.js';
import { buildReport } from './report.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

type Made = ServedFile & { content: Buffer };

/** A decision's Entscheidungsgrundlage as a Word file. */
export async function basisFile(body: Body, d: Decision, locale: Locale, madeAt: Date): Promise<Made> {
  return {
    contentType: DOCX,
    fileName: `${safeName(body.shortName)}-Entscheidungsgrundlage-${d.year}-${String(d.number).padStart(2, '0')}.docx`,
    content: await wordFile(
      locale,
      basisBlocks(locale, body.name, d, madeAt),
      t(locale, 'basis.title', { label: d.label }),
      body.name,
    ),
  };
}

/** The register's entries of a year (or all), oldest first. */
export async function registerEntries(
  deps: Pick<SessionDeps, 'store'>,
  body: Body,
  year: number | undefined,
): Promise<Decision[]> {
  const all = await deps.store.decisions(body.id);
  return year === undefined ? all : all.filter((d) => d.year === year);
}

const REGISTER_CSV_COLUMNS = [
  'registerDoc.number',
  'registerDoc.date',
  'registerDoc.procedure',
  'registerDoc.subject',
  'registerDoc.text',
  'registerDoc.outcome',
  'registerDoc.yes',
  'registerDoc.no',
  'registerDoc.abstain',
  'registerDoc.required',
  'registerDoc.base',
  'registerDoc.quorum',
  'registerDoc.ballots',
] as const;

/** The register as CSV (headers in the reader's language, times in Berlin) or as a Word file. */
export async function registerFile(
  body: Body,
  decisions: readonly Decision[],
  year: number | undefined,
  ext: 'csv' | 'docx',
  locale: Locale,
): Promise<Made> {
  const name = `${safeName(body.shortName)}-Beschlussregister${year ? `-${year}` : ''}`;
  if (ext === 'csv')
    return {
      contentType: 'text/csv; charset=utf-8',
      fileName: `${name}.csv`,
      content: Buffer.from(
        toCsv(
          REGISTER_CSV_COLUMNS.map((c) => t(locale, c)),
          decisions.map((d) => [
            d.label,
            berlinTime(new Date(d.decidedAt)),
            t(locale, d.kind === 'umlauf' ? 'registerDoc.umlauf' : 'registerDoc.session'),
            d.title,
            d.text,
            outcome(locale, d),
            String(d.counts.yes),
            String(d.counts.no),
            String(d.counts.abstain),
            d.required === undefined ? '' : String(d.required),
            d.base === undefined ? '' : String(d.base),
            d.quorum ? `${d.quorum.present}/${d.quorum.of}` : '',
            d.ballots
              .map(
                (b) =>
                  `${b.office}${b.recorded ? ` (${t(locale, 'record.marker')})` : ''}: ${choice(locale, b.choice)}${
                    b.argument ? ` – ${b.argument}` : ''
                  }`,
              )
              .join('; '),
          ]),
        ),
        'utf8',
      ),
    };
  return {
    contentType: DOCX,
    fileName: `${name}.docx`,
    content: await wordFile(
      locale,
      registerBlocks(locale, body.name, decisions, year),
      year
        ? t(locale, 'registerDoc.titleYear', { body: body.shortName, year })
        : t(locale, 'registerDoc.title', { body: body.shortName }),
      body.name,
    ),
  };
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

/** The report as a Word file. */
export async function reportFile(
  body: Body,
  facts: ReportFacts,
  locale: Locale,
  madeAt: Date,
): Promise<Made> {
  return {
    contentType: DOCX,
    fileName: `${safeName(body.shortName)}-Bericht-${facts.from}-${facts.to}.docx`,
    content: await wordFile(
      locale,
      reportBlocks(locale, facts, madeAt),
      t(locale, 'report.title', { body: body.shortName }),
      body.name,
    ),
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

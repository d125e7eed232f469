/**
 * Where a body's documents are filed in its group drive (000 §6: the Ergebnisprotokoll "wird …
 * im entsprechenden Ordner im Gruppenlaufwerk hinterlegt"): a folder per body and year, names a
 * person finds by date — `AG Planung/2027/2027-01-14 Ergebnisprotokoll (Fassung 1).docx`. Every
 * released version has a name of its own, so a correction never replaces what was filed.
 */

/**
 * One folder or file name as SharePoint and a file share accept it: the characters they refuse
 * (`" * : < > ? / \ |` and control characters) become `_`, leading and trailing dots and spaces
 * go, `.` and `..` cannot result, and it stays within 120 characters. Whatever a body's name or a
 * title contains, a segment never names another folder.
 */
export function driveSegment(text: string): string {
  const replaced = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are refused in names.
    .replace(/["*:<>?/\\|\u0000-\u001F\u007F]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 120)
    .replace(/[\s.]+$/g, '');
  return replaced === '' ? '_' : replaced;
}

export type DrivePath = { readonly folder: readonly string[]; readonly name: string };

export function drivePathText(p: DrivePath): string {
  return [...p.folder, p.name].join('/');
}

/**
 * The released protocol of a session, version `version`, as a Word or Markdown file. The time the
 * session was planned for (from its id) is in the name, so two sessions on one day never share one.
 */
export function protocolFilePath(
  body: { readonly shortName: string },
  session: { readonly sessionId: string; readonly date: string },
  version: number,
  ext: 'docx' | 'md',
): DrivePath {
  const planned = /^\d{4}-\d{2}-\d{2}-(\d{2})(\d{2})(?:-(\d+))?$/.exec(session.sessionId);
  const time = planned ? ` ${planned[1]}.${planned[2]}${planned[3] ? ` (${planned[3]})` : ''}` : '';
  return {
    folder: [driveSegment(body.shortName), driveSegment(session.date.slice(0, 4))],
    name: driveSegment(`${session.date}${time} Ergebnisprotokoll (Fassung ${version}).${ext}`),
  };
}

/** A session's agenda, filed when it is dispatched: beside the protocols, by date. */
export function agendaFilePath(
  body: { readonly shortName: string },
  session: { readonly sessionId: string; readonly date: string },
): DrivePath {
  const planned = protocolFilePath(body, session, 1, 'docx');
  return {
    folder: planned.folder,
    name: planned.name.replace(/ Ergebnisprotokoll \(Fassung 1\)\.docx$/, ' Tagesordnung.docx'),
  };
}

/** A decision's number in the body's register: `AG Planung 2027/03`. */
export function decisionLabel(body: { readonly shortName: string }, year: number, number: number): string {
  return `${body.shortName} ${year}/${String(number).padStart(2, '0')}`;
}

/** A decision's Entscheidungsgrundlage: beside the protocols of its year, by its number. */
export function basisFilePath(
  body: { readonly shortName: string },
  decision: { readonly year: number; readonly number: number },
): DrivePath {
  return {
    folder: [driveSegment(body.shortName), String(decision.year)],
    name: driveSegment(
      `Entscheidungsgrundlage ${decision.year}-${String(decision.number).padStart(2, '0')}.docx`,
    ),
  };
}

/** A year's hand-over to the Landesarchiv, in the folder of that year, named by its process id. */
export function archiveFilePath(
  body: { readonly shortName: string },
  year: number,
  processId: string,
): DrivePath {
  return {
    folder: [driveSegment(body.shortName), String(year)],
    name: driveSegment(`Aussonderung ${year} ${processId}.zip`),
  };
}

/**
 * The SPK's report to the Bezirksamt for a period, in the folder of the year it ends in; named by
 * when it was made (to the minute) and the period, so a later report of the same period is filed
 * beside the earlier one instead of being taken for it.
 */
export function reportFilePath(
  body: { readonly shortName: string },
  made: { readonly date: string; readonly time: string },
  from: string,
  to: string,
): DrivePath {
  return {
    folder: [driveSegment(body.shortName), driveSegment(to.slice(0, 4))],
    name: driveSegment(
      `${made.date} ${made.time.replace(':', '.')} Bericht an das Bezirksamt ${from} bis ${to}.docx`,
    ),
  };
}

import { stringify } from 'yaml';
import { formatDeadline } from '../../cards/format.js';
import type { Locale } from '../../cards/locale.js';
import { textOf as t } from '../../cards/messages.js';
import { choice, outcome } from '../../cards/register-cards.js';
import { type Body, officeById, toBodyInput } from '../domain/body.js';
import { AUDIT_COLUMNS, berlinTime, readable } from './audit-csv.js';
import type { FileContent, RenderedFile } from './file-content.js';
import { sessionIcs } from './ics.js';
import { personalBlocks } from './personal-blocks.js';
import { agendaBlocks, protocolBlocks } from './protocol-blocks.js';
import { basisBlocks, registerBlocks, reportBlocks } from './register-blocks.js';
import { toCsv, toMarkdown } from './render.js';
import { safeName, wordFile } from './word-file.js';
import { renderArchive } from './xdomea.js';

export type { FileContent, RenderedFile };

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

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

/** A file, rendered (Word files are built asynchronously). */
export async function renderFile(c: FileContent, locale: Locale = 'de'): Promise<RenderedFile> {
  if (c.kind === 'personalData') return personalFile(c, locale);
  // The archive's documents are in German, the language of the Bezirksamt's files.
  if (c.kind === 'archive') return renderArchive(c.archive, renderFile);
  const name = safeName(c.body.shortName);
  switch (c.kind) {
    case 'agenda':
      return {
        contentType: DOCX,
        fileName: `${name}-Tagesordnung-${c.date}.docx`,
        content: await wordFile(
          locale,
          agendaBlocks(c.document, locale),
          `${t(locale, 'doc.agendaTitle')} ${c.body.shortName} ${c.date}`,
          c.body.name,
        ),
      };
    case 'protocol': {
      const blocks = protocolBlocks(c.document, locale);
      const base = `${name}-Ergebnisprotokoll-${c.document.date}-v${c.document.version}`;
      if (c.ext === 'md')
        return {
          contentType: 'text/markdown; charset=utf-8',
          fileName: `${base}.md`,
          content: Buffer.from(toMarkdown(blocks), 'utf8'),
        };
      return {
        contentType: DOCX,
        fileName: `${base}.docx`,
        content: await wordFile(
          locale,
          blocks,
          `${t(locale, 'doc.protocolTitle')} ${c.body.shortName} ${c.document.date}`,
          c.body.name,
        ),
      };
    }
    case 'audit':
      return {
        contentType: 'text/csv; charset=utf-8',
        fileName: `${name}-audit-${c.from}-${c.to}.csv`,
        // Headers in the reader's language; the time in Berlin; before/after as "key: value".
        content: Buffer.from(
          toCsv(
            AUDIT_COLUMNS.map((k) => t(locale, `csv.${k}`)),
            c.rows.map((r) => [
              berlinTime(new Date(r.at)),
              r.action,
              r.target,
              r.actorAadObjectId,
              r.actorOfficeId,
              officeById(c.body, r.actorOfficeId)?.name ?? '',
              readable(r.before),
              readable(r.after),
              r.activityId,
            ]),
          ),
          'utf8',
        ),
      };
    case 'ics':
      return {
        contentType: 'text/calendar; charset=utf-8',
        fileName: `${name}-${c.session.date}.ics`,
        content: Buffer.from(
          sessionIcs(
            c.body,
            c.sessionId,
            c.session,
            c.timeline,
            t(locale, 'file.deadline', { deadline: formatDeadline(locale, c.timeline.registrationClosesAt) }),
            c.now,
          ),
          'utf8',
        ),
      };
    case 'register':
      return registerFile(c, locale);
    case 'basis':
      return {
        contentType: DOCX,
        fileName: `${name}-Entscheidungsgrundlage-${c.decision.year}-${String(c.decision.number).padStart(2, '0')}.docx`,
        content: await wordFile(
          locale,
          basisBlocks(locale, c.body.name, c.decision, c.madeAt),
          t(locale, 'basis.title', { label: c.decision.label }),
          c.body.name,
        ),
      };
    case 'report':
      return {
        contentType: DOCX,
        fileName: `${name}-Bericht-${c.facts.from}-${c.facts.to}.docx`,
        content: await wordFile(
          locale,
          reportBlocks(locale, c.facts, c.madeAt),
          t(locale, 'report.title', { body: c.body.shortName }),
          c.body.name,
        ),
      };
    case 'bodyYaml':
      return {
        contentType: 'application/yaml; charset=utf-8',
        fileName: `${c.body.id}${c.body.version ? `-fassung-${c.body.version.number}` : ''}.yaml`,
        content: Buffer.from(bodyYaml(c.body), 'utf8'),
      };
  }
}

/** A person's own data: the records as JSON, or the readable Word copy. */
async function personalFile(
  c: Extract<FileContent, { kind: 'personalData' }>,
  locale: Locale,
): Promise<RenderedFile> {
  const day = c.data.generatedAt.slice(0, 10);
  if (c.ext === 'json')
    return {
      contentType: 'application/json; charset=utf-8',
      fileName: `Gremienbot-Auskunft-${day}.json`,
      content: Buffer.from(`${JSON.stringify(c.data, null, 2)}\n`, 'utf8'),
    };
  return {
    contentType: DOCX,
    fileName: `Gremienbot-Auskunft-${day}.docx`,
    content: await wordFile(
      locale,
      personalBlocks(locale, c.data),
      t(locale, 'personal.docTitle'),
      'Gremienbot',
    ),
  };
}

/** The register as CSV (headers in the reader's language, times in Berlin) or as a Word file. */
async function registerFile(
  c: Extract<FileContent, { kind: 'register' }>,
  locale: Locale,
): Promise<RenderedFile> {
  const name = `${safeName(c.body.shortName)}-Beschlussregister${c.year ? `-${c.year}` : ''}`;
  if (c.ext === 'csv')
    return {
      contentType: 'text/csv; charset=utf-8',
      fileName: `${name}.csv`,
      content: Buffer.from(
        toCsv(
          REGISTER_CSV_COLUMNS.map((k) => t(locale, k)),
          c.entries.map((d) => [
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
      registerBlocks(locale, c.body.name, c.entries, c.year),
      c.year
        ? t(locale, 'registerDoc.titleYear', { body: c.body.shortName, year: c.year })
        : t(locale, 'registerDoc.title', { body: c.body.shortName }),
      c.body.name,
    ),
  };
}

/**
 * A body as a body file (the format of `bodies/*.yaml`): to keep, to review, or to import on
 * another installation (a file in BODIES_DIR is taken over as a version, src/app/bodies/registry.ts).
 * `parseBody(parse(bodyYaml(b)))` gives `b` back (tested on every preset).
 */
export function bodyYaml(body: Body): string {
  const header = [
    `# ${body.name}`,
    ...(body.version
      ? [
          `# Fassung ${body.version.number}, gültig ab ${body.version.effectiveFrom} (aus Gremienbot exportiert)`,
        ]
      : []),
  ].join('\n');
  return `${header}\n${stringify(toBodyInput(body), { lineWidth: 0 })}`;
}

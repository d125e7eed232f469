import { formatDate, formatDay } from '../../cards/format.js';
import type { Locale } from '../../cards/locale.js';
import { type MessageKey, textOf as t } from '../../cards/messages.js';
import { choice, outcome } from '../../cards/register-cards.js';
import { rulesVersionText } from '../../cards/rules-version.js';
import { ruleInWords } from '../../cards/vote-cards.js';
import { localDateOf } from '../domain/calendar.js';
import type { Decision } from '../ports/records.js';
import type { Block } from './protocol-blocks.js';

/**
 * The register's documents as blocks (src/files/render.ts draws them as Word, the CSV has its
 * own columns): the Entscheidungsgrundlage of one decision (000 §4.1: results and the arguments
 * for and against, by office, as the Bezirksamt's basis for decision), the register of a year,
 * and the SPK's report to the Bezirksamt (004).
 */

const office = (locale: Locale, b: Decision['ballots'][number]) =>
  b.recorded ? `${b.office} (${t(locale, 'record.marker')})` : b.office;

/** "In der Sitzung am …: Angenommen. (Ja 7, Nein 2, Enthaltung 1)". */
export function resultLine(locale: Locale, d: Decision): string {
  const counts = t(locale, 'register.counts', {
    yes: d.counts.yes,
    no: d.counts.no,
    abstain: d.counts.abstain,
  });
  return `${t(locale, d.kind === 'umlauf' ? 'register.byUmlauf' : 'register.inSession', {
    date: formatDay(locale, new Date(d.decidedAt), true),
  })}: ${outcome(locale, d)} (${counts})`;
}

/** The majority rule and the quorum (or the Umlauf's participation) as they were. */
export function rulesLines(locale: Locale, d: Decision): string[] {
  const lines: string[] = [];
  if (d.majority && d.base !== undefined && d.required !== undefined)
    lines.push(ruleInWords(locale, d.majority, d.required, d.base));
  else if (d.base !== undefined && d.required !== undefined)
    lines.push(t(locale, 'register.base', { required: d.required, base: d.base }));
  if (d.rulesVersion) lines.push(rulesVersionText(locale, d.rulesVersion));
  if (d.quorum)
    lines.push(
      t(locale, d.kind === 'umlauf' ? 'basis.participation' : 'basis.quorum', {
        present: d.quorum.present,
        needed: d.quorum.needed,
        of: d.quorum.of,
      }),
    );
  return lines;
}

/** Arguments of the offices that cast one choice: "Jugendamt: …" (or that none was given). */
function argumentsOf(locale: Locale, d: Decision, choices: readonly string[]): string[] {
  return d.ballots
    .filter((b) => choices.includes(b.choice))
    .map((b) => `${office(locale, b)}: ${b.argument.trim() || t(locale, 'basis.noArgument')}`);
}

const ARGUMENT_GROUPS: readonly { key: MessageKey; choices: readonly string[] }[] = [
  { key: 'basis.for', choices: ['yes'] },
  { key: 'basis.against', choices: ['no', 'object'] },
  { key: 'basis.abstained', choices: ['abstain'] },
];

/** The Entscheidungsgrundlage of one decision, for the Bezirksamt. */
export function basisBlocks(locale: Locale, bodyName: string, d: Decision, createdAt: Date): Block[] {
  const blocks: Block[] = [
    { kind: 'title', text: t(locale, 'basis.title', { label: d.label }) },
    { kind: 'paragraph', text: t(locale, 'basis.intro', { body: bodyName }) },
    { kind: 'heading', level: 1, text: t(locale, 'basis.question') },
    { kind: 'paragraph', text: d.title, bold: true },
    ...(d.text ? [{ kind: 'paragraph' as const, text: d.text }] : []),
    { kind: 'heading', level: 1, text: t(locale, 'basis.result') },
    { kind: 'paragraph', text: resultLine(locale, d), bold: true },
    ...rulesLines(locale, d).map((text) => ({ kind: 'paragraph' as const, text })),
  ];
  for (const g of ARGUMENT_GROUPS) {
    const items = argumentsOf(locale, d, g.choices);
    blocks.push({ kind: 'heading', level: 1, text: t(locale, g.key) });
    blocks.push(
      items.length ? { kind: 'list', items } : { kind: 'paragraph', text: t(locale, 'basis.none') },
    );
  }
  blocks.push(
    { kind: 'heading', level: 1, text: t(locale, 'basis.ballots') },
    {
      kind: 'table',
      header: [t(locale, 'csv.office'), t(locale, 'basis.ballot'), t(locale, 'basis.argument')],
      rows: d.ballots.map((b) => [office(locale, b), choice(locale, b.choice), b.argument]),
    },
    {
      kind: 'paragraph',
      text: t(locale, 'basis.footer', { label: d.label, date: formatDay(locale, createdAt, true) }),
    },
  );
  return blocks;
}

/** The register (of a year, or all of it) as a Word document: an overview, then every entry. */
export function registerBlocks(
  locale: Locale,
  bodyName: string,
  decisions: readonly Decision[],
  year: number | undefined,
): Block[] {
  const blocks: Block[] = [
    {
      kind: 'title',
      text: year
        ? t(locale, 'registerDoc.titleYear', { body: bodyName, year })
        : t(locale, 'registerDoc.title', { body: bodyName }),
    },
  ];
  if (decisions.length === 0) return [...blocks, { kind: 'paragraph', text: t(locale, 'register.none') }];
  blocks.push({
    kind: 'table',
    header: REGISTER_COLUMNS_SHORT.map((c) => t(locale, c)),
    rows: decisions.map((d) => [
      d.label,
      formatDate(locale, localDateOf(new Date(d.decidedAt))),
      t(locale, d.kind === 'umlauf' ? 'registerDoc.umlauf' : 'registerDoc.session'),
      d.title,
      outcome(locale, d),
    ]),
  });
  for (const d of decisions) {
    blocks.push(
      { kind: 'heading', level: 1, text: `${d.label}: ${d.title}` },
      ...(d.text ? [{ kind: 'paragraph' as const, text: d.text }] : []),
      { kind: 'paragraph', text: resultLine(locale, d), bold: true },
      ...rulesLines(locale, d).map((text) => ({ kind: 'paragraph' as const, text })),
      {
        kind: 'table',
        header: [t(locale, 'csv.office'), t(locale, 'basis.ballot'), t(locale, 'basis.argument')],
        rows: d.ballots.map((b) => [office(locale, b), choice(locale, b.choice), b.argument]),
      },
    );
  }
  return blocks;
}

const REGISTER_COLUMNS_SHORT: readonly MessageKey[] = [
  'registerDoc.number',
  'registerDoc.date',
  'registerDoc.procedure',
  'registerDoc.subject',
  'registerDoc.outcome',
];

/** The facts of the SPK's report to the Bezirksamt (src/app/register/report.ts). */
export type ReportFacts = {
  readonly bodyName: string;
  readonly from: string;
  readonly to: string;
  readonly sessions: readonly {
    readonly date: string;
    readonly status: 'planned' | 'running' | 'ended' | 'cancelled';
    readonly protocolVersion: number;
    readonly attendance: readonly { readonly office: string; readonly attended: boolean }[];
  }[];
  readonly decisions: readonly Decision[];
  readonly openUmlaufs: readonly { readonly title: string; readonly deadline: string }[];
  readonly followUps: readonly {
    readonly what: string;
    readonly responsible: string;
    readonly due: string;
    readonly origin: string;
    readonly state: 'open' | 'overdue' | 'done';
    readonly note: string;
  }[];
};

/** `bericht <von> <bis>`: the SPK's report to the Bezirksamt. */
export function reportBlocks(locale: Locale, r: ReportFacts, createdAt: Date): Block[] {
  const period = { from: formatDate(locale, r.from), to: formatDate(locale, r.to) };
  const held = r.sessions.filter((s) => s.status === 'ended');
  const blocks: Block[] = [
    { kind: 'title', text: t(locale, 'report.title', { body: r.bodyName }) },
    { kind: 'paragraph', text: t(locale, 'report.period', period), bold: true },
    {
      kind: 'paragraph',
      text: t(locale, 'report.summary', {
        sessions: held.length,
        decisions: r.decisions.length,
        umlaufs: r.decisions.filter((d) => d.kind === 'umlauf').length,
      }),
    },
    { kind: 'heading', level: 1, text: t(locale, 'report.sessions') },
  ];
  if (r.sessions.length === 0) blocks.push({ kind: 'paragraph', text: t(locale, 'report.noSessions') });
  for (const s of r.sessions) {
    const status = t(locale, `report.status.${s.status}` as MessageKey);
    blocks.push({ kind: 'heading', level: 2, text: `${formatDate(locale, s.date)} – ${status}` });
    if (s.status === 'ended')
      blocks.push({
        kind: 'paragraph',
        text: s.protocolVersion
          ? t(locale, 'report.protocol', { version: s.protocolVersion })
          : t(locale, 'report.noProtocol'),
      });
    if (s.attendance.length)
      blocks.push({
        kind: 'table',
        header: [t(locale, 'csv.office'), t(locale, 'doc.attendance')],
        rows: s.attendance.map((a) => [
          a.office,
          t(locale, a.attended ? 'report.attended' : 'doc.attendance.absent'),
        ]),
      });
  }
  blocks.push({ kind: 'heading', level: 1, text: t(locale, 'report.decisions') });
  blocks.push(
    r.decisions.length
      ? {
          kind: 'table',
          header: [...REGISTER_COLUMNS_SHORT.map((c) => t(locale, c)), t(locale, 'report.counts')],
          rows: r.decisions.map((d) => [
            d.label,
            formatDate(locale, localDateOf(new Date(d.decidedAt))),
            t(locale, d.kind === 'umlauf' ? 'registerDoc.umlauf' : 'registerDoc.session'),
            d.title,
            outcome(locale, d),
            `${d.counts.yes} / ${d.counts.no} / ${d.counts.abstain}`,
          ]),
        }
      : { kind: 'paragraph', text: t(locale, 'register.none') },
  );
  if (r.openUmlaufs.length)
    blocks.push(
      { kind: 'heading', level: 2, text: t(locale, 'report.openUmlaufs') },
      {
        kind: 'list',
        items: r.openUmlaufs.map((u) =>
          t(locale, 'report.openUmlauf', {
            title: u.title,
            deadline: formatDay(locale, new Date(u.deadline), true),
          }),
        ),
      },
    );
  blocks.push({ kind: 'heading', level: 1, text: t(locale, 'report.followUps') });
  blocks.push(
    r.followUps.length
      ? {
          kind: 'table',
          header: [
            t(locale, 'followUp.what'),
            t(locale, 'followUp.responsible'),
            t(locale, 'followUp.due'),
            t(locale, 'followUp.origin'),
            t(locale, 'followUp.state'),
          ],
          rows: r.followUps.map((f) => [
            f.what,
            f.responsible,
            f.due,
            f.origin,
            `${t(locale, `followUp.state.${f.state}` as MessageKey)}${f.note ? `: ${f.note}` : ''}`,
          ]),
        }
      : { kind: 'paragraph', text: t(locale, 'report.noFollowUps') },
  );
  blocks.push({
    kind: 'paragraph',
    text: t(locale, 'report.footer', { date: formatDay(locale, createdAt, true) }),
  });
  return blocks;
}

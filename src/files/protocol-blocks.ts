import { dueText, type FollowUpLine, stateText } from '../../cards/follow-up-cards.js';
import { formatDay, formatDayTime, formatDeadline, formatTime } from '../../cards/format.js';
import type { Locale } from '../../cards/locale.js';
import { type MessageKey, textOf as t } from '../../cards/messages.js';
import { outcomeText, quorumText, sessionDay } from '../../cards/protocol-cards.js';
import { rulesVersionText } from '../../cards/rules-version.js';
import { ruleInWords } from '../../cards/vote-cards.js';
import {
  type AttendanceEntry,
  chairAndWriter,
  type ProtocolDocument,
  type ProtocolItem,
  type ProtocolVote,
} from '../domain/protocol.js';

/**
 * A protocol (or agenda) as a list of blocks. The Markdown and the Word renderer both draw
 * these and nothing else, so the two files always say the same.
 */
export type Block =
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'heading'; readonly level: 1 | 2; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string; readonly bold?: boolean }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | {
      readonly kind: 'table';
      readonly header: readonly string[];
      readonly rows: readonly (readonly string[])[];
    };

const choiceKey = (c: string): MessageKey =>
  c === 'yes'
    ? 'vote.yes'
    : c === 'no'
      ? 'vote.no'
      : c === 'abstain'
        ? 'vote.abstain'
        : c === 'object'
          ? 'doc.objection'
          : 'doc.noBallot';

function attendanceNote(locale: Locale, a: AttendanceEntry): string {
  if (a.stays.length === 0) return '';
  const parts: string[] = [];
  if (a.late) parts.push(t(locale, 'doc.arrivedLate', { time: a.stays[0]?.from ?? '' }));
  for (const s of a.stays) if (s.to) parts.push(t(locale, 'doc.left', { time: s.to }));
  for (const s of a.stays.slice(1)) parts.push(t(locale, 'doc.returned', { time: s.from }));
  return parts.join('; ');
}

/** What the protocol and the agenda both say of an item. */
type ItemFacts = Pick<
  ProtocolItem,
  'number' | 'title' | 'marking' | 'purpose' | 'office' | 'submitter' | 'description' | 'documents'
>;

/** An item's heading, its marking, purpose and submitter, and its description (protocol and agenda). */
function itemHead(locale: Locale, item: ItemFacts): Block[] {
  return [
    { kind: 'heading', level: 2, text: `TOP ${item.number}: ${item.title}` },
    {
      kind: 'paragraph',
      text: t(locale, 'doc.itemMeta', {
        marking: t(locale, item.marking === 'Beschluss' ? 'doc.marking.decision' : 'doc.marking.discussion'),
        purpose: t(locale, `purpose.${item.purpose}` as MessageKey),
        office: item.office,
        submitter: item.submitter || '–',
      }),
    },
    ...(item.description ? [{ kind: 'paragraph' as const, text: item.description }] : []),
  ];
}

function voteBlocks(locale: Locale, v: ProtocolVote): Block[] {
  // A ballot the SPK recorded for an office without Teams says so wherever the office is named.
  const office = (b: { office: string; recorded?: boolean }) =>
    b.recorded ? `${b.office} (${t(locale, 'record.marker')})` : b.office;
  const blocks: Block[] = [
    ...(v.register
      ? [
          {
            kind: 'paragraph' as const,
            text: t(locale, 'register.numbered', { label: v.register }),
            bold: true,
          },
        ]
      : []),
    { kind: 'paragraph', text: `${t(locale, 'doc.quorumAtVote')}: ${quorumText(locale, v.quorum)}` },
  ];
  if (v.outcome !== 'notQuorate')
    blocks.push({
      kind: 'paragraph',
      text: `${t(locale, 'doc.rule')}: ${ruleInWords(locale, v.rule, v.required, v.base)}`,
    });
  if (v.rulesVersion) blocks.push({ kind: 'paragraph', text: rulesVersionText(locale, v.rulesVersion) });
  blocks.push({
    kind: 'paragraph',
    bold: true,
    text: outcomeText(locale, v),
  });
  if (v.ballots.length > 0)
    blocks.push({
      kind: 'table',
      header: [t(locale, 'doc.office'), t(locale, 'doc.ballot')],
      rows: v.ballots.map((b) => [office(b), t(locale, choiceKey(b.choice))]),
    });
  const texts = (key: MessageKey, list: readonly { office: string; text: string; recorded?: boolean }[]) => {
    if (list.length === 0) return;
    blocks.push({ kind: 'paragraph', text: t(locale, key) });
    blocks.push({ kind: 'list', items: list.map((a) => `${office(a)}: ${a.text}`) });
  };
  texts('doc.argumentsFor', v.argumentsFor);
  texts('doc.argumentsAgainst', v.argumentsAgainst);
  texts('doc.otherArguments', v.otherArguments);
  if (v.advisory.length > 0) {
    blocks.push({ kind: 'paragraph', text: t(locale, 'doc.advisory') });
    blocks.push({
      kind: 'list',
      items: v.advisory.map(
        (a) => `${office(a)} (${t(locale, choiceKey(a.choice))})${a.text ? `: ${a.text}` : ''}`,
      ),
    });
  }
  return blocks;
}

/** The Ergebnisprotokoll in the layout of a German administrative protocol. */
export function protocolBlocks(doc: ProtocolDocument, locale: Locale = 'de'): Block[] {
  const day = sessionDay(locale, doc);
  const blocks: Block[] = [
    { kind: 'title', text: t(locale, 'doc.protocolTitle') },
    { kind: 'paragraph', bold: true, text: doc.body.name },
    {
      kind: 'table',
      header: [t(locale, 'doc.field'), t(locale, 'doc.value')],
      rows: [
        [t(locale, 'doc.session'), day],
        [t(locale, 'doc.time'), `${doc.startTime} – ${doc.endTime}`],
        [t(locale, 'doc.place'), doc.place || '–'],
        ...chairAndWriter(doc).map((r) => [t(locale, ROLE_KEYS[r.role]), r.text]),
        [
          t(locale, 'doc.version'),
          t(locale, 'doc.versionText', {
            version: doc.version,
            at: formatDayTime(locale, new Date(doc.release.at), true),
          }),
        ],
        ...(doc.release.correctionReason
          ? [[t(locale, 'doc.correction'), doc.release.correctionReason]]
          : []),
      ],
    },
    { kind: 'heading', level: 1, text: `1. ${t(locale, 'doc.attendance')}` },
    {
      kind: 'table',
      header: [t(locale, 'doc.office'), t(locale, 'doc.status'), t(locale, 'doc.remark')],
      rows: doc.attendance.map((a) => [
        a.office,
        t(locale, `doc.attendance.${a.status}` as MessageKey),
        attendanceNote(locale, a),
      ]),
    },
    {
      kind: 'paragraph',
      text: `${t(locale, 'doc.quorumAtStart')}: ${quorumText(locale, doc.quorumAtStart)}`,
    },
    { kind: 'heading', level: 1, text: `2. ${t(locale, 'doc.items')}` },
  ];
  if (doc.items.length === 0) blocks.push({ kind: 'paragraph', text: t(locale, 'doc.noItems') });
  for (const item of doc.items) {
    blocks.push(...itemHead(locale, item));
    if (item.lateAcceptedBy)
      blocks.push({ kind: 'paragraph', text: t(locale, 'doc.lateAccepted', { by: item.lateAcceptedBy }) });
    if (item.documents.length > 0) {
      blocks.push({ kind: 'paragraph', text: t(locale, 'doc.documents') });
      blocks.push({ kind: 'list', items: item.documents });
    }
    if (item.grants.length > 0)
      blocks.push({ kind: 'paragraph', text: t(locale, 'doc.grants', { offices: item.grants.join(', ') }) });
    for (const a of item.annulledVotes ?? [])
      blocks.push({
        kind: 'paragraph',
        text: t(locale, 'doc.annulled', {
          opened: formatTime(new Date(a.openedAt)),
          annulled: formatTime(new Date(a.annulledAt)),
        }),
      });
    if (item.vote) blocks.push(...voteBlocks(locale, item.vote));
    blocks.push({
      kind: 'paragraph',
      text: `${t(locale, 'doc.result')}: ${item.result || t(locale, 'doc.noResult')}`,
    });
  }
  blocks.push({ kind: 'heading', level: 1, text: `3. ${t(locale, 'doc.umlaufs')}` });
  if (doc.umlaufs.length === 0) blocks.push({ kind: 'paragraph', text: t(locale, 'doc.noUmlaufs') });
  else
    blocks.push({
      kind: 'list',
      items: doc.umlaufs.map(
        (u) =>
          `${u.title} (${formatDay(locale, new Date(u.closedAt), true)}): ${t(locale, `doc.umlauf.${knownUmlaufOutcome(u.outcome)}` as MessageKey, u.counts)}`,
      ),
    });
  blocks.push({ kind: 'heading', level: 1, text: `4. ${t(locale, 'doc.remarks')}` });
  blocks.push({ kind: 'paragraph', text: doc.remarks || '–' });
  blocks.push({ kind: 'paragraph', text: t(locale, 'doc.footer') });
  return blocks;
}

const ROLE_KEYS = { chair: 'doc.chair', writer: 'doc.writer', both: 'doc.chairAndWriter' } as const;

const UMLAUF_OUTCOMES = ['adopted', 'rejected', 'objected', 'insufficientParticipation'] as const;
function knownUmlaufOutcome(kind: string): string {
  return (UMLAUF_OUTCOMES as readonly string[]).includes(kind) ? kind : 'unknown';
}

export type AgendaDocument = {
  readonly bodyName: string;
  readonly start: Date;
  readonly end: Date;
  readonly place: string;
  readonly registrationClosesAt: Date;
  readonly items: readonly ItemFacts[];
  /** Follow-ups due at the session (Wiedervorlagen), as lines. */
  readonly followUps?: readonly FollowUpLine[];
};

/** The invitation with its agenda, as the SPK would send it by mail. */
export function agendaBlocks(a: AgendaDocument, locale: Locale = 'de'): Block[] {
  const blocks: Block[] = [
    { kind: 'title', text: t(locale, 'doc.agendaTitle') },
    { kind: 'paragraph', bold: true, text: a.bodyName },
    {
      kind: 'table',
      header: [t(locale, 'doc.field'), t(locale, 'doc.value')],
      rows: [
        [t(locale, 'doc.session'), formatDay(locale, a.start, true)],
        [t(locale, 'doc.time'), `${formatTime(a.start)} – ${formatTime(a.end)}`],
        [t(locale, 'doc.place'), a.place || '–'],
      ],
    },
    { kind: 'heading', level: 1, text: t(locale, 'doc.items') },
  ];
  if (a.items.length === 0) blocks.push({ kind: 'paragraph', text: t(locale, 'doc.agendaEmpty') });
  for (const item of a.items) {
    blocks.push(...itemHead(locale, item));
    if (item.documents.length > 0) {
      blocks.push({ kind: 'paragraph', text: t(locale, 'doc.documents') });
      blocks.push({ kind: 'list', items: item.documents });
    }
  }
  if (a.followUps?.length)
    blocks.push(
      { kind: 'heading', level: 1, text: t(locale, 'followUp.agendaTitle') },
      {
        kind: 'list',
        items: a.followUps.map((f) =>
          [
            f.what,
            f.office,
            dueText(locale, f),
            t(locale, 'followUp.from', { origin: f.origin }),
            stateText(locale, f),
          ].join(' · '),
        ),
      },
    );
  blocks.push({
    kind: 'paragraph',
    text: t(locale, 'doc.agendaDeadline', { deadline: formatDeadline(locale, a.registrationClosesAt) }),
  });
  blocks.push({ kind: 'paragraph', text: t(locale, 'doc.footer') });
  return blocks;
}

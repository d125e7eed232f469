import type { FollowUpLine } from '../src/domain/follow-up.js';
import { LIMITS } from '../src/domain/limits.js';
import { execute } from './actions.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardElement,
  type CardInput,
  heading,
  paragraph,
} from './adaptive-card.js';
import { formatDate, formatDay } from './format.js';
import { cardLang, type Locale } from './locale.js';
import { type MessageKey, t, textOf } from './messages.js';
import { plain } from './plain.js';

export type { FollowUpLine };

/**
 * How texts are filled: `t` for cards (filled values escaped for Markdown), `textOf` for files
 * and for values that a card's `t` escapes itself.
 */
type Fill = (locale: Locale, key: MessageKey, params?: Record<string, string | number>) => string;

/** "zur Sitzung am 14.01.2027" or "bis 31.03.2027" (plain text). */
export function dueText(
  locale: Locale,
  f: Pick<FollowUpLine, 'due' | 'dueSession'>,
  fill: Fill = textOf,
): string {
  if (f.due === 'next')
    return f.dueSession
      ? fill(locale, 'followUp.dueNextOn', { date: formatDate(locale, f.dueSession) })
      : fill(locale, 'followUp.dueNext');
  return fill(locale, 'followUp.dueBy', { date: formatDate(locale, f.due) });
}

/** The state in words: offen, überfällig, erledigt am … (with the note), as plain text. */
export function stateText(locale: Locale, f: FollowUpLine): string {
  if (f.status === 'done')
    return `${textOf(locale, 'followUp.doneOn', { date: formatDay(locale, new Date(f.doneAt), true) })}${
      f.doneNote ? `: ${f.doneNote}` : ''
    }`;
  return textOf(locale, f.overdue ? 'followUp.state.overdue' : 'followUp.state.open');
}

/** Longest task and note a card shows of a follow-up (the list's own text and the files show all). */
const WHAT_ON_CARD = 160;
const shorten = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
const NOTE_ON_CARD = 120;

/**
 * One line of a card: "**Was** · Amt · zur Sitzung am … · aus AG Planung 2027/03 · offen", typed
 * text escaped once and shortened (cards stay small).
 */
export function followUpText(locale: Locale, f: FollowUpLine): string {
  const state =
    f.status === 'done'
      ? `${t(locale, 'followUp.doneOn', { date: formatDay(locale, new Date(f.doneAt), true) })}${
          f.doneNote ? `: ${plain(shorten(f.doneNote, NOTE_ON_CARD))}` : ''
        }`
      : t(locale, f.overdue ? 'followUp.state.overdue' : 'followUp.state.open');
  return [
    `**${plain(shorten(f.what, WHAT_ON_CARD))}**`,
    plain(f.office),
    dueText(locale, f, t),
    t(locale, 'followUp.from', { origin: f.origin }),
    state,
  ].join(' · ');
}

/** Follow-ups one card shows (cards stay under Teams' size limit; the list and the Word files show all). */
export const FOLLOW_UPS_ON_A_CARD = 6;

/** Follow-up lines of a card, at most `max`, and a line naming how many more there are. */
export function followUpLines(
  locale: Locale,
  lines: readonly FollowUpLine[],
  max = FOLLOW_UPS_ON_A_CARD,
): CardElement[] {
  return [
    ...lines.slice(0, max).map((f) =>
      paragraph(followUpText(locale, f), {
        size: 'Small',
        ...(f.overdue ? { color: 'Warning' as const } : {}),
      }),
    ),
    ...(lines.length > max
      ? [
          paragraph(t(locale, 'followUp.more', { count: lines.length - max }), {
            size: 'Small',
            isSubtle: true,
          }),
        ]
      : []),
  ];
}

/** The Wiedervorlagen section of an agenda card (nothing when there are none). */
export function followUpSection(
  locale: Locale,
  lines: readonly FollowUpLine[],
  max = FOLLOW_UPS_ON_A_CARD,
): CardElement[] {
  if (lines.length === 0) return [];
  // No room for any line: one sentence says how many there are and where to see them.
  if (max <= 0)
    return [paragraph(t(locale, 'followUp.countOnly', { count: lines.length }), { size: 'Small' })];
  return [
    {
      type: 'Container',
      separator: true,
      items: [paragraph(`**${t(locale, 'followUp.agendaTitle')}**`), ...followUpLines(locale, lines, max)],
    },
  ];
}

/** Follow-ups the list card shows, overdue and open first (the report lists all). */
export const FOLLOW_UPS_IN_THE_LIST = 15;

/**
 * `wiedervorlagen`: the body's follow-ups, overdue first. Who may mark one done (a member of its
 * office, or the SPK) gets a note field and the button on it; the click is checked again.
 */
export function followUpListCard(
  locale: Locale,
  d: {
    bodyId: string;
    bodyName: string;
    lines: readonly FollowUpLine[];
    /** Ids the reader may mark done. */
    canComplete: ReadonlySet<string>;
    /** A line on top: what just happened (a follow-up marked done). */
    notice?: string;
  },
): AdaptiveCard {
  const rows: CardElement[] = d.lines.slice(0, FOLLOW_UPS_IN_THE_LIST).map((f) => ({
    type: 'Container',
    separator: true,
    items: [
      paragraph(followUpText(locale, f), {
        size: 'Small',
        ...(f.overdue ? { color: 'Warning' as const } : {}),
      }),
      ...(f.status === 'open' && d.canComplete.has(f.id)
        ? [
            {
              type: 'Input.Text' as const,
              id: `note_${f.id}`,
              label: t(locale, 'followUp.noteLabel'),
              maxLength: LIMITS.followUpNote.max,
            },
            {
              type: 'ActionSet' as const,
              actions: [
                execute(
                  'followUp.done',
                  t(locale, 'followUp.markDone'),
                  { bodyId: d.bodyId, followUpId: f.id },
                  'positive',
                ),
              ],
            },
          ]
        : []),
    ],
  }));
  return adaptiveCard(cardLang(locale), [
    heading(t(locale, 'followUp.listTitle', { body: d.bodyName })),
    ...(d.notice ? [paragraph(d.notice, { color: 'Good' })] : []),
    ...(d.lines.length === 0 ? [paragraph(t(locale, 'followUp.none'), { isSubtle: true })] : rows),
    ...(d.lines.length > FOLLOW_UPS_IN_THE_LIST
      ? [
          paragraph(t(locale, 'followUp.more', { count: d.lines.length - FOLLOW_UPS_IN_THE_LIST }), {
            isSubtle: true,
          }),
        ]
      : []),
  ]);
}

export type FollowUpFieldProblem = { field: 'what' | 'officeId' | 'dueDate'; message: string };

/** The SPK's form: a follow-up of a decision or an item. */
export function followUpFormCard(
  locale: Locale,
  d: {
    bodyId: string;
    origin: { label: string; ref: string; title: string };
    offices: readonly { id: string; name: string }[];
    values?: { what: string; officeId: string; dueKind: 'next' | 'date'; dueDate: string };
    problems?: readonly FollowUpFieldProblem[];
  },
): AdaptiveCard {
  const v = d.values ?? { what: '', officeId: '', dueKind: 'next' as const, dueDate: '' };
  const withProblem = (element: CardInput): CardInput => {
    const message = d.problems?.find((p) => p.field === element.id)?.message;
    return { ...element, ...(message ? { errorMessage: message, isRequired: true } : {}) };
  };
  return adaptiveCard(
    cardLang(locale),
    [
      heading(t(locale, 'followUp.formTitle')),
      paragraph(`${plain(d.origin.label)}: ${plain(d.origin.title)}`, { isSubtle: true }),
      ...(d.problems?.length
        ? [paragraph(d.problems.map((p) => `• ${p.message}`).join('\n'), { color: 'Attention' })]
        : []),
      withProblem({
        type: 'Input.Text',
        id: 'what',
        label: t(locale, 'followUp.what'),
        value: v.what,
        isMultiline: true,
        maxLength: LIMITS.followUp.max,
      }),
      withProblem({
        type: 'Input.ChoiceSet',
        id: 'officeId',
        label: t(locale, 'followUp.responsible'),
        value: v.officeId,
        style: 'filtered',
        choices: d.offices.map((o) => ({ title: o.name, value: o.id })),
      }),
      {
        type: 'Input.ChoiceSet',
        id: 'dueKind',
        label: t(locale, 'followUp.due'),
        value: v.dueKind,
        style: 'expanded',
        choices: [
          { title: t(locale, 'followUp.dueNext'), value: 'next' },
          { title: t(locale, 'followUp.dueDateChoice'), value: 'date' },
        ],
      },
      withProblem({
        type: 'Input.Date',
        id: 'dueDate',
        label: t(locale, 'followUp.dueDate'),
        value: v.dueDate,
      }),
    ],
    [
      execute(
        'followUp.add',
        t(locale, 'followUp.save'),
        { bodyId: d.bodyId, ref: d.origin.ref },
        'positive',
      ),
    ],
  );
}

/** The problems of a follow-up in words. */
export const FOLLOW_UP_PROBLEMS: Record<string, { field: FollowUpFieldProblem['field']; key: MessageKey }> = {
  whatTooShort: { field: 'what', key: 'followUp.problem.whatTooShort' },
  whatTooLong: { field: 'what', key: 'followUp.problem.whatTooLong' },
  noOffice: { field: 'officeId', key: 'followUp.problem.noOffice' },
  badDue: { field: 'dueDate', key: 'followUp.problem.badDue' },
  dueInPast: { field: 'dueDate', key: 'followUp.problem.dueInPast' },
};

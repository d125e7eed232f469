import { LIMITS } from '../src/domain/limits.js';
import { type ButtonData, execute } from './actions.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardElement,
  type CardInput,
  heading,
  paragraph,
} from './adaptive-card.js';
import { formatDayTime } from './format.js';
import { cardLang, type Locale } from './locale.js';
import { type MessageKey, t } from './messages.js';
import { type DispatchNotes, dispatchNotes, shorten } from './notification-cards.js';
import { linkTarget, plain } from './plain.js';
import { rulesVersionText } from './rules-version.js';
import { argumentInput, ballotButtons, type RuleView, recordBallotForm } from './vote-cards.js';

/** The Umlaufverfahren's cards: the SPK's form, the ballot card (channel and personal), the result. */

export type UmlaufProblemView = { field: 'title' | 'text' | 'documents' | 'deadline'; message: string };

/** `umlauf`: title, text, documents, deadline (empty: the body's default). */
export function umlaufFormCard(
  locale: Locale,
  d: {
    body: { id: string; name: string };
    defaultDeadline: Date;
    /** The longest deadline in whole days (src/domain/notifications.ts). */
    maxDays: number;
    objectionAllowed: boolean;
    values?: { title: string; text: string; documents: string; deadlineDate: string; deadlineTime: string };
    problems?: UmlaufProblemView[];
  },
): AdaptiveCard {
  const v = d.values ?? { title: '', text: '', documents: '', deadlineDate: '', deadlineTime: '' };
  const problem = (field: UmlaufProblemView['field']) => d.problems?.find((p) => p.field === field)?.message;
  const input = (element: CardInput): CardInput => {
    const message = problem(element.id as UmlaufProblemView['field']);
    return {
      ...element,
      ...(message ? { errorMessage: message, isRequired: true } : {}),
    };
  };
  return adaptiveCard(
    cardLang(locale),
    [
      heading(t(locale, 'umlauf.formTitle')),
      paragraph(d.body.name, { isSubtle: true }),
      paragraph(
        t(locale, 'umlauf.formText', {
          deadline: formatDayTime(locale, d.defaultDeadline, true),
          max: d.maxDays,
        }),
        { size: 'Small' },
      ),
      ...(d.problems && d.problems.length > 0
        ? [paragraph(d.problems.map((p) => `• ${p.message}`).join('\n'), { color: 'Attention' })]
        : []),
      input({
        type: 'Input.Text' as const,
        id: 'title',
        label: t(locale, 'umlauf.field.title'),
        value: v.title,
        maxLength: LIMITS.topicTitle.max,
      }),
      input({
        type: 'Input.Text' as const,
        id: 'text',
        label: t(locale, 'umlauf.field.text'),
        value: v.text,
        isMultiline: true,
        maxLength: LIMITS.umlaufText.max,
      }),
      input({
        type: 'Input.Text' as const,
        id: 'documents',
        label: t(locale, 'umlauf.field.documents'),
        value: v.documents,
        isMultiline: true,
      }),
      input({
        type: 'Input.Date' as const,
        id: 'deadlineDate',
        label: t(locale, 'umlauf.field.deadlineDate'),
        value: v.deadlineDate,
      }),
      input({
        type: 'Input.Time' as const,
        id: 'deadlineTime',
        label: t(locale, 'umlauf.field.deadlineTime'),
        value: v.deadlineTime,
      }),
      paragraph(t(locale, d.objectionAllowed ? 'umlauf.objectionAllowed' : 'umlauf.objectionNotAllowed'), {
        size: 'Small',
        isSubtle: true,
      }),
    ],
    [execute('umlauf.open', t(locale, 'umlauf.open'), { bodyId: d.body.id }, 'positive')],
  );
}

/** "Angenommen mit mindestens 2/3 der abgegebenen Stimmen" (the numbers depend on who votes). */
export function umlaufRuleInWords(locale: Locale, rule: RuleView): string {
  return t(locale, 'umlauf.rule', {
    comparison: t(locale, rule.comparison === 'atLeast' ? 'vote.atLeast' : 'vote.moreThan'),
    fraction: `${rule.numerator}/${rule.denominator}`,
    base: t(locale, `vote.base.${rule.base}` as MessageKey),
  });
}

export type UmlaufCardData = DispatchNotes & {
  bodyId: string;
  umlaufId: string;
  title: string;
  text: string;
  documents: string[];
  deadline: Date;
  open: boolean;
  objectionAllowed: boolean;
  rule: RuleView;
  participation: { cast: number; needed: number; of: number };
  counts: { yes: number; no: number; abstain: number; objections: number };
  /** A reminder to an office that has not voted yet. */
  reminder?: boolean;
  /** The reader's own office's ballot, on their copy only. */
  ownLine?: string;
  /** Offices without Teams whose written statement the SPK records (the SPK's form). */
  recordable?: { id: string; name: string }[];
};

/** The ballot card of an Umlauf: the rule and participation in words, Ja / Nein / Enthaltung (/ Widerspruch). */
export function umlaufCard(locale: Locale, d: UmlaufCardData): AdaptiveCard {
  const cast = (choice: 'yes' | 'no' | 'abstain' | 'object'): ButtonData<'umlauf.cast'> => ({
    bodyId: d.bodyId,
    umlaufId: d.umlaufId,
    choice,
  });
  const body: CardElement[] = [
    ...(d.ownLine ? [paragraph(d.ownLine, { weight: 'Bolder', color: 'Good' })] : []),
    ...(d.reminder
      ? [
          paragraph(t(locale, 'umlauf.reminder', { deadline: formatDayTime(locale, d.deadline) }), {
            weight: 'Bolder',
            color: 'Attention',
          }),
        ]
      : []),
    heading(t(locale, 'umlauf.title', { title: d.title })),
    paragraph(plain(d.text)),
    ...(d.documents.length > 0
      ? [
          paragraph(
            d.documents
              .map((u, n) => `[${t(locale, 'agenda.document', { n: n + 1 })}](${linkTarget(u)})`)
              .join('  \n'),
            { size: 'Small' },
          ),
        ]
      : []),
    {
      type: 'FactSet' as const,
      facts: [
        { title: t(locale, 'umlauf.deadline'), value: formatDayTime(locale, d.deadline, true) },
        {
          title: t(locale, 'umlauf.participation'),
          value: t(locale, 'umlauf.participationValue', d.participation),
        },
      ],
    },
    paragraph(umlaufRuleInWords(locale, d.rule), { size: 'Small' }),
    paragraph(t(locale, 'umlauf.counts', d.counts), { size: 'Small', isSubtle: true }),
    ...(d.objectionAllowed
      ? [paragraph(t(locale, 'umlauf.objectionHint'), { size: 'Small', isSubtle: true })]
      : []),
    ...(d.open ? [argumentInput(locale)] : [paragraph(t(locale, 'vote.closedNote'), { color: 'Warning' })]),
    ...dispatchNotes(locale, d),
  ];
  const actions = d.open
    ? [
        ...ballotButtons(
          locale,
          'umlauf.cast',
          cast,
          d.objectionAllowed ? ['yes', 'no', 'abstain', 'object'] : ['yes', 'no', 'abstain'],
        ),
        ...(d.recordable && d.recordable.length > 0
          ? [
              recordBallotForm(
                locale,
                'umlauf.record',
                d.recordable,
                d.objectionAllowed ? ['yes', 'no', 'abstain', 'object'] : ['yes', 'no', 'abstain'],
                { bodyId: d.bodyId, umlaufId: d.umlaufId },
              ),
            ]
          : []),
      ]
    : undefined;
  return adaptiveCard(cardLang(locale), body, actions);
}

export type UmlaufResultData = DispatchNotes & {
  title: string;
  outcome: 'adopted' | 'rejected' | 'objected' | 'insufficientParticipation';
  closeReason: 'deadline' | 'settled';
  closedAt: Date;
  counts: { yes: number; no: number; abstain: number; objections: number };
  participation: { cast: number; needed: number; of: number };
  required?: number;
  base?: number;
  ballots: {
    office: string;
    choice: 'yes' | 'no' | 'abstain' | 'object';
    argument: string;
    /** Recorded by the SPK (a written statement of an office without Teams). */
    recorded?: boolean;
  }[];
  notVoted: string[];
  advisory: { office: string; choice: 'yes' | 'no' | 'abstain' | 'object'; argument: string }[];
  /** Its number in the body's register (`AG SRO 2027/04`), once it has one. */
  register?: string;
  /** The version of the rules it was decided under. */
  rulesVersion?: { number: number; effectiveFrom: string };
};

const CHOICE_KEY: Record<UmlaufResultData['ballots'][number]['choice'], MessageKey> = {
  yes: 'vote.yes',
  no: 'vote.no',
  abstain: 'vote.abstain',
  object: 'umlauf.object',
};

/** The result, posted in the channel and kept for the next protocol: named ballots and arguments. */
export function umlaufResultCard(locale: Locale, d: UmlaufResultData): AdaptiveCard {
  // Arguments are shortened here (the card must stay under Teams' size limit); the protocol has them in full.
  const line = (b: {
    office: string;
    choice: keyof typeof CHOICE_KEY;
    argument: string;
    recorded?: boolean;
  }) =>
    `${b.office}${b.recorded ? ` (${t(locale, 'record.marker')})` : ''}: **${t(locale, CHOICE_KEY[b.choice])}**${b.argument ? ` – „${plain(shorten(b.argument))}“` : ''}`;
  return adaptiveCard(cardLang(locale), [
    heading(t(locale, 'umlauf.resultTitle', { title: d.title })),
    ...(d.register
      ? [paragraph(t(locale, 'register.numbered', { label: d.register }), { weight: 'Bolder' })]
      : []),
    paragraph(t(locale, `umlauf.outcome.${d.outcome}`), {
      weight: 'Bolder',
      color: d.outcome === 'adopted' ? 'Good' : 'Attention',
    }),
    paragraph(
      t(locale, d.closeReason === 'settled' ? 'umlauf.closedEarly' : 'umlauf.closedAtDeadline', {
        at: formatDayTime(locale, d.closedAt, true),
      }),
      { size: 'Small', isSubtle: true },
    ),
    paragraph(t(locale, 'umlauf.counts', d.counts), { size: 'Small' }),
    paragraph(t(locale, 'umlauf.participationValue', d.participation), { size: 'Small' }),
    ...(d.required !== undefined && d.base !== undefined
      ? [paragraph(t(locale, 'umlauf.required', { required: d.required, base: d.base }), { size: 'Small' })]
      : []),
    ...(d.rulesVersion
      ? [paragraph(rulesVersionText(locale, d.rulesVersion), { size: 'Small', isSubtle: true })]
      : []),
    ...(d.ballots.length > 0
      ? [
          paragraph(t(locale, 'umlauf.ballots'), { weight: 'Bolder' }),
          paragraph(d.ballots.map(line).join('  \n'), { size: 'Small' }),
        ]
      : []),
    ...(d.notVoted.length > 0
      ? [
          paragraph(`${t(locale, 'tally.notVoted')}: ${d.notVoted.map(plain).join(', ')}`, {
            size: 'Small',
            isSubtle: true,
          }),
        ]
      : []),
    ...(d.advisory.length > 0
      ? [
          paragraph(t(locale, 'tally.advisory'), { weight: 'Bolder' }),
          paragraph(d.advisory.map(line).join('  \n'), { size: 'Small' }),
        ]
      : []),
    ...dispatchNotes(locale, d),
  ]);
}

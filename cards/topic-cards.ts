import { LIMITS } from '../src/domain/limits.js';
import { type ButtonData, type CardData, execute } from './actions.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardAction,
  type CardElement,
  type CardInput,
  heading,
  paragraph,
} from './adaptive-card.js';
import { formatDay, formatDayTime, formatDeadline } from './format.js';
import { cardLang, type Locale } from './locale.js';
import { type MessageKey, t } from './messages.js';
import { linkTarget, plain } from './plain.js';

export type Purpose = 'information' | 'discussion' | 'decision' | 'support';

const PURPOSES: Purpose[] = ['information', 'discussion', 'decision', 'support'];

export type FieldProblem = {
  field: 'title' | 'purpose' | 'description' | 'documents' | 'conflictsOfGoals';
  code: string;
  limit?: number;
};

export type TopicFormData = {
  body: { id: string; name: string };
  sessions: { sessionId: string; start: Date; registrationClosesAt: Date }[];
  selected: string;
  values?: Partial<Record<'title' | 'purpose' | 'description' | 'documents' | 'conflictsOfGoals', string>>;
  problems?: FieldProblem[];
  /** Registration for the selected session has closed: offer "submit late". */
  late?: boolean;
  /** The SPK edits this existing item. */
  editItemId?: string;
};

const input = (o: CardInput): CardInput => o;

function problemText(locale: Locale, p: FieldProblem): string {
  return t(locale, `topic.problem.${p.code}` as MessageKey, { limit: p.limit ?? '' });
}

/** `thema anmelden`: the form; shown again with the faulty fields marked when a submit is invalid. */
export function topicFormCard(locale: Locale, d: TopicFormData): AdaptiveCard {
  const v = d.values ?? {};
  const problemsOf = (field: FieldProblem['field']): CardElement[] =>
    (d.problems ?? [])
      .filter((p) => p.field === field)
      .map((p) => paragraph(problemText(locale, p), { color: 'Attention', size: 'Small', spacing: 'None' }));
  const session = d.sessions.find((s) => s.sessionId === d.selected);
  const body: CardElement[] = [
    heading(t(locale, d.editItemId ? 'topic.editTitle' : 'topic.title')),
    paragraph(d.body.name, { isSubtle: true }),
    ...(d.late && !d.editItemId
      ? [
          {
            type: 'Container' as const,
            style: 'warning',
            items: [
              paragraph(
                t(locale, 'topic.lateNotice', {
                  deadline: session ? formatDeadline(locale, session.registrationClosesAt) : '',
                }),
              ),
            ],
          } as CardElement,
        ]
      : session
        ? [
            paragraph(
              t(locale, 'topic.deadline', { deadline: formatDeadline(locale, session.registrationClosesAt) }),
              { size: 'Small' },
            ),
          ]
        : []),
    // An edit stays with its item's session: the session is shown, not chosen.
    d.editItemId
      ? paragraph(
          `${t(locale, 'topic.session')}: ${session ? formatDayTime(locale, session.start, true) : ''}`,
          { size: 'Small' },
        )
      : input({
          type: 'Input.ChoiceSet' as const,
          id: 'sessionId',
          label: t(locale, 'topic.session'),
          value: d.selected,
          style: 'compact' as const,
          isRequired: true,
          errorMessage: t(locale, 'topic.problem.required'),
          choices: d.sessions.map((s) => ({
            title: formatDayTime(locale, s.start, true),
            value: s.sessionId,
          })),
        }),
    input({
      type: 'Input.Text' as const,
      id: 'title',
      label: t(locale, 'topic.field.title'),
      value: v.title ?? '',
      maxLength: LIMITS.topicTitle.max,
      isRequired: true,
      errorMessage: t(locale, 'topic.problem.required'),
    }),
    ...problemsOf('title'),
    input({
      type: 'Input.ChoiceSet' as const,
      id: 'purpose',
      label: t(locale, 'topic.field.purpose'),
      value: v.purpose ?? '',
      style: 'compact' as const,
      isRequired: true,
      errorMessage: t(locale, 'topic.problem.required'),
      choices: PURPOSES.map((p) => ({ title: t(locale, `purpose.${p}`), value: p })),
    }),
    ...problemsOf('purpose'),
    input({
      type: 'Input.Text' as const,
      id: 'description',
      label: t(locale, 'topic.field.description'),
      value: v.description ?? '',
      isMultiline: true,
      maxLength: LIMITS.topicDescription.max,
    }),
    ...problemsOf('description'),
    input({
      type: 'Input.Text' as const,
      id: 'documents',
      label: t(locale, 'topic.field.documents'),
      value: v.documents ?? '',
      isMultiline: true,
      placeholder: 'https://…',
    }),
    ...problemsOf('documents'),
    input({
      type: 'Input.Text' as const,
      id: 'conflictsOfGoals',
      label: t(locale, 'topic.field.conflicts'),
      value: v.conflictsOfGoals ?? '',
      isMultiline: true,
      maxLength: LIMITS.conflictsOfGoals.max,
    }),
    ...problemsOf('conflictsOfGoals'),
  ];
  // An edit's submit names the item it edits (and its session): it can only change that item.
  const data = (submitLate: boolean): ButtonData<'topic.register'> => ({
    bodyId: d.body.id,
    submitLate,
    ...(d.editItemId && d.selected ? { itemId: d.editItemId, sessionId: d.selected } : {}),
  });
  const actions: CardAction[] = d.late
    ? [execute('topic.register', t(locale, 'topic.submitLate'), data(true))]
    : [execute('topic.register', t(locale, 'topic.submit'), data(false), 'positive')];
  return adaptiveCard(cardLang(locale), body, actions);
}

export type ItemView = {
  itemId: string;
  title: string;
  purpose: Purpose;
  officeName: string;
  description: string;
  documents: string[];
  conflictsOfGoals: string;
};

function itemFacts(locale: Locale, item: ItemView): CardElement {
  return {
    type: 'FactSet' as const,
    facts: [
      { title: t(locale, 'topic.field.purpose'), value: t(locale, `purpose.${item.purpose}`) },
      { title: t(locale, 'agenda.office'), value: item.officeName },
      ...(item.documents.length > 0
        ? [
            {
              title: t(locale, 'topic.field.documents'),
              value: item.documents.map((u) => plain(linkTarget(u))).join('\n'),
            },
          ]
        : []),
    ],
  };
}

/** Shown to the submitter after a successful registration. */
export function topicConfirmationCard(
  locale: Locale,
  item: ItemView,
  sessionStart: Date,
  status: 'registered' | 'lateRequested' | 'duplicate',
): AdaptiveCard {
  const key: Record<typeof status, MessageKey> = {
    registered: 'topic.done',
    lateRequested: 'topic.lateDone',
    duplicate: 'topic.duplicate',
  };
  return adaptiveCard(cardLang(locale), [
    paragraph(t(locale, key[status], { session: formatDayTime(locale, sessionStart, true) }), {
      weight: 'Bolder',
      color: status === 'registered' ? 'Good' : 'Default',
    }),
    paragraph(`**${plain(item.title)}**`),
    itemFacts(locale, item),
  ]);
}

/** Posted in the body's channel: a compact notice, or for a late topic the SPK's decision buttons. */
export function spkTopicCard(
  locale: Locale,
  d: { bodyId: string; sessionId: string; sessionStart: Date; item: ItemView; late: boolean },
): AdaptiveCard {
  const decide = (decision: 'accept' | 'decline'): CardData<'topic.late'> => ({
    bodyId: d.bodyId,
    sessionId: d.sessionId,
    itemId: d.item.itemId,
    decision,
  });
  return adaptiveCard(
    cardLang(locale),
    [
      paragraph(
        t(locale, d.late ? 'topic.spkLate' : 'topic.spkNotice', {
          office: d.item.officeName,
          session: formatDay(locale, d.sessionStart),
        }),
        { weight: 'Bolder' },
      ),
      paragraph(`${plain(d.item.title)} · ${t(locale, `purpose.${d.item.purpose}`)}`),
    ],
    d.late
      ? [
          execute('topic.late', t(locale, 'topic.accept'), decide('accept'), 'positive'),
          execute('topic.late', t(locale, 'topic.decline'), decide('decline'), 'destructive'),
        ]
      : undefined,
  );
}

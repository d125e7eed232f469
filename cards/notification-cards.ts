import { execute } from './actions.js';
import { type AdaptiveCard, adaptiveCard, type CardElement, heading, paragraph } from './adaptive-card.js';
import { type FollowUpLine, followUpLines } from './follow-up-cards.js';
import { formatDayTime, formatDeadline, formatTime } from './format.js';
import { cardLang, type Locale } from './locale.js';
import { type MessageKey, t } from './messages.js';
import { plain } from './plain.js';
import { joinButtons } from './session-cards.js';

/**
 * Cards the bot sends on its own initiative: the registration reminder, the invitation with the
 * agenda, the note to the SPK about people not reached. The Umlaufverfahren's are in ./umlauf-cards.ts.
 */

/** What every scheduled card may carry: a "late" line and the people it could not reach personally. */
export type DispatchNotes = {
  /** The instant it was due, when it goes out late (the bot was not running). */
  lateSince?: Date;
  /** Names of people without a personal chat with the bot (channel copy only). */
  unreachable?: string[];
};

/** The "late" line and the people not reached personally, under any scheduled card. */
export function dispatchNotes(locale: Locale, n: DispatchNotes): CardElement[] {
  const out: CardElement[] = [];
  if (n.lateSince) {
    out.push(
      paragraph(t(locale, 'dispatch.late', { due: formatDayTime(locale, n.lateSince) }), {
        size: 'Small',
        color: 'Warning',
      }),
    );
  }
  if (n.unreachable && n.unreachable.length > 0) {
    out.push(
      paragraph(t(locale, 'dispatch.unreachable', { names: n.unreachable.join(', ') }), {
        size: 'Small',
        isSubtle: true,
      }),
    );
  }
  return out;
}

export type ReminderCardData = DispatchNotes & {
  body: { id: string; name: string };
  sessionId: string;
  start: Date;
  place: string;
  registrationClosesAt: Date;
  /** Sent on the last day of registration. */
  deadlineToday: boolean;
  registrationOpen: boolean;
  topics: { number: number; title: string; officeName: string }[];
  /** Follow-ups due at this session: their offices report, or mark them done before. */
  followUps?: FollowUpLine[];
};

/** To the SPK, once: a protocol could not be filed in the group drive, and what to do. */
export function filingFailedCard(
  locale: Locale,
  d: { body: string; path: string; permission: boolean },
): AdaptiveCard {
  return adaptiveCard(cardLang(locale), [
    paragraph(t(locale, 'filing.failedTitle', { body: d.body }), { weight: 'Bolder', color: 'Attention' }),
    ...(d.path ? [paragraph(plain(d.path), { size: 'Small' })] : []),
    paragraph(t(locale, d.permission ? 'filing.permission' : 'filing.failed'), { size: 'Small' }),
  ]);
}

/** A session moved or cancelled: where it was, and where it is now (or that it does not take place). */
export function sessionChangedCard(
  locale: Locale,
  d: { body: string; from: Date; to?: Date; place: string } & DispatchNotes,
): AdaptiveCard {
  const from = formatDayTime(locale, d.from, true);
  return adaptiveCard(cardLang(locale), [
    heading(d.to ? t(locale, 'change.movedTitle') : t(locale, 'change.cancelledTitle')),
    paragraph(plain(d.body), { isSubtle: true }),
    paragraph(
      d.to
        ? t(locale, 'change.moved', { from, to: formatDayTime(locale, d.to, true) })
        : t(locale, 'change.cancelled', { from }),
      { weight: 'Bolder' },
    ),
    ...(d.to && d.place
      ? [paragraph(`${t(locale, 'change.place')}: ${plain(d.place)}`, { size: 'Small' })]
      : []),
    ...dispatchNotes(locale, d),
  ]);
}

/** Seven days before: "Anmeldeschluss heute, 23:59", the topics so far and "Thema anmelden". */
export function reminderCard(locale: Locale, d: ReminderCardData): AdaptiveCard {
  const deadline = d.deadlineToday
    ? t(locale, 'reminder.deadlineToday')
    : d.registrationOpen
      ? t(locale, 'reminder.deadline', { deadline: formatDeadline(locale, d.registrationClosesAt) })
      : t(locale, 'reminder.closed', { deadline: formatDeadline(locale, d.registrationClosesAt) });
  return adaptiveCard(
    cardLang(locale),
    [
      heading(t(locale, 'reminder.title', { session: formatDayTime(locale, d.start, true) })),
      paragraph(`${d.body.name}${d.place ? ` · ${plain(d.place)}` : ''}`, { isSubtle: true }),
      paragraph(deadline, { weight: 'Bolder', color: d.deadlineToday ? 'Attention' : 'Default' }),
      paragraph(t(locale, 'reminder.topics', { count: d.topics.length }), { size: 'Small' }),
      ...d.topics.map((i) =>
        paragraph(`TOP ${i.number}: ${plain(i.title)} · ${i.officeName}`, { size: 'Small' }),
      ),
      ...(d.followUps?.length
        ? [
            paragraph(t(locale, 'followUp.reminderTitle'), { weight: 'Bolder', size: 'Small' }),
            ...followUpLines(locale, d.followUps),
            paragraph(t(locale, 'followUp.reminderYours'), { size: 'Small', isSubtle: true }),
          ]
        : []),
      ...dispatchNotes(locale, d),
    ],
    d.registrationOpen
      ? [
          execute(
            'topic.form',
            t(locale, 'topic.title'),
            { bodyId: d.body.id, sessionId: d.sessionId },
            'positive',
          ),
        ]
      : undefined,
  );
}

/** Five days before: the invitation on top of the agenda card (date, time, place). */
export function invitationCard(
  locale: Locale,
  agenda: AdaptiveCard,
  d: DispatchNotes & {
    start: Date;
    end: Date;
    place: string;
    /** The session's Teams meeting ('' or absent: none). */
    joinUrl?: string;
    calendar?: { bodyId: string; sessionId: string };
  },
): AdaptiveCard {
  const head: CardElement[] = [
    paragraph(t(locale, 'invitation.title'), { weight: 'Bolder', color: 'Accent' }),
    {
      type: 'FactSet' as const,
      facts: [
        {
          title: t(locale, 'invitation.when'),
          value: `${formatDayTime(locale, d.start, true)}–${formatTime(d.end)}`,
        },
        { title: t(locale, 'invitation.where'), value: d.place || t(locale, 'invitation.placeOpen') },
      ],
    },
    ...dispatchNotes(locale, d),
  ];
  return {
    ...agenda,
    body: [...head, ...agenda.body],
    actions: [
      ...(agenda.actions ?? []),
      ...(d.calendar
        ? [
            execute('file.link', t(locale, 'invitation.calendar'), { kind: 'ics', ...d.calendar }),
            execute('file.link', t(locale, 'invitation.agendaDocx'), { kind: 'agenda.docx', ...d.calendar }),
          ]
        : []),
      ...joinButtons(locale, d.joinUrl ?? ''),
    ],
  };
}

// ---- Umlaufverfahren -----------------------------------------------------------------------

const ARGUMENT_PREVIEW = 280;

/** A long text cut for a card (the full text is in the files and the audit). */
export function shorten(text: string, max = ARGUMENT_PREVIEW): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** To the SPK alone, once per notification: who it could not reach personally. */
export function unreachableNoteCard(
  locale: Locale,
  d: { kind: string; body: string; names: readonly string[] },
): AdaptiveCard {
  const what = t(locale, `dispatch.kind.${d.kind}` as MessageKey);
  return adaptiveCard(cardLang(locale), [
    paragraph(t(locale, 'dispatch.spkNoteTitle', { what, body: d.body }), { weight: 'Bolder' }),
    paragraph(t(locale, 'dispatch.spkNote', { count: d.names.length, names: d.names.join(', ') }), {
      size: 'Small',
    }),
  ]);
}

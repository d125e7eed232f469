import { LIMITS } from '../src/domain/limits.js';
import { type ButtonData, execute } from './actions.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardAction,
  type CardElement,
  heading,
  paragraph,
} from './adaptive-card.js';
import { formatDay, formatDayTime, formatDeadline } from './format.js';
import { cardLang, type Locale } from './locale.js';
import { t } from './messages.js';

export type SessionView = {
  sessionId: string;
  start: Date;
  place: string;
  /** The session's Teams meeting ('' when none). */
  joinUrl: string;
  status: 'planned' | 'running' | 'ended' | 'cancelled';
  registrationClosesAt: Date;
  agendaDispatchAt: Date;
};

/** The button that opens a session's Teams meeting (none without a link). */
export function joinButtons(locale: Locale, joinUrl: string): CardAction[] {
  return joinUrl ? [{ type: 'Action.OpenUrl', title: t(locale, 'session.join'), url: joinUrl }] : [];
}

/** `sitzung anlegen`: date, start time, place or online link. */
export function sessionFormCard(
  locale: Locale,
  body: { id: string; name: string },
  defaults: { date: string; time: string; hasMeeting: boolean },
): AdaptiveCard {
  const inputs: CardElement[] = [
    {
      type: 'Input.Date' as const,
      id: 'date',
      label: t(locale, 'session.date'),
      value: defaults.date,
      isRequired: true,
      errorMessage: t(locale, 'session.date'),
    },
    {
      type: 'Input.Time' as const,
      id: 'time',
      label: t(locale, 'session.time'),
      value: defaults.time,
      isRequired: true,
      errorMessage: t(locale, 'session.time'),
    },
    {
      type: 'Input.Text' as const,
      id: 'place',
      label: t(locale, 'session.place'),
      maxLength: LIMITS.place.max,
      placeholder: t(locale, 'session.placeHint'),
    },
    // The body's standing Teams meeting, offered (and on) where the SPK set one.
    ...(defaults.hasMeeting
      ? [
          {
            type: 'Input.Toggle' as const,
            id: 'online',
            label: t(locale, 'session.online'),
            title: t(locale, 'session.online'),
            value: 'true',
            valueOn: 'true',
            valueOff: 'false',
          },
        ]
      : []),
  ];
  const data: ButtonData<'session.create'> = { bodyId: body.id };
  return adaptiveCard(
    cardLang(locale),
    [heading(t(locale, 'session.newTitle')), paragraph(body.name, { isSubtle: true }), ...inputs],
    [execute('session.create', t(locale, 'session.create'), data)],
  );
}

/** `sitzungen`: upcoming sessions with the registration deadline and the agenda dispatch. */
export function sessionsCard(
  locale: Locale,
  body: { id: string; name: string },
  sessions: SessionView[],
): AdaptiveCard {
  const items: CardElement[] =
    sessions.length === 0
      ? [paragraph(t(locale, 'sessions.none'), { isSubtle: true })]
      : sessions.map((s) => ({
          type: 'Container' as const,
          separator: true,
          items: [
            paragraph(
              `**${formatDayTime(locale, s.start, true)}**${s.status === 'running' ? ` · ${t(locale, 'sessions.running')}` : ''}`,
            ),
            {
              type: 'FactSet' as const,
              facts: [
                ...(s.place ? [{ title: t(locale, 'session.place'), value: s.place }] : []),
                {
                  title: t(locale, 'sessions.deadline'),
                  value: formatDeadline(locale, s.registrationClosesAt),
                },
                { title: t(locale, 'sessions.dispatch'), value: formatDay(locale, s.agendaDispatchAt) },
              ],
            },
            {
              type: 'ActionSet' as const,
              actions: [
                execute('topic.form', t(locale, 'topic.title'), { bodyId: body.id, sessionId: s.sessionId }),
                execute('file.link', t(locale, 'invitation.calendar'), {
                  kind: 'ics',
                  bodyId: body.id,
                  sessionId: s.sessionId,
                }),
                execute('file.link', t(locale, 'invitation.agendaDocx'), {
                  kind: 'agenda.docx',
                  bodyId: body.id,
                  sessionId: s.sessionId,
                }),
                ...joinButtons(locale, s.status === 'cancelled' ? '' : s.joinUrl),
              ],
            },
          ],
        }));
  return adaptiveCard(cardLang(locale), [
    heading(t(locale, 'sessions.title', { body: body.name })),
    ...items,
  ]);
}

/** `sitzungen planen`: the next dates of the cadence, one button each to create it. */
export function planCard(
  locale: Locale,
  body: { id: string; name: string },
  proposals: { date: string; time: string; start: Date }[],
): AdaptiveCard {
  const actions: CardAction[] = proposals.map((p) =>
    execute('session.create', `${t(locale, 'plan.create')}: ${formatDayTime(locale, p.start)}`, {
      bodyId: body.id,
      date: p.date,
      time: p.time,
      place: '',
    }),
  );
  return adaptiveCard(
    cardLang(locale),
    [
      heading(t(locale, 'plan.title')),
      paragraph(t(locale, proposals.length === 0 ? 'plan.none' : 'plan.text', { body: body.name })),
    ],
    actions,
  );
}

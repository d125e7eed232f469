import { LIMITS } from '../src/domain/limits.js';
import type { CardData } from './actions.js';
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
  status: 'planned' | 'running' | 'ended' | 'cancelled';
  registrationClosesAt: Date;
  agendaDispatchAt: Date;
};

/** `sitzung anlegen`: date, start time, place or online link. */
export function sessionFormCard(
  locale: Locale,
  body: { id: string; name: string },
  defaults: { date: string; time: string },
): AdaptiveCard {
  const inputs = [
    {
      type: 'Input.Date',
      id: 'date',
      label: t(locale, 'session.date'),
      value: defaults.date,
      isRequired: true,
      errorMessage: t(locale, 'session.date'),
    },
    {
      type: 'Input.Time',
      id: 'time',
      label: t(locale, 'session.time'),
      value: defaults.time,
      isRequired: true,
      errorMessage: t(locale, 'session.time'),
    },
    {
      type: 'Input.Text',
      id: 'place',
      label: t(locale, 'session.place'),
      maxLength: LIMITS.place.max,
      placeholder: t(locale, 'session.placeHint'),
    },
  ] as unknown as CardElement[];
  const data: Partial<CardData<'session.create'>> = { bodyId: body.id };
  return adaptiveCard(
    cardLang(locale),
    [heading(t(locale, 'session.newTitle')), paragraph(body.name, { isSubtle: true }), ...inputs],
    [{ type: 'Action.Execute', title: t(locale, 'session.create'), verb: 'session.create', data }],
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
          type: 'Container',
          separator: true,
          items: [
            paragraph(
              `**${formatDayTime(locale, s.start, true)}**${s.status === 'running' ? ` · ${t(locale, 'sessions.running')}` : ''}`,
            ),
            {
              type: 'FactSet',
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
              type: 'ActionSet',
              actions: [
                {
                  type: 'Action.Execute',
                  title: t(locale, 'topic.title'),
                  verb: 'topic.form',
                  data: { bodyId: body.id, sessionId: s.sessionId } satisfies CardData<'topic.form'>,
                },
                {
                  type: 'Action.Execute',
                  title: t(locale, 'invitation.calendar'),
                  verb: 'file.link',
                  data: {
                    kind: 'ics',
                    bodyId: body.id,
                    sessionId: s.sessionId,
                  } satisfies CardData<'file.link'>,
                },
                {
                  type: 'Action.Execute',
                  title: t(locale, 'invitation.agendaDocx'),
                  verb: 'file.link',
                  data: {
                    kind: 'agenda.docx',
                    bodyId: body.id,
                    sessionId: s.sessionId,
                  } satisfies CardData<'file.link'>,
                },
              ],
            } as unknown as CardElement,
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
  const actions: CardAction[] = proposals.map((p) => ({
    type: 'Action.Execute',
    title: `${t(locale, 'plan.create')}: ${formatDayTime(locale, p.start)}`,
    verb: 'session.create',
    data: { bodyId: body.id, date: p.date, time: p.time, place: '' } satisfies CardData<'session.create'>,
  }));
  return adaptiveCard(
    cardLang(locale),
    [
      heading(t(locale, 'plan.title')),
      paragraph(t(locale, proposals.length === 0 ? 'plan.none' : 'plan.text', { body: body.name })),
    ],
    actions,
  );
}

import { execute } from './actions.js';
import { type AdaptiveCard, adaptiveCard, type CardElement, heading, paragraph } from './adaptive-card.js';
import { FOLLOW_UPS_ON_A_CARD, type FollowUpLine, followUpSection } from './follow-up-cards.js';
import { formatDayTime, formatDeadline } from './format.js';
import { cardLang, type Locale } from './locale.js';
import { t } from './messages.js';
import { linkTarget, plain } from './plain.js';
import type { ItemView } from './topic-cards.js';

export type AgendaCardData = {
  body: { id: string; name: string };
  sessionId: string;
  start: Date;
  place: string;
  registrationClosesAt: Date;
  registrationOpen: boolean;
  items: (ItemView & { number: number; marking: 'Beschluss' | 'Erörterung'; voted?: boolean })[];
  pendingLate: number;
  /** The late topics awaiting the SPK's decision (shown with their buttons in the SPK's view). */
  lateTopics?: { itemId: string; title: string; officeName: string }[];
  /** Follow-ups due at this session (Wiedervorlagen), after the items. */
  followUps?: FollowUpLine[];
};

/** `tagesordnung`: the items in order with office, purpose and marking, and the deadline state. */
export function agendaCard(
  locale: Locale,
  d: AgendaCardData,
  /** `spk`: the SPK's view — late topics with their decisions, and the way to edit the agenda. */
  options: { withdraw?: boolean; spk?: boolean } = {},
): AdaptiveCard {
  const withdraw = options.withdraw ?? true;
  const late = options.spk ? (d.lateTopics ?? []) : [];
  const rows: CardElement[] =
    d.items.length === 0
      ? [paragraph(t(locale, 'agenda.empty'), { isSubtle: true })]
      : d.items.map((i) => ({
          type: 'Container' as const,
          separator: true,
          items: [
            paragraph(`**TOP ${i.number}: ${plain(i.title)}**`),
            paragraph(agendaLine(locale, i), { size: 'Small', isSubtle: true }),
            ...(i.documents.length > 0
              ? [
                  paragraph(
                    i.documents
                      .map((u, n) => `[${t(locale, 'agenda.document', { n: n + 1 })}](${linkTarget(u)})`)
                      .join('  \n'),
                    { size: 'Small' },
                  ),
                ]
              : []),
            ...(withdraw && !i.voted
              ? [
                  {
                    type: 'ActionSet' as const,
                    actions: [
                      execute('topic.withdraw', t(locale, 'agenda.withdraw'), {
                        bodyId: d.body.id,
                        sessionId: d.sessionId,
                        itemId: i.itemId,
                      }),
                    ],
                  },
                ]
              : []),
          ],
        }));
  // As many follow-ups as keep the card within its budget (a long agenda leaves less room; the
  // rest are named by count, and the Word agenda and `wiedervorlagen` list them all).
  const build = (max: number) => buildAgendaCard(locale, d, options, rows, late, max);
  let max = FOLLOW_UPS_ON_A_CARD;
  let card = build(max);
  while (max > 0 && Buffer.byteLength(JSON.stringify(card), 'utf8') > AGENDA_CARD_BUDGET) card = build(--max);
  return card;
}

/** Bytes an agenda card may take (Teams allows about 28 KB per message, with its envelope). */
export const AGENDA_CARD_BUDGET = 19_500;

function buildAgendaCard(
  locale: Locale,
  d: AgendaCardData,
  options: { withdraw?: boolean; spk?: boolean },
  rows: CardElement[],
  late: NonNullable<AgendaCardData['lateTopics']>,
  followUpsShown: number,
): AdaptiveCard {
  return adaptiveCard(
    cardLang(locale),
    [
      heading(t(locale, 'agenda.title', { session: formatDayTime(locale, d.start, true) })),
      paragraph(`${d.body.name}${d.place ? ` · ${plain(d.place)}` : ''}`, { isSubtle: true }),
      paragraph(
        d.registrationOpen
          ? t(locale, 'agenda.open', { deadline: formatDeadline(locale, d.registrationClosesAt) })
          : t(locale, 'agenda.closed', { deadline: formatDeadline(locale, d.registrationClosesAt) }),
        { size: 'Small' },
      ),
      ...rows,
      ...followUpSection(locale, d.followUps ?? [], followUpsShown),
      ...(d.pendingLate > 0
        ? [
            paragraph(t(locale, 'agenda.pendingLate', { count: d.pendingLate }), {
              size: 'Small',
              color: 'Warning',
            }),
          ]
        : []),
      ...late.map(
        (l): CardElement => ({
          type: 'Container',
          separator: true,
          items: [
            paragraph(`${plain(l.title)} · ${plain(l.officeName)}`, { size: 'Small' }),
            {
              type: 'ActionSet',
              actions: [
                execute(
                  'topic.late',
                  t(locale, 'topic.accept'),
                  { bodyId: d.body.id, sessionId: d.sessionId, itemId: l.itemId, decision: 'accept' },
                  'positive',
                ),
                execute(
                  'topic.late',
                  t(locale, 'topic.decline'),
                  { bodyId: d.body.id, sessionId: d.sessionId, itemId: l.itemId, decision: 'decline' },
                  'destructive',
                ),
              ],
            },
          ],
        }),
      ),
    ],
    [
      execute('topic.form', t(locale, 'topic.title'), { bodyId: d.body.id, sessionId: d.sessionId }),
      ...(options.spk
        ? [
            execute('agenda.manage', t(locale, 'agenda.manage'), {
              bodyId: d.body.id,
              sessionId: d.sessionId,
            }),
          ]
        : []),
    ],
  );
}

/** "Beschluss · Jugendamt" or "Erörterung · Information · Jugendamt": the purpose only where it adds to the marking. */
function agendaLine(locale: Locale, i: ItemView & { marking: 'Beschluss' | 'Erörterung' }): string {
  const marking = i.marking === 'Beschluss' ? t(locale, 'agenda.decision') : t(locale, 'agenda.discussion');
  const purpose =
    i.purpose === 'decision' || i.purpose === 'discussion' ? [] : [t(locale, `purpose.${i.purpose}`)];
  return [marking, ...purpose, i.officeName].join(' · ');
}

/** The SPK's view of an agenda: a position per item (one save for the new order) and an edit button each. */
export function manageAgendaCard(
  locale: Locale,
  d: Omit<AgendaCardData, 'pendingLate' | 'registrationOpen'>,
): AdaptiveCard {
  const rows: CardElement[] = d.items.map((i) => ({
    type: 'ColumnSet' as const,
    columns: [
      {
        type: 'Column' as const,
        width: '60px',
        items: [
          {
            type: 'Input.Number' as const,
            id: `pos_${i.itemId}`,
            value: i.number,
            min: 1,
            max: 999,
            label: 'TOP',
          },
        ],
      },
      {
        type: 'Column' as const,
        width: 'stretch',
        items: [
          paragraph(`**${plain(i.title)}**`),
          paragraph(agendaLine(locale, i), { size: 'Small', isSubtle: true }),
        ],
      },
      {
        type: 'Column' as const,
        width: 'auto',
        items: [
          {
            type: 'ActionSet' as const,
            actions: [
              execute('topic.edit', t(locale, 'agenda.edit'), {
                bodyId: d.body.id,
                sessionId: d.sessionId,
                itemId: i.itemId,
              }),
            ],
          },
        ],
      },
    ],
  }));
  return adaptiveCard(
    cardLang(locale),
    [
      heading(t(locale, 'agenda.manageTitle', { session: formatDayTime(locale, d.start, true) })),
      paragraph(t(locale, 'agenda.manageText'), { size: 'Small' }),
      ...rows,
    ],
    d.items.length > 0
      ? [
          execute('agenda.reorder', t(locale, 'agenda.saveOrder'), {
            bodyId: d.body.id,
            sessionId: d.sessionId,
          }),
        ]
      : undefined,
  );
}

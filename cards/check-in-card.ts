import { execute } from './actions.js';
import { type AdaptiveCard, adaptiveCard, type CardElement, heading, paragraph } from './adaptive-card.js';
import { formatDayTime } from './format.js';
import { cardLang, type Locale } from './locale.js';
import { t } from './messages.js';
import { plain } from './plain.js';

export type QuorumView = { presentVoting: number; needed: number; votingMembers: number; quorate: boolean };

/** `sitzung starten`: the session, its agenda, the live quorum and the "Anwesend" button. */
export function checkInCard(
  locale: Locale,
  d: {
    bodyId: string;
    sessionId: string;
    bodyName: string;
    start: Date;
    place: string;
    agenda: { number: number; title: string; marking: 'Beschluss' | 'Erörterung' }[];
    quorum: QuorumView;
    present: string[];
    advisory: string[];
  },
): AdaptiveCard {
  return adaptiveCard(
    cardLang(locale),
    [
      heading(t(locale, 'run.title', { session: formatDayTime(locale, d.start, true) })),
      paragraph(`${plain(d.bodyName)}${d.place ? ` · ${plain(d.place)}` : ''}`, { isSubtle: true }),
      ...d.agenda.map((i) =>
        paragraph(
          `TOP ${i.number}: ${plain(i.title)} (${i.marking === 'Beschluss' ? t(locale, 'agenda.decision') : t(locale, 'agenda.discussion')})`,
          { size: 'Small', spacing: 'None' },
        ),
      ),
      quorumLine(locale, d.quorum),
      paragraph(
        `${t(locale, 'run.present')}: ${d.present.length > 0 ? d.present.map(plain).join(', ') : '–'}`,
        {
          size: 'Small',
        },
      ),
      ...(d.advisory.length > 0
        ? [
            paragraph(`${t(locale, 'run.advisory')}: ${d.advisory.map(plain).join(', ')}`, {
              size: 'Small',
              isSubtle: true,
            }),
          ]
        : []),
    ],
    [
      execute(
        'session.checkIn',
        t(locale, 'run.checkIn'),
        { bodyId: d.bodyId, sessionId: d.sessionId },
        'positive',
      ),
    ],
  );
}

export function quorumLine(locale: Locale, q: QuorumView): CardElement {
  return {
    type: 'Container' as const,
    style: q.quorate ? 'good' : 'attention',
    items: [
      paragraph(
        t(locale, q.quorate ? 'run.quorate' : 'run.notQuorate', {
          present: q.presentVoting,
          needed: q.needed,
          members: q.votingMembers,
        }),
        {
          weight: 'Bolder',
        },
      ),
    ],
  };
}

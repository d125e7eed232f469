import { JOIN_URL_MAX } from '../src/domain/meeting-link.js';
import { execute } from './actions.js';
import { type AdaptiveCard, adaptiveCard, heading, paragraph } from './adaptive-card.js';
import { quorumLine } from './check-in-card.js';
import { formatDate } from './format.js';
import { cardLang, type Locale } from './locale.js';
import { t } from './messages.js';

/** The quorum as the check-in card shows it. */
export type QuorumView = {
  readonly votingMembers: number;
  readonly presentVoting: number;
  readonly needed: number;
  readonly quorate: boolean;
};

/** `sitzung verbinden` answered: which session this meeting belongs to now. */
export function meetingLinkedCard(
  locale: Locale,
  view: { bodyName: string; date: string; again: boolean },
): AdaptiveCard {
  return adaptiveCard(cardLang(locale), [
    paragraph(
      t(locale, view.again ? 'meeting.linkedAgain' : 'meeting.linked', {
        body: view.bodyName,
        date: formatDate(locale, view.date),
      }),
      { weight: 'Bolder' },
    ),
    paragraph(t(locale, 'meeting.linkedHint'), { size: 'Small' }),
  ]);
}

/**
 * When the meeting starts: for the SPK, in one line, what is still open — the offices not checked
 * in and the quorum — or that the session has not been started yet.
 */
export function meetingStartCard(
  locale: Locale,
  view: {
    bodyName: string;
    date: string;
    running: boolean;
    missing: readonly string[];
    quorum: QuorumView;
  },
): AdaptiveCard {
  return adaptiveCard(cardLang(locale), [
    paragraph(t(locale, 'meeting.started', { body: view.bodyName, date: formatDate(locale, view.date) }), {
      weight: 'Bolder',
    }),
    view.running
      ? paragraph(
          view.missing.length > 0
            ? t(locale, 'meeting.missing', { offices: view.missing.join(', '), count: view.missing.length })
            : t(locale, 'meeting.allIn'),
        )
      : paragraph(t(locale, 'meeting.notStarted')),
    ...(view.running ? [quorumLine(locale, view.quorum)] : []),
    paragraph(t(locale, 'meeting.noAutomaticAttendance'), { size: 'Small' }),
  ]);
}

/** When the meeting ends with the session still running: end it, and which votes are open. */
export function meetingEndCard(
  locale: Locale,
  view: { bodyId: string; sessionId: string; bodyName: string; date: string; openVotes: readonly string[] },
): AdaptiveCard {
  return adaptiveCard(
    cardLang(locale),
    [
      paragraph(t(locale, 'meeting.ended', { body: view.bodyName, date: formatDate(locale, view.date) }), {
        weight: 'Bolder',
      }),
      paragraph(
        view.openVotes.length > 0
          ? t(locale, 'meeting.openVotes', { votes: view.openVotes.join(', '), count: view.openVotes.length })
          : t(locale, 'meeting.noOpenVotes'),
      ),
    ],
    [
      {
        type: 'Action.Execute',
        title: t(locale, 'meeting.endSession'),
        verb: 'session.end',
        data: { bodyId: view.bodyId, sessionId: view.sessionId },
      },
    ],
  );
}

/** For the SPK, in the meeting chat: offices whose representative left the call (nothing recorded). */
export function meetingDeparturesCard(locale: Locale, offices: readonly string[]): AdaptiveCard {
  return adaptiveCard(cardLang(locale), [
    paragraph(t(locale, 'meeting.departures', { offices: offices.join(', '), example: offices[0] ?? '' })),
  ]);
}

/**
 * `besprechungslink` (SPK): the body's standing Teams meeting — whether a link is set (with a
 * button to try it), a field for a new one, and removing it. The buttons carry the link the card
 * shows as in force, so a card older than another change is refused.
 */
export function meetingSeriesCard(
  locale: Locale,
  view: { bodyId: string; bodyName: string; joinUrl: string },
): AdaptiveCard {
  const shown = { bodyId: view.bodyId, shown: view.joinUrl };
  return adaptiveCard(
    cardLang(locale),
    [
      heading(t(locale, 'series.title', { body: view.bodyName })),
      paragraph(t(locale, view.joinUrl ? 'series.set' : 'series.none'), { wrap: true }),
      paragraph(t(locale, 'series.keep'), { size: 'Small', isSubtle: true }),
      {
        type: 'Input.Text',
        id: 'joinUrl',
        label: t(locale, 'series.input'),
        placeholder: 'https://teams.microsoft.com/l/meetup-join/…',
        maxLength: JOIN_URL_MAX,
      },
    ],
    [
      execute('meeting.series', t(locale, 'series.save'), shown, 'positive'),
      ...(view.joinUrl
        ? [
            { type: 'Action.OpenUrl' as const, title: t(locale, 'series.open'), url: view.joinUrl },
            execute(
              'meeting.series',
              t(locale, 'series.remove'),
              { ...shown, remove: 'true' },
              'destructive',
            ),
          ]
        : []),
    ],
  );
}

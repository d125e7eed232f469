import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import type { Locale } from '../../cards/locale.js';
import { type MessageKey, textOf } from '../../cards/messages.js';
import { noticeCard } from '../../cards/notice-card.js';

/**
 * The one table that turns a use case's refusal reason into what the user reads. It is typed:
 * `refusalCard` takes only a reason listed here, so a new reason without a text does not
 * compile, and no reason falls back to another action's message. Texts here are phrased for
 * any action; an action whose wording must differ passes its own key to `notice`.
 */
export const REFUSALS = {
  notSecretariat: 'refused.notSecretariat',
  noBody: 'refused.noBody',
  unknownBody: 'refused.badCard',
  unknownSession: 'refused.unknownSession',
  unknownItem: 'topic.unknownItem',
  notAllowed: 'topic.notAllowed',
  notMember: 'refused.notMember',
  pendingMember: 'topic.pendingMember',
  sessionStarted: 'topic.sessionStarted',
  sessionClosed: 'topic.sessionStarted',
  sessionNotRunning: 'run.notRunning',
  invalidDate: 'session.invalidDate',
  invalidTime: 'session.invalidTime',
  pastDate: 'session.pastDate',
  placeTooLong: 'session.placeTooLong',
  placeText: 'session.placeText',
  slotExhausted: 'session.slotExhausted',
  otherRunning: 'run.otherRunningShort',
  unknownRequest: 'request.unknown',
  memberOfOtherOffice: 'join.otherOffice',
  unknownOffice: 'join.unknownOffice',
  notAChannel: 'link.notChannel',
  otherOffice: 'topic.otherOffice',
  notStartable: 'run.notStartable',
  itemVoted: 'topic.itemVoted',
  notToday: 'run.noSessionToday',
  unknownVote: 'vote.unknown',
  unknownUmlauf: 'umlauf.unknown',
  voteClosed: 'vote.closed',
  voteAnnulled: 'vote.annulled',
  notDecisionItem: 'vote.notDecision',
  notPresent: 'vote.notPresent',
  argumentTooLong: 'vote.argumentTooLong',
  argumentText: 'vote.argumentText',
  deadlinePassed: 'umlauf.deadlinePassed',
  objectionNotAllowed: 'umlauf.objectionNotAllowedRefused',
  officeOnTeams: 'record.officeOnTeams',
  writtenNotAllowed: 'record.writtenNotAllowed',
  notFound: 'session.notFound',
  notPlanned: 'session.notPlanned',
  targetTaken: 'session.targetTaken',
  tooFar: 'session.usageMove',
} as const satisfies Record<string, MessageKey>;

export type RefusalReason = keyof typeof REFUSALS;

/** What a refused card action says, kept apart so the clicked card is never replaced by it. */
const refusalTexts = new WeakMap<AdaptiveCard, string>();

/** The short message of a refusal card, for an Action.Execute answer that leaves the card as it is. */
export function refusalMessage(card: AdaptiveCard): string | undefined {
  return refusalTexts.get(card);
}

/** Marks a card as a refusal (or an error) whose text is `text`. */
export function asRefusal(card: AdaptiveCard, text: string): AdaptiveCard {
  refusalTexts.set(card, text);
  return card;
}

export function refusalCard(
  locale: Locale,
  reason: RefusalReason,
  params: Record<string, string | number> = {},
): AdaptiveCard {
  return notice(locale, REFUSALS[reason], params, true);
}

/** A short answer card: information, or (warn) a refusal the user can act on. */
export function notice(
  locale: Locale,
  text: MessageKey,
  params: Record<string, string | number> = {},
  warn = false,
): AdaptiveCard {
  const card = noticeCard({
    locale,
    tone: warn ? 'warning' : 'info',
    title: warn ? 'error.generic.title' : 'bot.name',
    text,
    params,
  });
  return warn ? asRefusal(card, textOf(locale, text, params)) : card;
}

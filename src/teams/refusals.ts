import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import type { Locale } from '../../cards/locale.js';
import type { MessageKey } from '../../cards/messages.js';
import { noticeCard } from '../../cards/notice-card.js';

/**
 * The one place that turns a use case's refusal reason into what the user reads. Reasons
 * come from the use cases' result unions; an unexpected one (e.g. a forged body id) gets the
 * generic "invalid card data" answer.
 */
const MESSAGES: Readonly<Record<string, MessageKey>> = {
  notSecretariat: 'refused.notSecretariat',
  unknownItem: 'topic.unknownItem',
  notAllowed: 'topic.notAllowed',
  notMember: 'topic.notMember',
  pendingMember: 'topic.pendingMember',
  sessionStarted: 'topic.sessionStarted',
  sessionClosed: 'topic.sessionStarted',
  invalidDate: 'session.invalidDate',
  invalidTime: 'session.invalidTime',
  pastDate: 'session.pastDate',
  placeTooLong: 'session.placeTooLong',
  placeText: 'session.placeText',
  unknownRequest: 'request.unknown',
  memberOfOtherOffice: 'join.otherOffice',
  otherOffice: 'topic.otherOffice',
  unknownOffice: 'join.unknownOffice',
  notAChannel: 'link.notChannel',
  noBody: 'refused.noBody',
};

export function refusalCard(
  locale: Locale,
  reason: string,
  params: Record<string, string> = {},
): AdaptiveCard {
  return noticeCard({
    locale,
    tone: 'warning',
    title: 'error.generic.title',
    text: MESSAGES[reason] ?? 'refused.badCard',
    params,
  });
}

/** A short answer card: information, or (warn) a refusal the user can act on. */
export function notice(
  locale: Locale,
  text: MessageKey,
  params: Record<string, string | number> = {},
  warn = false,
): AdaptiveCard {
  return noticeCard({
    locale,
    tone: warn ? 'warning' : 'info',
    title: warn ? 'error.generic.title' : 'bot.name',
    text,
    params,
  });
}

import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import type { Locale } from '../../../cards/locale.js';
import { type MessageKey, t } from '../../../cards/messages.js';
import { notice } from '../refusals.js';

/** The words for a ballot the SPK recorded (session vote or Umlauf): done, advisory, or unchanged. */
export function recordedKey(result: {
  kind: 'recorded' | 'unchanged' | 'recordedAndClosed';
  ballot: { capacity: 'vote' | 'advisory' };
}): MessageKey {
  if (result.kind === 'unchanged') return 'record.unchanged';
  return result.ballot.capacity === 'advisory' ? 'record.advisoryDone' : 'record.done';
}

/** A recording command's answer (a new post): what was recorded, and the counts now. */
export function recordedNotice(
  locale: Locale,
  key: MessageKey,
  params: { office: string; choice: string },
  countsLine?: string,
): AdaptiveCard {
  const card = notice(locale, key, params);
  if (countsLine)
    card.body.push({ type: 'TextBlock', text: countsLine, wrap: true, size: 'Small', isSubtle: true });
  return card;
}

/** The label of a choice, as the ballot buttons say it. */
export const choiceLabel = (locale: Locale, choice: 'yes' | 'no' | 'abstain' | 'object') =>
  t(locale, choice === 'object' ? 'umlauf.object' : (`vote.${choice}` as MessageKey));

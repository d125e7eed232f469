import type { Activity } from '@microsoft/teams.api';
import { MessageActivityInput } from '@microsoft/teams.api';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import type { Locale } from '../../cards/locale.js';
import { textOf } from '../../cards/messages.js';
import { noticeCard } from '../../cards/notice-card.js';
import { isAppError } from '../ports/errors.js';
import type { Logger } from '../ports/logger.js';
import type { OutgoingCard } from '../ports/messenger.js';
import { asRefusal } from './refusals.js';

/**
 * Our card as the SDK types it: the one place the two types meet. Our type is a checked subset of
 * the 1.5 schema (every card the bot sends is validated against it in tests); the SDK's is the
 * full schema with its own element classes.
 */
export function sdkCard(card: AdaptiveCard | OutgoingCard): IAdaptiveCard {
  return card as unknown as IAdaptiveCard;
}

/** Wraps one of our plain-JSON cards into an outgoing message activity. */
export function messageWithCard(card: AdaptiveCard): MessageActivityInput {
  return new MessageActivityInput().addCard('adaptive', sdkCard(card));
}

/** The Action.Execute answer that replaces the clicked card with this one. */
export function cardResponse(card: AdaptiveCard) {
  return {
    statusCode: 200,
    type: 'application/vnd.microsoft.card.adaptive',
    value: sdkCard(card),
  } as const;
}

/** The Action.Execute answer that shows a short text instead of replacing the card. */
export function cardActionMessage(text: string) {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } as const;
}

/**
 * The one place that maps an error to what the user sees: storage outages get
 * "not saved, try again"; anything unknown is logged with context and answered
 * with a generic apology.
 */
export function errorCard(locale: Locale, error: unknown, logger: Logger, activity: Activity): AdaptiveCard {
  if (isAppError(error) && error.code === 'STORAGE_OUTCOME_UNKNOWN') {
    logger.error('storage outcome unknown', { activityId: activity.id, details: error.details });
    return asRefusal(
      noticeCard({ locale, tone: 'error', title: 'error.unknown.title', text: 'error.unknown.text' }),
      `${textOf(locale, 'error.unknown.title')}: ${textOf(locale, 'error.unknown.text')}`,
    );
  }
  if (isAppError(error) && error.code === 'STORAGE_UNAVAILABLE') {
    logger.warn('storage unavailable', { activityId: activity.id, details: error.details });
    return asRefusal(
      noticeCard({ locale, tone: 'error', title: 'error.storage.title', text: 'error.storage.text' }),
      `${textOf(locale, 'error.storage.title')}: ${textOf(locale, 'error.storage.text')}`,
    );
  }
  logger.error('unexpected error', { activityId: activity.id, type: activity.type, error });
  return asRefusal(
    noticeCard({ locale, tone: 'error', title: 'error.generic.title', text: 'error.generic.text' }),
    `${textOf(locale, 'error.generic.title')}: ${textOf(locale, 'error.generic.text')}`,
  );
}

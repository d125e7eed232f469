import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import type { Locale } from '../../cards/locale.js';
import { rememberLiveCard } from '../app/session-run/live-cards.js';
import type { GremienStore } from '../ports/gremien-store.js';
import type { Ctx } from './handlers/context.js';

/**
 * Live cards: the check-in card and the vote cards of a session are posted once and then
 * redrawn on every change of attendance or ballots, wherever they were posted (the SPK may
 * post the check-in card twice). A command marks the card it answers with as live; the
 * message handler records where it was posted, once Teams has given it an id.
 */
export type LiveCard = { readonly bodyId: string; readonly sessionId: string; readonly card: string };

const marks = new WeakMap<AdaptiveCard, LiveCard>();

/** Marks a card as the session's live `card` (`checkIn` or `vote|<voteId>`). */
export function markLive(card: AdaptiveCard, live: LiveCard): AdaptiveCard {
  marks.set(card, live);
  return card;
}

/** After a post: records where a live card went. A failure is logged; the card was still posted. */
export async function rememberIfLive(
  deps: { readonly store: GremienStore },
  ctx: Ctx,
  card: AdaptiveCard,
  activityId: string | undefined,
  locale: Locale,
  now: Date,
): Promise<void> {
  const live = marks.get(card);
  if (!live || !activityId) return;
  try {
    await rememberLiveCard(deps, live.bodyId, live.sessionId, {
      card: live.card,
      conversationId: ctx.activity.conversation.id,
      activityId,
      locale,
      postedAt: now.toISOString(),
    });
  } catch (e) {
    ctx.log.warn('could not record a live card', e instanceof Error ? e.message : e);
  }
}

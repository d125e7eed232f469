import type { Activity } from '@microsoft/teams.api';
import type { IActivityContext } from '@microsoft/teams.apps';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import type { Locale } from '../../cards/locale.js';
import { rememberLiveCard } from '../app/session-run/live-cards.js';
import type { GremienStore } from '../ports/gremien-store.js';
import { DEFAULT_SEND_TIMEOUT_MS, withDeadline } from '../ports/messenger.js';
import { messageWithCard } from './replies.js';

type Ctx = IActivityContext<Activity>;

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

/**
 * Redraws one posted message, without holding up the answer, and coalesced per message: while
 * one redraw runs (and for REFRESH_SPACING_MS after it), further requests collapse into one
 * trailing redraw that draws the latest state. Teams throttles edits of one message, and 25
 * ballots in a second need one redraw, not 25. `draw` reads the state when it runs; undefined
 * leaves the message as it is. A failure is logged.
 */
const REFRESH_SPACING_MS = 1000;
type Job = { ctx: Ctx; draw: () => Promise<AdaptiveCard | undefined> };
const refreshing = new Map<string, { next?: Job }>();

export function redrawLater(
  ctx: Ctx,
  conversationId: string,
  messageId: string,
  draw: () => Promise<AdaptiveCard | undefined>,
): void {
  const key = `${conversationId}|${messageId}`;
  const state = refreshing.get(key);
  if (state) {
    state.next = { ctx, draw };
    return;
  }
  refreshing.set(key, {});
  void (async () => {
    let job: Job | undefined = { ctx, draw };
    while (job) {
      try {
        const card = await job.draw();
        if (card) await updateMessage(job.ctx, conversationId, messageId, card);
      } catch (e) {
        job.ctx.log.warn('card refresh failed', e instanceof Error ? e.message : e);
      }
      await new Promise((resolve) => setTimeout(resolve, REFRESH_SPACING_MS));
      const current = refreshing.get(key);
      job = current?.next;
      if (current) current.next = undefined;
    }
    refreshing.delete(key);
  })();
}

/** Replaces a posted message's card for everyone (the invoke response covers only the clicker). */
export async function updateMessage(
  ctx: Ctx,
  conversationId: string,
  messageId: string,
  card: AdaptiveCard,
): Promise<void> {
  try {
    await withDeadline(
      ctx.api.conversations.activities(conversationId).update(messageId, messageWithCard(card)),
      DEFAULT_SEND_TIMEOUT_MS,
      'card refresh',
    );
  } catch (e) {
    ctx.log.warn('could not refresh the shared card', e instanceof Error ? e.message : e);
  }
}

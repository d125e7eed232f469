import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { DEFAULT_SEND_TIMEOUT_MS, withDeadline } from '../ports/messenger.js';
import type { Ctx } from './handlers/context.js';
import { messageWithCard } from './replies.js';

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

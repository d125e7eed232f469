import type { Clock } from '../../ports/clock.js';
import type { ConversationStore, StoredConversation } from '../../ports/conversation-store.js';

/** A conversation as an incoming activity shows it: the stored reference, before it is dated. */
export type ConversationSeen = Omit<StoredConversation, 'updatedAt'> & {
  /** For a channel: the channel's own conversation id (the activity may come from a thread in it). */
  readonly channelConversationId?: string;
};

/**
 * Keeps the conversation reference the bot needs to post on its own later
 * (reminders, agenda, protocol). Idempotent: the same conversation is one row,
 * refreshed with the latest service URL.
 */
export async function recordConversation(
  deps: { conversations: ConversationStore; clock: Clock },
  seen: ConversationSeen,
): Promise<StoredConversation> {
  const { channelConversationId, ...reference } = seen;
  const row: StoredConversation = { ...reference, updatedAt: deps.clock.now().toISOString() };
  await deps.conversations.save(row);
  // Heard in a reply thread of a channel: keep the channel itself too, where new posts
  // (reminders, agenda) go.
  if (channelConversationId && channelConversationId !== row.conversationId) {
    await deps.conversations.save({ ...row, conversationId: channelConversationId });
  }
  return row;
}

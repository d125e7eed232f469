import type { Clock } from '../ports/clock.js';
import type { ConversationKind, ConversationStore, StoredConversation } from '../ports/conversation-store.js';

export type ConversationSeen = {
  readonly tenantId: string;
  readonly conversationId: string;
  readonly kind: ConversationKind;
  readonly serviceUrl: string;
  readonly botId: string;
  readonly channelId: string;
  readonly teamId?: string;
  readonly userAadObjectId?: string;
  readonly locale?: string;
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
  const row: StoredConversation = { ...seen, updatedAt: deps.clock.now().toISOString() };
  await deps.conversations.save(row);
  // A reply thread in a channel ("<channel>;messageid=<id>") also tells where the channel
  // itself is reached: new posts (reminders, agenda) go to the channel, not into the thread.
  const thread = row.kind === 'channel' ? row.conversationId.indexOf(';messageid=') : -1;
  if (thread > 0)
    await deps.conversations.save({ ...row, conversationId: row.conversationId.slice(0, thread) });
  return row;
}

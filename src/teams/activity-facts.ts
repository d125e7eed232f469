import type { Activity } from '@microsoft/teams.api';
import type { ConversationSeen } from '../app/membership/record-conversation.js';
import type { ConversationKind } from '../ports/conversation-store.js';

/**
 * What the platform tells us about who acts and where. Identity is read from the
 * activity envelope Teams signs (`from.aadObjectId`, tenant), never from card data.
 */
export type ActivityFacts = {
  readonly tenantId: string | undefined;
  readonly aadObjectId: string | undefined;
  readonly conversationId: string;
  readonly kind: ConversationKind;
  readonly locale: string | undefined;
};

export function activityFacts(activity: Activity): ActivityFacts {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  const tenantId = activity.conversation?.tenantId ?? channelData?.tenant?.id;
  return {
    tenantId: tenantId || undefined,
    aadObjectId: activity.from?.aadObjectId || undefined,
    conversationId: activity.conversation.id,
    kind: conversationKind(activity.conversation.conversationType),
    locale: activity.locale || undefined,
  };
}

function conversationKind(type: string | undefined): ConversationKind {
  if (type === 'channel') return 'channel';
  if (type === 'groupChat') return 'groupChat';
  return 'personal';
}

/** The conversation reference to keep, from any incoming activity. */
export function conversationSeen(activity: Activity, tenantId: string): ConversationSeen {
  const facts = activityFacts(activity);
  const channelData = activity.channelData as
    | { team?: { id?: string }; channel?: { id?: string } }
    | undefined;
  const teamId = channelData?.team?.id;
  const channel = facts.kind === 'channel' ? channelData?.channel?.id : undefined;
  return {
    tenantId,
    conversationId: facts.conversationId,
    kind: facts.kind,
    serviceUrl: activity.serviceUrl ?? '',
    botId: activity.recipient.id,
    channelId: activity.channelId,
    ...(teamId ? { teamId } : {}),
    ...(facts.kind === 'personal' && facts.aadObjectId ? { userAadObjectId: facts.aadObjectId } : {}),
    ...(facts.locale ? { locale: facts.locale } : {}),
    ...(channel ? { channelConversationId: channel } : {}),
  };
}

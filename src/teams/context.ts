import type { Activity } from '@microsoft/teams.api';
import type { IActivityContext } from '@microsoft/teams.apps';
import { bodyOfChannel } from '../app/shared/body-of.js';
import type { Person } from '../app/shared/secretariat.js';
import type { Body } from '../domain/body.js';
import type { GremienStore } from '../ports/gremien-store.js';
import { activityFacts } from './activity-facts.js';

/** The acting person as the platform reports them; the UPN/e-mail is fetched from the roster only if needed. */
export function personOf(ctx: IActivityContext<Activity>): Person {
  const { from, conversation } = ctx.activity;
  let cached: Promise<readonly string[]> | undefined;
  return {
    aadObjectId: from.aadObjectId ?? '',
    displayName: from.name ?? '',
    teamsUserId: from.id,
    principalNames: () => {
      cached ??= ctx.api.conversations
        .members(conversation.id)
        .getById(from.id)
        .then((m) =>
          [m.userPrincipalName, m.email].filter((s): s is string => typeof s === 'string' && s !== ''),
        )
        .catch(() => []);
      return cached;
    },
  };
}

/** The team channel an activity comes from (without a thread's `;messageid=`), if any. */
export function channelIdOf(activity: Activity): string | undefined {
  if (activity.conversation.conversationType !== 'channel') return undefined;
  const channelData = activity.channelData as { channel?: { id?: string } } | undefined;
  return channelData?.channel?.id ?? activity.conversation.id.split(';')[0];
}

/** The body whose home channel this is, if the conversation is a linked channel. */
export async function bodyOfConversation(
  deps: { readonly store: GremienStore; readonly bodies: ReadonlyMap<string, Body> },
  activity: Activity,
): Promise<Body | undefined> {
  const channelId = channelIdOf(activity);
  const { tenantId } = activityFacts(activity);
  if (!channelId || !tenantId) return undefined;
  return bodyOfChannel(deps, tenantId, channelId);
}

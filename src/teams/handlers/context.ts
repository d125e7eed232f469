import type { Activity } from '@microsoft/teams.api';
import type { IActivityContext } from '@microsoft/teams.apps';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import type { Locale } from '../../../cards/locale.js';
import type { MessageKey } from '../../../cards/messages.js';
import { todaysSession } from '../../app/session-run/todays-session.js';
import { bodiesOfPerson, bodyOfChannel } from '../../app/shared/body-of.js';
import type { MembershipDeps } from '../../app/shared/deps.js';
import type { Person } from '../../app/shared/secretariat.js';
import type { Body } from '../../domain/body.js';
import type { GremienStore, SessionSnapshot } from '../../ports/gremien-store.js';
import { activityFacts } from '../activity-facts.js';
import { notice, REFUSALS, type RefusalReason, refusalCard } from '../refusals.js';

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

export type Ctx = IActivityContext<Activity>;

/** Where a session's run needs other words than the general table (src/teams/refusals.ts). */
export const RUN_REFUSALS: Partial<Record<RefusalReason, MessageKey>> = {
  notDecisionItem: 'vote.notDecision',
  unknownItem: 'vote.unknownItem',
  voteClosed: 'vote.closed',
  unknownVote: 'vote.unknown',
  notPresent: 'vote.notPresent',
  otherOffice: 'vote.otherOffice',
  argumentTooLong: 'vote.argumentTooLong',
  argumentText: 'vote.argumentText',
  sessionNotRunning: 'run.notRunning',
};

export const refused = (
  locale: Locale,
  reason: RefusalReason,
  params: Record<string, string | number> = {},
) => notice(locale, RUN_REFUSALS[reason] ?? REFUSALS[reason], params, true);

/** The channel's body and today's session, or the card that says why there is none. */
export async function channelSession(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  missing: MessageKey,
): Promise<{ body: Body; session: SessionSnapshot } | AdaptiveCard> {
  const body = await bodyOfConversation(deps, ctx.activity);
  if (!body) return refusalCard(locale, 'noBody');
  const session = await todaysSession(deps, body);
  return session ? { body, session } : notice(locale, missing, {}, true);
}

/** The channel's body; in a personal chat, the first body the person is an approved member of. */
export async function bodyOfChatOrChannel(deps: MembershipDeps, ctx: Ctx): Promise<Body | undefined> {
  const body = await bodyOfConversation(deps, ctx.activity);
  if (body) return body;
  return (await bodiesOfPerson(deps, ctx.activity.from.aadObjectId ?? ''))[0];
}

/** An office named in a command: its id, or a unique part of its name (case-insensitive). */
export function resolveOffice(body: Body, text: string): string | undefined {
  const needle = text.trim().toLocaleLowerCase('de');
  const exact = body.offices.find((o) => o.id === needle || o.name.toLocaleLowerCase('de') === needle);
  if (exact) return exact.id;
  const matches = body.offices.filter(
    (o) => o.name.toLocaleLowerCase('de').includes(needle) || o.id.includes(needle),
  );
  return matches.length === 1 ? matches[0]?.id : undefined;
}

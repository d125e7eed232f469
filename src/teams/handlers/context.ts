import type { Activity } from '@microsoft/teams.api';
import type { IActivityContext } from '@microsoft/teams.apps';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import type { Locale } from '../../../cards/locale.js';
import type { MessageKey } from '../../../cards/messages.js';
import { currentSession } from '../../app/session-run/todays-session.js';
import { bodiesOfPerson, bodyOfChannel } from '../../app/shared/body-of.js';
import type { MembershipDeps } from '../../app/shared/deps.js';
import type { Person } from '../../app/shared/secretariat.js';
import { isSpk } from '../../app/shared/secretariat.js';
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

/** The body whose home channel this is (a linked channel), or whose session this meeting chat belongs to. */
export async function bodyOfConversation(
  deps: { readonly store: GremienStore; readonly bodies: ReadonlyMap<string, Body> },
  activity: Activity,
): Promise<Body | undefined> {
  const channelId = channelIdOf(activity);
  const { tenantId } = activityFacts(activity);
  if (!tenantId) return undefined;
  if (channelId) return bodyOfChannel(deps, tenantId, channelId);
  // The chat of a Teams meeting linked to a session (`sitzung verbinden`): the session's body.
  const meetingId = (activity.channelData as { meeting?: { id?: unknown } } | undefined)?.meeting?.id;
  if (typeof meetingId !== 'string' || meetingId.length < 8 || meetingId.length > 1000) return undefined;
  const link = await deps.store.meetingLink(tenantId, meetingId);
  return link ? deps.bodies.get(link.value.bodyId) : undefined;
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
): Promise<{ body: Body; session: SessionSnapshot; overdue: boolean } | AdaptiveCard> {
  const body = await bodyOfConversation(deps, ctx.activity);
  if (!body) return refusalCard(locale, 'noBody');
  // `overdue`: still running although its day has passed (`sessionToRun` in the rules core).
  const { snapshot, overdue } = await currentSession(deps, body);
  return snapshot ? { body, session: snapshot, overdue } : notice(locale, missing, {}, true);
}

/** The channel's body; in a personal chat, the first body the person is an approved member of. */
export async function bodyOfChatOrChannel(deps: MembershipDeps, ctx: Ctx): Promise<Body | undefined> {
  const body = await bodyOfConversation(deps, ctx.activity);
  if (body) return body;
  return (await bodiesOfPerson(deps, ctx.activity.from.aadObjectId ?? '', personOf(ctx)))[0];
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

/**
 * Who acts, and in which activity: from the platform (`from.aadObjectId`), never from card data.
 * Every use case that records an act takes these three.
 */
export function actingPerson(ctx: Ctx): { actorAadObjectId: string; actor: Person; activityId: string } {
  return {
    actorAadObjectId: ctx.activity.from.aadObjectId ?? '',
    actor: personOf(ctx),
    activityId: ctx.activity.id,
  };
}

/**
 * For an SPK command about an office in today's running session: the body, the session and the
 * office, or the card that says what is missing. With `spkOnly`, a person outside the SPK is
 * refused before the office is looked at.
 */
export async function sessionAndOffice(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  officeText: string,
  spkOnly = false,
): Promise<{ body: Body; session: SessionSnapshot; officeId: string } | AdaptiveCard> {
  const context = await channelSession(deps, ctx, locale, 'run.notRunning');
  if ('type' in context) return context;
  const { body, session } = context;
  if (spkOnly && !(await isSpk(deps, body, personOf(ctx)))) return refusalCard(locale, 'notSecretariat');
  const officeId = resolveOffice(body, officeText);
  if (!officeId) return unknownOffice(locale, officeText);
  return { body, session, officeId };
}

/** The answer to a command that names an office the body does not have. */
export function unknownOffice(locale: Locale, officeText: string): AdaptiveCard {
  return notice(locale, 'attendance.unknownOffice', { office: officeText.slice(0, 60) }, true);
}

/**
 * The body of an SPK command — the linked channel's, or with `chatOrChannel` also the person's
 * body in a personal chat — or the refusal: no body here, or the person is not in its SPK.
 */
export async function spkBody(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  where: 'channel' | 'chatOrChannel' = 'channel',
): Promise<Body | AdaptiveCard> {
  const body =
    where === 'channel' ? await bodyOfConversation(deps, ctx.activity) : await bodyOfChatOrChannel(deps, ctx);
  if (!body) return refusalCard(locale, 'noBody');
  if (!(await isSpk(deps, body, personOf(ctx)))) return refusalCard(locale, 'notSecretariat');
  return body;
}

/** Whether a handler's context lookup gave a refusal card instead of what it looked for. */
export const isCard = (v: object): v is AdaptiveCard =>
  'type' in v && (v as { type: unknown }).type === 'AdaptiveCard';

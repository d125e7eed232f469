import type { z } from 'zod';
import type { CardActions } from '../../../cards/actions.js';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import type { Locale } from '../../../cards/locale.js';
import {
  bodyChoiceCard,
  membershipRequestCard,
  officeChoiceCard,
  rosterCard,
} from '../../../cards/membership-cards.js';
import { type MessageKey, t } from '../../../cards/messages.js';
import { decideMembership } from '../../app/membership/decide-membership.js';
import { linkChannel } from '../../app/membership/link-channel.js';
import { requestMembership } from '../../app/membership/request-membership.js';
import { roster } from '../../app/membership/roster.js';
import { homeChannelOf } from '../../app/shared/body-of.js';
import type { MembershipDeps } from '../../app/shared/deps.js';
import { officeById } from '../../domain/body.js';
import { activityFacts } from '../activity-facts.js';
import { notice } from '../refusals.js';
import { messageWithCard } from '../replies.js';
import type { Ctx } from './context.js';
import { bodyOfConversation, channelIdOf, personOf } from './context.js';

const info = (locale: Locale, text: MessageKey, params: Record<string, string> = {}) =>
  notice(locale, text, params);
const refusal = (locale: Locale, text: MessageKey, params: Record<string, string> = {}) =>
  notice(locale, text, params, true);

/** `gremium verbinden`: only in a team channel; the SPK check happens when a body is chosen. */
export function linkBodyCommand(deps: MembershipDeps, ctx: Ctx, locale: Locale): AdaptiveCard {
  if (!channelIdOf(ctx.activity)) return refusal(locale, 'link.notChannel');
  return bodyChoiceCard(
    locale,
    [...deps.bodies.values()].map((b) => ({ id: b.id, name: b.name })),
  );
}

/** `mitglied werden`: the offices of the channel's body, or of every body in a chat. */
export async function joinCommand(deps: MembershipDeps, ctx: Ctx, locale: Locale): Promise<AdaptiveCard> {
  const home = await bodyOfConversation(deps, ctx.activity);
  const bodies = home ? [home] : [...deps.bodies.values()];
  return officeChoiceCard(
    locale,
    bodies.map((b) => ({
      bodyId: b.id,
      bodyName: b.name,
      offices: b.offices.map((o) => ({ id: o.id, name: o.name })),
    })),
  );
}

/** `mitglieder`: the roster of the channel's body. */
export async function membersCommand(deps: MembershipDeps, ctx: Ctx, locale: Locale): Promise<AdaptiveCard> {
  const body = await bodyOfConversation(deps, ctx.activity);
  if (!body) return refusal(locale, 'refused.noBody');
  return rosterCard(locale, body, await roster(deps, body));
}

export async function linkBodyAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['body.link']>,
): Promise<AdaptiveCard> {
  const result = await linkChannel(deps, {
    tenantId: activityFacts(ctx.activity).tenantId ?? '',
    channelId: channelIdOf(ctx.activity),
    bodyId: data.bodyId,
    actor: personOf(ctx),
    activityId: ctx.activity.id,
  });
  switch (result.kind) {
    case 'linked':
      return info(locale, 'link.done', { body: result.body.name });
    case 'alreadyLinked':
      return info(locale, 'link.already', { body: result.body.name });
    case 'refused':
      if (result.reason === 'notSecretariat') return refusal(locale, 'refused.notSecretariat');
      if (result.reason === 'notAChannel') return refusal(locale, 'link.notChannel');
      if (result.reason === 'channelTaken') {
        return refusal(locale, 'link.taken', {
          other: deps.bodies.get(result.otherBody ?? '')?.name ?? result.otherBody ?? '',
        });
      }
      return refusal(locale, 'refused.badCard');
  }
}

export async function requestMembershipAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['member.request']>,
): Promise<AdaptiveCard> {
  const person = personOf(ctx);
  const result = await requestMembership(deps, { ...data.choice, person, activityId: ctx.activity.id });
  if (result.kind === 'refused') {
    if (result.reason === 'memberOfOtherOffice') return refusal(locale, 'join.otherOffice');
    return refusal(locale, result.reason === 'unknownOffice' ? 'join.unknownOffice' : 'refused.badCard');
  }
  const params = {
    office: officeById(result.body, result.row.officeId)?.name ?? result.row.officeId,
    body: result.body.name,
  };
  if (result.kind === 'alreadyMember') return info(locale, 'join.already', params);
  if (result.kind === 'alreadyPending') return info(locale, 'join.pending', params);
  const home = await homeChannelOf(deps, result.body.id);
  if (!home) return info(locale, 'join.requested', params);
  await ctx.api.conversations.activities(home).create(
    messageWithCard(
      membershipRequestCard(locale, {
        bodyId: result.body.id,
        bodyName: result.body.name,
        officeId: result.row.officeId,
        officeName: params.office,
        personName: person.displayName,
        memberAadObjectId: person.aadObjectId,
        requestedAt: result.row.since,
      }),
    ),
  );
  return info(locale, 'join.requested', params);
}

export async function decideMembershipAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['member.decide']>,
): Promise<AdaptiveCard> {
  const result = await decideMembership(deps, {
    bodyId: data.bodyId,
    memberAadObjectId: data.memberAadObjectId,
    shown: { officeId: data.officeId ?? '', requestedAt: data.requestedAt ?? '' },
    approve: data.decision === 'approve',
    actor: personOf(ctx),
    activityId: ctx.activity.id,
  });
  if (result.kind === 'refused') {
    if (result.reason === 'notSecretariat') return refusal(locale, 'refused.notSecretariat');
    if (result.reason === 'staleRequest') return refusal(locale, 'request.stale');
    return refusal(locale, result.reason === 'unknownRequest' ? 'request.unknown' : 'refused.badCard');
  }
  const params = {
    person: result.row.displayName,
    office: officeById(result.body, result.row.officeId)?.name ?? result.row.officeId,
    role: t(locale, result.row.role === 'deputy' ? 'role.deputy' : 'role.representative'),
  };
  if (result.kind === 'alreadyApproved') return info(locale, 'request.alreadyApproved', params);
  return info(locale, result.kind === 'approved' ? 'request.approved' : 'request.declined', params);
}

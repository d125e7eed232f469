import type { z } from 'zod';
import type { CardActions } from '../../../cards/actions.js';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import type { Locale } from '../../../cards/locale.js';
import {
  bodyChoiceCard,
  leaveCard,
  membershipRequestCard,
  officeChoiceCard,
  rosterCard,
} from '../../../cards/membership-cards.js';
import { type MessageKey, t } from '../../../cards/messages.js';
import { changeMembership, type MembershipChange } from '../../app/membership/change-membership.js';
import { decideMembership } from '../../app/membership/decide-membership.js';
import { linkChannel } from '../../app/membership/link-channel.js';
import { requestMembership } from '../../app/membership/request-membership.js';
import { pendingRequests, roster } from '../../app/membership/roster.js';
import { bodiesOfPerson, homeChannelOf, officeOfMember } from '../../app/shared/body-of.js';
import type { MembershipDeps } from '../../app/shared/deps.js';
import { isSpk } from '../../app/shared/secretariat.js';
import { type Body, officeById } from '../../domain/body.js';
import { activityFacts } from '../activity-facts.js';
import { notice } from '../refusals.js';
import { messageWithCard } from '../replies.js';
import type { Ctx } from './context.js';
import { actingPerson, bodyOfChatOrChannel, bodyOfConversation, channelIdOf, personOf } from './context.js';

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

/**
 * `mitglieder`: the roster of the channel's body (in a personal chat, the person's body). The
 * SPK's copy carries the decisions on pending requests and the forms to remove or move a person.
 */
export async function membersCommand(deps: MembershipDeps, ctx: Ctx, locale: Locale): Promise<AdaptiveCard> {
  const body = await bodyOfChatOrChannel(deps, ctx);
  if (!body) return refusal(locale, 'refused.noBody');
  return rosterFor(deps, ctx, locale, body);
}

async function rosterFor(deps: MembershipDeps, ctx: Ctx, locale: Locale, body: Body): Promise<AdaptiveCard> {
  return rosterCard(locale, body, await roster(deps, body), await isSpk(deps, body, personOf(ctx)));
}

const MEMBER_REFUSALS = {
  unknownBody: 'refused.badCard',
  notSecretariat: 'refused.notSecretariat',
  notMember: 'member.notMember',
  staleRequest: 'member.staleCard',
  unknownOffice: 'join.unknownOffice',
  noOffice: 'roster.pickOffice',
  sameOffice: 'member.sameOffice',
} as const satisfies Record<string, MessageKey>;

/** The SPK removes a person or moves them to another office (roster forms); a person leaves. */
export async function changeMembershipAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  bodyId: string,
  change: MembershipChange,
): Promise<AdaptiveCard> {
  const result = await changeMembership(deps, { bodyId, change, ...actingPerson(ctx) });
  if (result.kind === 'refused')
    return refusal(
      locale,
      change.kind === 'leave' && result.reason === 'notMember'
        ? 'leave.notMember'
        : MEMBER_REFUSALS[result.reason],
    );
  const office = (id: string) => officeById(result.body, id)?.name ?? id;
  const lines = [
    result.kind === 'left'
      ? t(locale, 'member.left', { body: result.body.name })
      : result.kind === 'removed'
        ? t(locale, 'member.removed', { person: result.row.displayName, office: office(result.fromOfficeId) })
        : t(locale, 'member.moved', {
            person: result.row.displayName,
            office: office(result.row.officeId),
            role: t(locale, result.row.role === 'deputy' ? 'role.deputy' : 'role.representative'),
          }),
    ...(result.promoted
      ? [t(locale, 'member.promoted', { person: result.promoted.name, office: office(result.fromOfficeId) })]
      : []),
  ];
  if (result.kind === 'left') return info(locale, 'member.left', { body: result.body.name });
  const card = await rosterFor(deps, ctx, locale, result.body);
  card.body.unshift(
    ...lines.map((text) => ({
      type: 'TextBlock' as const,
      // t() escapes the names it fills in: the line is not escaped again.
      text,
      wrap: true,
      weight: 'Bolder' as const,
      color: 'Good' as const,
    })),
  );
  return card;
}

/** `austreten`: the person's bodies, each with the button to leave it. */
export async function leaveCommand(deps: MembershipDeps, ctx: Ctx, locale: Locale): Promise<AdaptiveCard> {
  const person = personOf(ctx);
  const home = await bodyOfConversation(deps, ctx.activity);
  const bodies = (await bodiesOfPerson(deps, person.aadObjectId)).filter((b) => !home || b.id === home.id);
  const memberships = await Promise.all(
    bodies.map(async (b) => {
      const officeId = (await officeOfMember(deps, b.id, person.aadObjectId)) ?? '';
      return { bodyId: b.id, bodyName: b.name, officeName: officeById(b, officeId)?.name ?? officeId };
    }),
  );
  return leaveCard(locale, memberships);
}

/** `<aadObjectId>|<officeId>` as the roster form showed the person. */
export function shownPerson(value: string): { memberAadObjectId: string; shownOfficeId: string } {
  const cut = value.lastIndexOf('|');
  return { memberAadObjectId: value.slice(0, Math.max(0, cut)), shownOfficeId: value.slice(cut + 1) };
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
    teamGroupId:
      (ctx.activity.channelData as { team?: { aadGroupId?: string } } | undefined)?.team?.aadGroupId ?? '',
    bodyId: data.bodyId,
    actor: personOf(ctx),
    activityId: ctx.activity.id,
  });
  switch (result.kind) {
    case 'linked': {
      // Requests made before the channel was linked reach the SPK now, each with its card.
      const pending = await pendingRequests(deps, result.body);
      const home = await homeChannelOf(deps, result.body.id);
      if (home) {
        // The link is stored: a card that cannot be posted now must not turn the answer into an
        // error (the SPK still finds every request under "mitglieder").
        for (const p of pending) {
          await ctx.api.conversations
            .activities(home)
            .create(
              messageWithCard(
                membershipRequestCard(locale, {
                  bodyId: result.body.id,
                  bodyName: result.body.name,
                  officeId: p.officeId,
                  officeName: officeById(result.body, p.officeId)?.name ?? p.officeId,
                  personName: p.name,
                  memberAadObjectId: p.aadObjectId,
                  requestedAt: p.since,
                }),
              ),
            )
            .catch((e: unknown) =>
              ctx.log.warn('pending request card not posted', e instanceof Error ? e.message : e),
            );
        }
      }
      return info(locale, 'link.done', { body: result.body.name });
    }
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
  if (!home) {
    // No channel yet: the SPK finds the request under "mitglieder", and gets its card on linking.
    const card = info(locale, 'join.requested', params);
    card.body.push({ type: 'TextBlock', text: t(locale, 'join.noChannel'), wrap: true, size: 'Small' });
    return card;
  }
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

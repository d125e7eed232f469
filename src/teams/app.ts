import { randomUUID } from 'node:crypto';
import type { Activity, InvokeResponse } from '@microsoft/teams.api';
import { App, ExpressAdapter } from '@microsoft/teams.apps';
import type { Application } from 'express';
import { isVerb } from '../../cards/actions.js';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { localeFrom } from '../../cards/locale.js';
import { noticeCard } from '../../cards/notice-card.js';
import { welcomeCard } from '../../cards/welcome-card.js';
import { recordConversation } from '../app/membership/record-conversation.js';
import { activityFacts, conversationSeen } from './activity-facts.js';
import { type ActionAnswer, runAction } from './card-actions.js';
import { helpEntries, matchCommand } from './commands/table.js';
import type { BotDeps } from './handlers/deps.js';
import { helpReply } from './handlers/help.js';
import { onMeetingEnd, onMeetingStart, onParticipants } from './handlers/meetings.js';
import { rememberIfLive } from './live-cards.js';
import { notice, refusalMessage } from './refusals.js';
import { cardActionMessage, cardResponse, errorCard, messageWithCard } from './replies.js';
import { sdkLogger } from './sdk-logger.js';

/**
 * The answer to a card action: a new card replaces the clicked one; a refusal or an error is a
 * short message and the clicked card stays as it is — the SPK's live card is never lost to it.
 */
function answer(reply: ActionAnswer) {
  if ('message' in reply) return cardActionMessage(reply.message);
  const refusal = refusalMessage(reply);
  return refusal !== undefined ? cardActionMessage(refusal) : cardResponse(reply);
}

/**
 * Wires the Teams SDK to the bot: middleware (activity ids, tenant allow-list, conversation
 * references) and two routes — typed commands through the command table (./commands/table.ts),
 * card buttons through the action table (./card-actions.ts). Handlers decide no rule of procedure.
 */
export function createBot(deps: BotDeps, web: Application): App {
  const { config, logger } = deps;
  const auth = config.auth;
  const app = new App({
    httpServerAdapter: new ExpressAdapter(web, {
      logger: sdkLogger(logger, 'sdk/http', config.logLevel),
    }),
    logger: sdkLogger(logger, 'sdk', config.logLevel),
    activity: { mentions: { stripText: true } },
    telemetry: { agent365: false },
    // Every call to the Bot Connector is bounded (the scheduler's sends also by a deadline).
    client: { timeout: config.scheduler.sendTimeoutMs },
    ...(auth.mode === 'bot-framework'
      ? {
          clientId: auth.clientId,
          tenantId: auth.tenantId,
          ...(auth.clientSecret ? { clientSecret: auth.clientSecret } : {}),
          ...(auth.managedIdentityClientId ? { managedIdentityClientId: auth.managedIdentityClientId } : {}),
          dangerouslyAllowUnauthenticatedRequests: false,
        }
      : { dangerouslyAllowUnauthenticatedRequests: true }),
  });

  const allowedTenants = new Set(config.allowedTenantIds.map((id) => id.toLowerCase()));
  const known = new Set<string>();

  // 0. Some activities (custom ones, some events) come without an id; the use cases key audit
  // rows and re-deliveries by it, so such an activity gets one of its own.
  app.use(async (ctx) => {
    if (!ctx.activity.id) (ctx.activity as { id: string }).id = `noid-${randomUUID()}`;
    return ctx.next();
  });

  // 1. Tenant allow-list: anything else is dropped before any handler runs.
  app.use(async (ctx) => {
    const { tenantId } = activityFacts(ctx.activity);
    if (!tenantId || !allowedTenants.has(tenantId.toLowerCase())) {
      logger.warn('ignored activity from a tenant that is not allowed', {
        tenantId: tenantId ?? null,
        type: ctx.activity.type,
        activityId: ctx.activity.id,
      });
      return ctx.activity.type === 'invoke' ? { status: 403 } : undefined;
    }
    return ctx.next();
  });

  // 2. The bodies as stored now: a version amended on another instance applies to this turn.
  app.use(async (ctx) => {
    try {
      await deps.registry?.refresh();
    } catch (e) {
      logger.warn('could not read the bodies; the last known versions apply', { error: e });
    }
    return ctx.next();
  });

  // 3. Keep a reference to every conversation the bot is spoken to in (once per process).
  app.use(async (ctx) => {
    const { tenantId, conversationId } = activityFacts(ctx.activity);
    const key = `${tenantId}|${conversationId}`;
    if (tenantId && !known.has(key) && ctx.activity.serviceUrl) {
      try {
        await recordConversation(deps, conversationSeen(ctx.activity, tenantId));
        known.add(key);
      } catch (e) {
        logger.error('could not store conversation reference', { conversationId, error: e });
      }
    }
    return ctx.next();
  });

  app.on('install.add', async (ctx) => {
    const { tenantId, kind, locale } = activityFacts(ctx.activity);
    if (!tenantId) return;
    await recordConversation(deps, conversationSeen(ctx.activity, tenantId));
    known.add(`${tenantId}|${ctx.activity.conversation.id}`);
    await ctx.send(messageWithCard(welcomeCard({ locale: localeFrom(locale), conversationKind: kind })));
  });

  app.on('message', async (ctx) => {
    const locale = localeFrom(ctx.activity.locale);
    const matched = matchCommand(ctx.activity.text);
    let cards: readonly AdaptiveCard[];
    try {
      const reply = matched.run
        ? await matched.run({ deps, ctx, locale })
        : noticeCard({
            locale,
            tone: 'info',
            title: 'unknown.title',
            text: 'unknown.text',
            params: { text: String(matched.command.text ?? '').slice(0, 60) },
          });
      cards = Array.isArray(reply) ? reply : [reply as AdaptiveCard];
    } catch (e) {
      cards = [errorCard(locale, e, logger, ctx.activity)];
    }
    const [first = await helpReply(deps, ctx, locale, helpEntries()), ...more] = cards;
    const sent = await ctx.send(messageWithCard(first));
    await rememberIfLive(deps, ctx, first, sent.id, locale, deps.clock.now());
    for (const extra of more) await ctx.send(messageWithCard(extra));
  });

  app.on('card.action', async (ctx): Promise<InvokeResponse<'adaptiveCard/action'>['body']> => {
    const locale = localeFrom(ctx.activity.locale);
    const action = ctx.activity.value?.action;
    const verb = action?.verb;
    if (!isVerb(verb)) {
      logger.warn('unknown card action', { verb: String(verb).slice(0, 40), activityId: ctx.activity.id });
      return answer(notice(locale, 'refused.badCard', {}, true));
    }
    try {
      // Card data is untrusted input: every verb has its schema; who acts comes from the activity.
      const result = runAction(verb, deps, ctx, locale, action?.data);
      if ('issue' in result) {
        logger.warn('card data rejected', { verb, activityId: ctx.activity.id, issue: result.issue });
        return answer(notice(locale, 'refused.badCard', {}, true));
      }
      return answer(await result);
    } catch (e) {
      return answer(errorCard(locale, e, logger, ctx.activity));
    }
  });

  // The session inside its Teams meeting (#28): start and end, each taken once. An event is never
  // answered; a failure is logged, and an unreadable or unlinked one is ignored.
  app.on('meetingStart', async (ctx) => {
    try {
      await onMeetingStart(deps, ctx, localeFrom(ctx.activity.locale));
    } catch (e) {
      logger.error('could not handle a meeting start', { error: e, activityId: ctx.activity.id });
    }
  });
  app.on('meetingEnd', async (ctx) => {
    try {
      await onMeetingEnd(deps, ctx, localeFrom(ctx.activity.locale));
    } catch (e) {
      logger.error('could not handle a meeting end', { error: e, activityId: ctx.activity.id });
    }
  });

  app.on('meetingParticipantJoin', async (ctx) => {
    try {
      await onParticipants(deps, ctx, localeFrom(ctx.activity.locale), 'join');
    } catch (e) {
      logger.error('could not handle a meeting participant join', { error: e, activityId: ctx.activity.id });
    }
  });
  app.on('meetingParticipantLeave', async (ctx) => {
    try {
      await onParticipants(deps, ctx, localeFrom(ctx.activity.locale), 'leave');
    } catch (e) {
      logger.error('could not handle a meeting participant leave', { error: e, activityId: ctx.activity.id });
    }
  });

  app.event('error', ({ error, activity }: { error: Error; activity?: Activity }) => {
    logger.error('unhandled error in a Teams handler', {
      error,
      activityId: activity?.id,
      type: activity?.type,
    });
  });

  return app;
}

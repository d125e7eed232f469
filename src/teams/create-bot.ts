import { randomUUID } from 'node:crypto';
import type { Activity, InvokeResponse } from '@microsoft/teams.api';
import { App, ExpressAdapter, type IActivityContext } from '@microsoft/teams.apps';
import type { Application } from 'express';
import { CardActions, isVerb } from '../../cards/actions.js';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { helpCard } from '../../cards/help-card.js';
import { type Locale, localeFrom } from '../../cards/locale.js';
import { textOf } from '../../cards/messages.js';
import { noticeCard } from '../../cards/notice-card.js';
import { welcomeCard } from '../../cards/welcome-card.js';
import { parseCommand } from '../app/commands.js';
import type { FileLinks } from '../app/files/file-links.js';
import { recordConversation } from '../app/membership/record-conversation.js';
import type { MembershipDeps } from '../app/shared/deps.js';
import type { Config } from '../config.js';
import { rulesSummary } from '../domain/body.js';
import type { Clock } from '../ports/clock.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { Logger } from '../ports/logger.js';
import type { NotificationPlanner } from '../ports/notification-planner.js';
import { activityFacts, conversationSeen } from './activity-facts.js';
import { fileLinkAction } from './file-handlers.js';
import { rememberIfLive } from './live-cards.js';
import {
  decideMembershipAction,
  joinCommand,
  linkBodyAction,
  linkBodyCommand,
  membersCommand,
  requestMembershipAction,
} from './membership-handlers.js';
import {
  auditCommand,
  correctProtocolCommand,
  endSessionCommand,
  protocolCommand,
  saveProtocolAction,
} from './protocol-handlers.js';
import { notice, refusalMessage } from './refusals.js';
import { cardActionMessage, cardResponse, errorCard, messageWithCard } from './replies.js';
import {
  bodyOfChatOrChannel,
  castVoteAction,
  checkInAction,
  closeVoteCommand,
  grantVoteCommand,
  markAttendanceCommand,
  openVoteCommand,
  recordBallotAction,
  recordBallotCommand,
  startSessionCommand,
  tallyCommand,
  voteViewAction,
} from './run-handlers.js';
import { sdkLogger } from './sdk-logger.js';
import {
  changeSessionCommand,
  createSessionAction,
  newSessionCommand,
  planSessionsCommand,
  sessionsCommand,
} from './session-handlers.js';
import {
  agendaCommand,
  editTopicAction,
  lateTopicAction,
  manageAgendaAction,
  registerTopicAction,
  registerTopicCommand,
  reorderAgendaAction,
  topicFormAction,
  withdrawTopicAction,
} from './topic-handlers.js';
import {
  castUmlaufAction,
  openUmlaufAction,
  recordUmlaufAction,
  recordUmlaufCommand,
  umlaufCommand,
} from './umlauf-handlers.js';

export type BotDeps = MembershipDeps & {
  readonly planner: NotificationPlanner;
  /** Signed download links; absent when no signing key is configured. */
  readonly files?: FileLinks;
  readonly config: Config;
  readonly conversations: ConversationStore;
  readonly clock: Clock;
  readonly logger: Logger;
};

/**
 * Wires the Teams SDK to the use cases. Handlers here parse input, call one use case
 * and render a card; they decide no rule of procedure.
 */
/**
 * The answer to a card action: a new card replaces the clicked one; a refusal or an error is a
 * short message and the clicked card stays as it is — the SPK's live card is never lost to it.
 */
function answer(card: AdaptiveCard) {
  const refusal = refusalMessage(card);
  return refusal !== undefined ? cardActionMessage(refusal) : cardResponse(card);
}

/** The help card, with the rules of the body it is asked in (or the person's body), if any. */
async function helpFor(
  deps: BotDeps,
  ctx: IActivityContext<Activity>,
  locale: Locale,
): Promise<AdaptiveCard> {
  const body = await bodyOfChatOrChannel(deps, ctx).catch(() => undefined);
  return helpCard({ locale, ...(body ? { rules: rulesSummary(body) } : {}) });
}

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

  // 2. Keep a reference to every conversation the bot is spoken to in (once per process).
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
    const command = parseCommand(ctx.activity.text);
    let card: AdaptiveCard;
    let more: AdaptiveCard[] = [];
    try {
      switch (command.name) {
        case 'help':
          card = await helpFor(deps, ctx, locale);
          break;
        case 'linkBody':
          card = linkBodyCommand(deps, ctx, locale);
          break;
        case 'join':
          card = await joinCommand(deps, ctx, locale);
          break;
        case 'members':
          card = await membersCommand(deps, ctx, locale);
          break;
        case 'newSession':
          card = await newSessionCommand(deps, ctx, locale);
          break;
        case 'planSessions':
          card = await planSessionsCommand(deps, ctx, locale);
          break;
        case 'registerTopic':
          card = await registerTopicCommand(deps, ctx, locale);
          break;
        case 'agenda':
          card = await agendaCommand(deps, ctx, locale);
          break;
        case 'startSession':
          card = await startSessionCommand(deps, ctx, locale);
          break;
        case 'openVote':
          card = await openVoteCommand(deps, ctx, locale, command.item);
          break;
        case 'endSession':
          card = await endSessionCommand(deps, ctx, locale);
          break;
        case 'protocol':
          card = await protocolCommand(deps, ctx, locale, command.date);
          break;
        case 'correctProtocol':
          card = await correctProtocolCommand(deps, ctx, locale, command.date);
          break;
        case 'auditExport':
          card = await auditCommand(deps, ctx, locale, command.from, command.to);
          break;
        case 'closeVote':
          card = await closeVoteCommand(deps, ctx, locale);
          break;
        case 'grantVote':
          card = await grantVoteCommand(deps, ctx, locale, command.office, command.item);
          break;
        case 'markPresent':
        case 'markAbsent':
          card = await markAttendanceCommand(
            deps,
            ctx,
            locale,
            command.office,
            command.name === 'markPresent',
          );
          break;
        case 'tally': {
          const [first, ...rest] = await tallyCommand(deps, ctx, locale);
          card = first ?? helpCard({ locale });
          more = rest;
          break;
        }
        case 'sessions': {
          const [first, ...rest] = await sessionsCommand(deps, ctx, locale);
          card = first ?? helpCard({ locale });
          more = rest;
          break;
        }
        case 'umlauf':
          card = await umlaufCommand(deps, ctx, locale);
          break;
        case 'moveSession':
          card = await changeSessionCommand(deps, ctx, locale, {
            kind: 'move',
            date: command.date,
            toDate: command.toDate,
            toTime: command.toTime,
          });
          break;
        case 'cancelSession':
          card = await changeSessionCommand(deps, ctx, locale, { kind: 'cancel', date: command.date });
          break;
        case 'moveSessionUsage':
          card = noticeCard({ locale, tone: 'info', title: 'bot.name', text: 'session.usageMove' });
          break;
        case 'cancelSessionUsage':
          card = noticeCard({ locale, tone: 'info', title: 'bot.name', text: 'session.usageCancel' });
          break;
        case 'recordVote':
          card = await recordBallotCommand(deps, ctx, locale, command);
          break;
        case 'recordUmlauf':
          card = await recordUmlaufCommand(deps, ctx, locale, command);
          break;
        case 'recordVoteUsage':
          card = noticeCard({ locale, tone: 'info', title: 'bot.name', text: 'record.usage' });
          break;
        case 'recordUmlaufUsage':
          card = noticeCard({ locale, tone: 'info', title: 'bot.name', text: 'record.umlaufUsage' });
          break;
        case 'unknown':
          card = noticeCard({
            locale,
            tone: 'info',
            title: 'unknown.title',
            text: 'unknown.text',
            params: { text: command.text.slice(0, 60) },
          });
          break;
      }
    } catch (e) {
      card = errorCard(locale, e, logger, ctx.activity);
    }
    const sent = await ctx.send(messageWithCard(card));
    await rememberIfLive(deps, ctx, card, sent.id, locale, deps.clock.now());
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
    // Card data is untrusted input: every verb has its schema; who acts comes from the activity.
    const parsed = CardActions[verb].safeParse(action?.data ?? {});
    if (!parsed.success) {
      logger.warn('card data rejected', {
        verb,
        activityId: ctx.activity.id,
        issue: parsed.error.issues[0]?.message,
      });
      return answer(notice(locale, 'refused.badCard', {}, true));
    }
    try {
      switch (verb) {
        case 'help':
          await ctx.send(messageWithCard(await helpFor(deps, ctx, locale)));
          return cardActionMessage(textOf(locale, 'help.sent'));
        case 'body.link':
          return answer(await linkBodyAction(deps, ctx, locale, CardActions[verb].parse(action?.data)));
        case 'member.request':
          return answer(
            await requestMembershipAction(deps, ctx, locale, CardActions[verb].parse(action?.data)),
          );
        case 'member.decide':
          return answer(
            await decideMembershipAction(deps, ctx, locale, CardActions[verb].parse(action?.data)),
          );
        case 'session.create':
          return answer(await createSessionAction(deps, ctx, locale, CardActions[verb].parse(action?.data)));
        case 'topic.form':
          return answer(await topicFormAction(deps, ctx, locale, CardActions[verb].parse(action?.data)));
        case 'topic.register':
          return answer(await registerTopicAction(deps, ctx, locale, CardActions[verb].parse(action?.data)));
        case 'topic.late':
          return answer(await lateTopicAction(deps, ctx, locale, CardActions[verb].parse(action?.data)));
        case 'topic.withdraw':
          return answer(await withdrawTopicAction(deps, ctx, locale, CardActions[verb].parse(action?.data)));
        case 'topic.edit':
          return answer(await editTopicAction(deps, ctx, locale, CardActions[verb].parse(action?.data)));
        case 'agenda.manage':
          return answer(await manageAgendaAction(deps, ctx, locale, CardActions[verb].parse(action?.data)));
        case 'agenda.reorder':
          return answer(await reorderAgendaAction(deps, ctx, locale, CardActions[verb].parse(action?.data)));
        case 'session.checkIn':
          return answer(await checkInAction(deps, ctx, locale, CardActions[verb].parse(action?.data)));
        case 'vote.cast':
          return answer(await castVoteAction(deps, ctx, locale, CardActions[verb].parse(action?.data)));
        case 'vote.record':
          return answer(await recordBallotAction(deps, ctx, locale, CardActions[verb].parse(action?.data)));
        case 'umlauf.record':
          return answer(await recordUmlaufAction(deps, ctx, locale, CardActions[verb].parse(action?.data)));
        case 'vote.view':
          return answer(await voteViewAction(deps, ctx, locale, CardActions[verb].parse(action?.data)));
        case 'umlauf.open':
          return answer(await openUmlaufAction(deps, ctx, locale, CardActions[verb].parse(action?.data)));
        case 'file.link':
          return answer(await fileLinkAction(deps, ctx, locale, CardActions[verb].parse(action?.data)));
        case 'protocol.save':
          return answer(await saveProtocolAction(deps, ctx, locale, CardActions[verb].parse(action?.data)));
        case 'umlauf.cast':
          return answer(await castUmlaufAction(deps, ctx, locale, CardActions[verb].parse(action?.data)));
      }
    } catch (e) {
      return answer(errorCard(locale, e, logger, ctx.activity));
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

import { type Activity, MessageActivityInput } from '@microsoft/teams.api';
import { z } from 'zod';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import { type Locale, localeFrom } from '../../../cards/locale.js';
import {
  meetingDeparturesCard,
  meetingEndCard,
  meetingLinkedCard,
  meetingStartCard,
} from '../../../cards/meeting-cards.js';
import { t } from '../../../cards/messages.js';
import {
  linkMeetingToToday,
  meetingChatsOf,
  meetingEnded,
  meetingStarted,
  participantsChanged,
} from '../../app/meetings/meetings.js';
import { signVotePage, voteNotice } from '../../app/meetings/vote-notice.js';
import { rememberLiveCard } from '../../app/session-run/live-cards.js';
import { openVotes } from '../../app/voting/vote-view.js';
import type { Body } from '../../domain/body.js';
import { officeById } from '../../domain/body.js';
import { quorumStatus, votingOfficesAbsent } from '../../domain/quorum.js';
import { bodyOfSession } from '../../domain/vote-rules.js';
import type { SessionSnapshot } from '../../ports/gremien-store.js';
import { DEFAULT_SEND_TIMEOUT_MS, withDeadline } from '../../ports/messenger.js';
import { activityFacts } from '../activity-facts.js';
import { classifySendError } from '../messenger.js';
import { notice, refusalCard } from '../refusals.js';
import { messageWithCard } from '../replies.js';
import { type Ctx, channelIdOf, personOf } from './context.js';
import type { BotDeps } from './deps.js';
import { checkInView } from './session-cards.js';

/**
 * The session inside its Teams meeting (#28), the Teams side: `sitzung verbinden` in the meeting
 * chat, and Teams' `meetingStart` / `meetingEnd` events (PascalCase fields; a channel meeting has
 * an empty `MeetingType` and `JoinUrl: null`). An event that cannot be read, or belongs to no
 * linked meeting, is ignored without an answer or an error.
 */

/** The meeting an activity comes from: `channelData.meeting.id`, else the event's `Id`. */
export function meetingIdOf(activity: Activity): string | undefined {
  const fromChannelData = (activity.channelData as { meeting?: { id?: unknown } } | undefined)?.meeting?.id;
  if (typeof fromChannelData === 'string' && fromChannelData.length >= 8 && fromChannelData.length <= 1000)
    return fromChannelData;
  const parsed = MeetingEventValue.safeParse(eventValue(activity));
  return parsed.success ? parsed.data.Id : undefined;
}

/** An event's value (other activities have none). */
const eventValue = (activity: Activity): unknown => (activity as { value?: unknown }).value;

/** What Teams sends with meetingStart and meetingEnd (only what the bot reads). */
const MeetingEventValue = z.object({
  Id: z.string().min(8).max(1000),
  MeetingType: z.string().nullish(),
  JoinUrl: z.string().nullish(),
  Title: z.string().nullish(),
});

/** `sitzung verbinden` (SPK), in a meeting chat or a channel meeting's thread. */
export async function linkSessionCommand(deps: BotDeps, ctx: Ctx, locale: Locale): Promise<AdaptiveCard> {
  const meetingId = meetingIdOf(ctx.activity);
  const { tenantId } = activityFacts(ctx.activity);
  if (!meetingId || !tenantId) return notice(locale, 'meeting.notInMeeting', {}, true);
  const channelId = channelIdOf(ctx.activity);
  const result = await linkMeetingToToday(deps, {
    tenantId,
    meetingId,
    ...(channelId ? { channelId } : {}),
    conversationId: ctx.activity.conversation.id,
    actor: personOf(ctx),
    activityId: ctx.activity.id,
  });
  if (result.kind === 'refused') {
    if (result.reason === 'notSecretariat') return refusalCard(locale, 'notSecretariat');
    const key =
      result.reason === 'noSessionToday'
        ? 'meeting.noSessionToday'
        : result.reason === 'ambiguous'
          ? 'meeting.ambiguous'
          : 'meeting.taken';
    return notice(locale, key, {}, true);
  }
  return meetingLinkedCard(locale, {
    bodyName: result.body.name,
    date: result.session.session.value.date,
    again: result.again,
  });
}

/** The offices not checked in, by name, and the quorum, as the check-in card counts them. */
function openOf(body: Body, snapshot: SessionSnapshot) {
  const rules = bodyOfSession(body, snapshot.session.value.rules);
  const present = [...snapshot.attendance.values()]
    .filter((a) => a.value.present)
    .map((a) => a.value.officeId);
  const missing = votingOfficesAbsent(rules, present).map((id) => officeById(rules, id)?.name ?? id);
  return { missing, quorum: quorumStatus(rules, present) };
}

/** Teams: the meeting started. The check-in card (live: redrawn like the channel's) and the SPK's line. */
export async function onMeetingStart(deps: BotDeps, ctx: Ctx, locale: Locale): Promise<void> {
  const meetingId = meetingIdOf(ctx.activity);
  const { tenantId } = activityFacts(ctx.activity);
  if (!meetingId || !tenantId || !MeetingEventValue.safeParse(eventValue(ctx.activity)).success) return;
  const channelId = channelIdOf(ctx.activity);
  const result = await meetingStarted(deps, {
    tenantId,
    meetingId,
    ...(channelId ? { channelId } : {}),
    conversationId: ctx.activity.conversation.id,
    activityId: ctx.activity.id,
  });
  if (result.kind === 'ignored') return;
  const { body, session } = result;
  const running = session.session.value.status === 'running';
  // The check-in card is there already when the session was started with the meeting linked.
  const posted = running
    ? (await deps.store.sessionCards(body.id, session.sessionId)).some(
        (c) => c.card === 'checkIn' && c.conversationId === ctx.activity.conversation.id,
      )
    : false;
  if (running && !posted) {
    const sent = await ctx.send(messageWithCard(checkInView(locale, body, session)));
    if (sent.id)
      await rememberLiveCard(deps, body.id, session.sessionId, {
        card: 'checkIn',
        conversationId: ctx.activity.conversation.id,
        activityId: sent.id,
        locale,
        postedAt: deps.clock.now().toISOString(),
      }).catch((e: unknown) => deps.logger.warn('could not record a live card', { error: e }));
  }
  await ctx.send(
    messageWithCard(
      meetingStartCard(locale, {
        bodyName: body.name,
        date: session.session.value.date,
        running,
        ...openOf(body, session),
      }),
    ),
  );
}

/** Teams: the meeting ended. With the session still running, the SPK is reminded to end it. */
export async function onMeetingEnd(deps: BotDeps, ctx: Ctx, locale: Locale): Promise<void> {
  const meetingId = meetingIdOf(ctx.activity);
  const { tenantId } = activityFacts(ctx.activity);
  if (!meetingId || !tenantId || !MeetingEventValue.safeParse(eventValue(ctx.activity)).success) return;
  const result = await meetingEnded(deps, { tenantId, meetingId });
  if (result.kind === 'ignored') return;
  const { body, session } = result;
  if (session.session.value.status !== 'running') return;
  const open = openVotes(body, session).map((v) => `TOP ${v.number} ${v.item.title}`);
  await ctx.send(
    messageWithCard(
      meetingEndCard(locale, {
        bodyId: body.id,
        sessionId: session.sessionId,
        bodyName: body.name,
        date: session.session.value.date,
        openVotes: open,
      }),
    ),
  );
}

/**
 * A live card of a session (the check-in card when it starts, a vote when it opens) posted as well
 * wherever else the session is held — the chats of its meetings, and the body's channel when it
 * was asked for in a meeting chat —, remembered there so every change redraws each copy. In the
 * background: the SPK's answer does not wait; a failure is logged.
 */
export function copyToSessionPlaces(
  deps: BotDeps,
  ctx: Ctx,
  view: { bodyId: string; sessionId: string; card: string; locale: Locale },
  draw: () => AdaptiveCard,
): Promise<void> {
  const { tenantId } = activityFacts(ctx.activity);
  if (!tenantId) return Promise.resolve();
  return (async () => {
    const here = ctx.activity.conversation.id;
    const chats = await meetingChatsOf(deps, tenantId, view.bodyId, view.sessionId);
    if (chats.length === 0) return;
    const channel = (await deps.store.bodyChannel(view.bodyId))?.value.channelId;
    // The channel gets a new post unless the card was asked for in it (a thread of it included).
    const places = [...(channel && !here.startsWith(channel) ? [channel] : []), ...chats];
    for (const conversationId of places) {
      if (conversationId === here) continue;
      const sent = await withDeadline(
        ctx.api.conversations.activities(conversationId).create(messageWithCard(draw())),
        DEFAULT_SEND_TIMEOUT_MS,
        'post a copy of a session card',
      );
      if (sent.id)
        await rememberLiveCard(deps, view.bodyId, view.sessionId, {
          card: view.card,
          conversationId,
          activityId: sent.id,
          locale: view.locale,
          postedAt: deps.clock.now().toISOString(),
        });
    }
  })().catch((e: unknown) => deps.logger.warn('could not post a copy of a session card', { error: e }));
}

/**
 * A vote opened: the in-meeting notification (the bubble on the meeting stage) for the people
 * whose office may vote, in every linked scheduled meeting, pointing them at the vote card in the
 * meeting chat — in groups of ten, as Teams takes them. Where the tenant or meeting does not
 * allow it (Teams refuses), the card in the chat is all there is: logged, nothing else changes.
 */
export async function notifyVoteInMeetings(
  deps: BotDeps,
  ctx: Ctx,
  vote: { bodyId: string; sessionId: string; voteId: string; number: number; locale: Locale },
): Promise<void> {
  const { tenantId } = activityFacts(ctx.activity);
  const files = deps.files;
  if (!tenantId || !files?.baseUrl) return;
  const notice = await voteNotice(deps, { tenantId, ...vote });
  if (notice.kind === 'none') return;
  const url = `${files.baseUrl}/meeting/vote/${signVotePage(files.secret, notice.claim)}`;
  const title = t(vote.locale, 'meeting.voteBubble', { number: vote.number });
  // Scheduled meetings: the bubble for the people whose office may vote, ten per request.
  for (const meetingId of notice.meetingIds) {
    let sent = 0;
    let failed = 0;
    for (const recipients of notice.batches) {
      try {
        const answer = await withDeadline(
          // The id is base64 ('/' and '+' included): one path segment, escaped.
          ctx.api.meetings.sendNotification(encodeURIComponent(meetingId), {
            type: 'targetedMeetingNotification',
            value: {
              recipients: [...recipients],
              surfaces: [
                {
                  surface: 'meetingStage',
                  contentType: 'task',
                  content: { value: { height: 280, width: 420, title, url } },
                },
              ],
            },
          }),
          DEFAULT_SEND_TIMEOUT_MS,
          'in-meeting notification',
        );
        const missed = answer?.recipientsFailureInfo?.length ?? 0;
        failed += missed;
        sent += recipients.length - missed;
      } catch (e) {
        // Not allowed here (no RSC consent, the tenant's setting, not a live meeting): the card alone.
        deps.logger.warn('in-meeting notification not sent; the vote card alone', {
          status: statusOf(e),
          sent,
        });
        break;
      }
    }
    deps.logger.info('in-meeting notification', { sent, failed });
  }
  // Channel meetings: a message in the meeting's conversation with the in-meeting alert, which
  // Teams shows everyone in the meeting as the bubble (the page needs the app's id; without one,
  // as in local development, the message alone).
  for (const conversationId of notice.channelMeetings) {
    const message = new MessageActivityInput(t(vote.locale, 'meeting.voteAlert', { number: vote.number }));
    const bubble = bubbleLink(deps.config, url, title);
    if (bubble)
      message.withChannelData({ notification: { alertInMeeting: true, externalResourceUrl: bubble } });
    await withDeadline(
      ctx.api.conversations.activities(conversationId).create(message),
      DEFAULT_SEND_TIMEOUT_MS,
      'in-meeting alert',
    ).then(
      () => deps.logger.info('in-meeting alert', { bubble: bubble !== undefined }),
      (e: unknown) =>
        deps.logger.warn('in-meeting alert not sent; the vote card alone', { status: statusOf(e) }),
    );
  }
}

/** Teams' deep link that opens a page of the app as the in-meeting bubble (undefined without the app's id). */
function bubbleLink(config: BotDeps['config'], url: string, title: string): string | undefined {
  const appId = config.teamsAppId;
  if (!appId) return undefined;
  const botId = config.auth.mode === 'bot-framework' ? config.auth.clientId : appId;
  const query = new URLSearchParams({ url, height: '280', width: '420', title, completionBotId: botId });
  return `https://teams.microsoft.com/l/bubble/${encodeURIComponent(appId)}?${query.toString()}`;
}

/** The HTTP status of a failed platform call, if it had one (nothing else of the error is logged). */
const statusOf = (e: unknown): number | undefined => classifySendError(e).status;

/** What Teams sends with meetingParticipantJoin / Leave (only what the bot reads). */
const ParticipantsValue = z.object({
  members: z
    .array(
      z
        .object({ user: z.object({ aadObjectId: z.string().min(1).max(64).optional() }).passthrough() })
        .passthrough(),
    )
    .max(1000),
});

/**
 * Teams: people joined or left the meeting (scheduled private meetings only; not reliable). A
 * person who joined and whose office is not checked in gets a personal prompt to check in for it;
 * an office whose checking-in person left is named for the SPK. Nothing is recorded.
 */
export async function onParticipants(
  deps: BotDeps,
  ctx: Ctx,
  locale: Locale,
  change: 'join' | 'leave',
): Promise<void> {
  const meetingId = meetingIdOf(ctx.activity);
  const { tenantId } = activityFacts(ctx.activity);
  const parsed = ParticipantsValue.safeParse(eventValue(ctx.activity));
  if (!meetingId || !tenantId || !parsed.success) return;
  const people = parsed.data.members.flatMap((m) => (m.user.aadObjectId ? [m.user.aadObjectId] : []));
  const result = await participantsChanged(deps, {
    tenantId,
    meetingId,
    joined: change === 'join' ? people : [],
    left: change === 'leave' ? people : [],
  });
  if (result.kind === 'ignored') return;
  const { body, session } = result;
  for (const prompt of result.prompts) {
    const chat = await deps.conversations.personalChat(tenantId, prompt.aadObjectId);
    if (!chat) continue;
    const chatLocale = localeFrom(chat.locale);
    const card = checkInView(chatLocale, body, session);
    card.body.unshift({
      type: 'TextBlock',
      text: t(chatLocale, 'meeting.prompt', {
        body: body.name,
        office: officeById(body, prompt.officeId)?.name ?? prompt.officeId,
      }),
      wrap: true,
      weight: 'Bolder',
    });
    await withDeadline(
      ctx.api.conversations.activities(chat.conversationId).create(messageWithCard(card)),
      DEFAULT_SEND_TIMEOUT_MS,
      'check-in prompt',
    ).catch((e: unknown) => deps.logger.warn('could not send a check-in prompt', { error: e }));
  }
  if (result.departures.length > 0)
    await ctx.send(
      messageWithCard(
        meetingDeparturesCard(
          locale,
          result.departures.map((id) => officeById(body, id)?.name ?? id),
        ),
      ),
    );
}

import type { z } from 'zod';
import type { CardActions } from '../../../cards/actions.js';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import { agendaCard, manageAgendaCard } from '../../../cards/agenda-cards.js';
import type { Locale } from '../../../cards/locale.js';
import type { MessageKey } from '../../../cards/messages.js';
import { spkTopicCard, topicConfirmationCard, topicFormCard } from '../../../cards/topic-cards.js';
import { agendaFor, agendaItem } from '../../app/agenda/agenda-for.js';
import { decideLateTopic } from '../../app/agenda/decide-late-topic.js';
import { editTopic } from '../../app/agenda/edit-topic.js';
import { mayRegisterTopics, registerTopic } from '../../app/agenda/register-topic.js';
import { reorderAgenda } from '../../app/agenda/reorder-agenda.js';
import { withdrawTopic } from '../../app/agenda/withdraw-topic.js';
import { type SessionSummary, upcomingSessions } from '../../app/sessions/session-queries.js';
import { homeChannelOf } from '../../app/shared/body-of.js';
import type { MembershipDeps } from '../../app/shared/deps.js';
import { isSpk } from '../../app/shared/secretariat.js';
import type { Body } from '../../domain/body.js';
import { hasStarted, registrationWindow } from '../../domain/schedule.js';
import { agendaCardData, itemView, numberedItems } from '../agenda-card-data.js';
import { notice, REFUSALS, type RefusalReason } from '../refusals.js';
import type { Ctx } from './context.js';
import { bodyOfChatOrChannel, personOf } from './context.js';

/** Topics say it in their own words where the general table would be too general. */
const TOPIC_REFUSALS: Partial<Record<RefusalReason, MessageKey>> = { notMember: 'topic.notMember' };
const topicRefusal = (locale: Locale, reason: RefusalReason) =>
  notice(locale, TOPIC_REFUSALS[reason] ?? REFUSALS[reason], {}, true);

import { messageWithCard } from '../replies.js';

async function formFor(
  deps: MembershipDeps,
  locale: Locale,
  body: Body,
  sessionId?: string,
): Promise<AdaptiveCard> {
  const now = deps.clock.now();
  const sessions = (await upcomingSessions(deps, body)).filter((s) => !hasStarted(s.timeline, now));
  if (sessions.length === 0) return notice(locale, 'topic.noSession', {}, true);
  // Default: the next session whose registration is still open, else the next session.
  const open = sessions.find((s) => registrationWindow(s.timeline, now).kind === 'open');
  const selected = sessions.find((s) => s.sessionId === sessionId) ?? open ?? sessions[0];
  return topicFormCard(locale, {
    body,
    sessions: formSessions(sessions),
    selected: selected?.sessionId ?? '',
    late: selected ? registrationWindow(selected.timeline, now).kind === 'late' : false,
  });
}

export async function registerTopicCommand(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
): Promise<AdaptiveCard> {
  const body = await bodyOfChatOrChannel(deps, ctx);
  if (!body) return notice(locale, 'topic.notMember', {}, true);
  // Refused before the form, not after it was filled in.
  const may = await mayRegisterTopics(deps, body.id, personOf(ctx));
  if (may !== 'ok') return topicRefusal(locale, may);
  return formFor(deps, locale, body);
}

export async function topicFormAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['topic.form']>,
): Promise<AdaptiveCard> {
  const body = deps.bodies.get(data.bodyId);
  if (!body) return notice(locale, 'refused.badCard', {}, true);
  const may = await mayRegisterTopics(deps, body.id, personOf(ctx));
  if (may !== 'ok') return topicRefusal(locale, may);
  return formFor(deps, locale, body, data.sessionId);
}

export async function registerTopicAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['topic.register']>,
): Promise<AdaptiveCard> {
  const { bodyId, sessionId, submitLate, itemId, officeId, ...input } = data;
  if (itemId) return editTopicSubmit(deps, ctx, locale, { bodyId, sessionId, itemId, input });
  const result = await registerTopic(deps, {
    bodyId,
    sessionId,
    input,
    submitLate,
    ...(officeId ? { claimedOfficeId: officeId } : {}),
    actor: personOf(ctx),
    activityId: ctx.activity.id,
  });
  const body = deps.bodies.get(bodyId);
  if (!body) return notice(locale, 'refused.badCard', {}, true);
  switch (result.kind) {
    case 'invalid':
    case 'late': {
      const sessions = await upcomingSessions(deps, body);
      return topicFormCard(locale, {
        body,
        sessions: formSessions(sessions),
        selected: sessionId,
        values: input,
        ...(result.kind === 'invalid' ? { problems: [...result.problems] } : { late: true }),
      });
    }
    case 'refused': {
      return topicRefusal(locale, result.reason);
    }
    case 'duplicate':
      return topicConfirmationCard(locale, itemView(body, result.item), result.timeline.start, 'duplicate');
    case 'registered':
    case 'lateRequested': {
      const home = await homeChannelOf(deps, body.id);
      if (home) {
        await ctx.api.conversations.activities(home).create(
          messageWithCard(
            spkTopicCard(locale, {
              bodyId: body.id,
              sessionId,
              sessionStart: result.timeline.start,
              item: itemView(body, result.item),
              late: result.kind === 'lateRequested',
            }),
          ),
        );
      }
      return topicConfirmationCard(locale, itemView(body, result.item), result.timeline.start, result.kind);
    }
  }
}

export async function lateTopicAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['topic.late']>,
): Promise<AdaptiveCard> {
  const result = await decideLateTopic(deps, {
    ...data,
    accept: data.decision === 'accept',
    actor: personOf(ctx),
    activityId: ctx.activity.id,
  });
  if (result.kind === 'refused') {
    return topicRefusal(locale, result.reason);
  }
  const key: Record<typeof result.kind, MessageKey> = {
    accepted: 'topic.accepted',
    declined: 'topic.declined',
    alreadyDecided: 'topic.alreadyDecided',
  };
  return notice(locale, key[result.kind], { title: result.item.title });
}

export async function withdrawTopicAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['topic.withdraw']>,
): Promise<AdaptiveCard> {
  const result = await withdrawTopic(deps, { ...data, actor: personOf(ctx), activityId: ctx.activity.id });
  if (result.kind === 'withdrawn') return notice(locale, 'topic.withdrawn', { title: result.item.title });
  if (result.kind === 'refused') {
    return topicRefusal(locale, result.reason);
  }
  return notice(locale, 'topic.alreadyDecided', { title: result.item.title });
}

/** `tagesordnung`: the next session's agenda. */
export async function agendaCommand(deps: MembershipDeps, ctx: Ctx, locale: Locale): Promise<AdaptiveCard> {
  const body = await bodyOfChatOrChannel(deps, ctx);
  if (!body) return notice(locale, 'refused.noBody', {}, true);
  const [next] = await upcomingSessions(deps, body);
  if (!next) return notice(locale, 'topic.noSession', {}, true);
  const view = await agendaFor(deps, body.id, next.sessionId);
  if (typeof view === 'string') return notice(locale, 'topic.noSession', {}, true);
  return agendaCard(locale, agendaCardData(body, view), { spk: await isSpk(deps, body, personOf(ctx)) });
}

async function sessionsForForm(deps: MembershipDeps, body: Body) {
  return formSessions(await upcomingSessions(deps, body));
}

function formSessions(sessions: readonly SessionSummary[]) {
  return sessions.map((s) => ({
    sessionId: s.sessionId,
    start: s.timeline.start,
    registrationClosesAt: s.timeline.registrationClosesAt,
  }));
}

async function editTopicSubmit(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  cmd: { bodyId: string; sessionId: string; itemId: string; input: Record<string, string> },
): Promise<AdaptiveCard> {
  const result = await editTopic(deps, { ...cmd, actor: personOf(ctx), activityId: ctx.activity.id });
  const body = deps.bodies.get(cmd.bodyId);
  if (!body) return notice(locale, 'refused.badCard', {}, true);
  if (result.kind === 'invalid') {
    return topicFormCard(locale, {
      body,
      sessions: await sessionsForForm(deps, body),
      selected: cmd.sessionId,
      values: cmd.input,
      problems: [...result.problems],
      editItemId: cmd.itemId,
    });
  }
  if (result.kind === 'refused') {
    return topicRefusal(locale, result.reason);
  }
  return notice(locale, 'topic.edited', { title: result.item.title });
}

/** "Ändern" on the SPK's agenda card: the topic form, filled in with the item. */
export async function editTopicAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['topic.edit']>,
): Promise<AdaptiveCard> {
  const body = deps.bodies.get(data.bodyId);
  if (!body) return notice(locale, 'refused.badCard', {}, true);
  if (!(await isSpk(deps, body, personOf(ctx)))) return notice(locale, 'refused.notSecretariat', {}, true);
  const item = await agendaItem(deps, body.id, data.sessionId, data.itemId);
  if (!item || item.status === 'withdrawn') return notice(locale, 'topic.unknownItem', {}, true);
  return topicFormCard(locale, {
    body,
    sessions: await sessionsForForm(deps, body),
    selected: data.sessionId,
    values: {
      title: item.title,
      purpose: item.purpose,
      description: item.description,
      documents: item.documents.join('\n'),
      conflictsOfGoals: item.conflictsOfGoals,
    },
    editItemId: item.itemId,
  });
}

/** "Bearbeiten (SPK)" on the agenda card. */
export async function manageAgendaAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['agenda.manage']>,
): Promise<AdaptiveCard> {
  const body = deps.bodies.get(data.bodyId);
  if (!body) return notice(locale, 'refused.badCard', {}, true);
  if (!(await isSpk(deps, body, personOf(ctx)))) return notice(locale, 'refused.notSecretariat', {}, true);
  const view = await agendaFor(deps, body.id, data.sessionId);
  if (typeof view === 'string') return notice(locale, 'refused.badCard', {}, true);
  return manageAgendaCard(locale, {
    body,
    sessionId: data.sessionId,
    start: view.timeline.start,
    place: view.place,
    registrationClosesAt: view.timeline.registrationClosesAt,
    items: numberedItems(body, view),
  });
}

export async function reorderAgendaAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['agenda.reorder']>,
): Promise<AdaptiveCard> {
  const result = await reorderAgenda(deps, { ...data, actor: personOf(ctx), activityId: ctx.activity.id });
  if (result.kind === 'refused') {
    return topicRefusal(locale, result.reason);
  }
  return notice(locale, 'agenda.reordered', {
    order: result.titles.map((title, i) => `${i + 1}. ${title}`).join(' · '),
  });
}

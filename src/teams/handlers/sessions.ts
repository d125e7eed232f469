import type { z } from 'zod';
import type { CardActions } from '../../../cards/actions.js';
import { type AdaptiveCard, paragraph } from '../../../cards/adaptive-card.js';
import { formatDayTime, formatDeadline } from '../../../cards/format.js';
import type { Locale } from '../../../cards/locale.js';
import { meetingSeriesCard } from '../../../cards/meeting-cards.js';
import { t } from '../../../cards/messages.js';
import { joinButtons, planCard, sessionFormCard, sessionsCard } from '../../../cards/session-cards.js';
import { meetingSeriesOf, setMeetingSeries } from '../../app/meetings/meeting-series.js';
import { changeSession } from '../../app/sessions/change-session.js';
import { createSession } from '../../app/sessions/create-session.js';
import { proposeSessions, upcomingSessions } from '../../app/sessions/session-queries.js';
import { bodiesOfPerson } from '../../app/shared/body-of.js';
import type { MembershipDeps } from '../../app/shared/deps.js';
import type { Body } from '../../domain/body.js';
import { addDays, localDateOf } from '../../domain/calendar.js';
import { sessionTimeline } from '../../domain/schedule.js';
import { notice, refusalCard } from '../refusals.js';
import type { Ctx } from './context.js';
import { bodyOfConversation, isCard, personOf, spkBody } from './context.js';

/** The body an SPK command is for: the linked channel's. SPK-only commands need it and the role. */
export async function newSessionCommand(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
): Promise<AdaptiveCard> {
  const body = await spkBody(deps, ctx, locale);
  if (isCard(body)) return body;
  const [next] = await proposeSessions(deps, body, 1);
  return sessionFormCard(locale, body, {
    date: next ?? addDays(localDateOf(deps.clock.now()), 14),
    time: body.cadence.startTime,
    hasMeeting: (await meetingSeriesOf(deps, body.id)) !== '',
  });
}

export async function planSessionsCommand(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
): Promise<AdaptiveCard> {
  const body = await spkBody(deps, ctx, locale);
  if (isCard(body)) return body;
  const dates = await proposeSessions(deps, body, 3);
  return planCard(
    locale,
    body,
    dates.map((date) => ({ date, time: body.cadence.startTime, start: sessionTimeline(body, date).start })),
  );
}

/** `sitzungen`: the channel's body, or in a chat every body the person belongs to. */
export async function sessionsCommand(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
): Promise<AdaptiveCard[]> {
  const home = await bodyOfConversation(deps, ctx.activity);
  const bodies: Body[] = home
    ? [home]
    : await bodiesOfPerson(deps, ctx.activity.from.aadObjectId ?? '', personOf(ctx));
  if (bodies.length === 0) return [notice(locale, 'refused.noBody', {}, true)];
  return Promise.all(
    bodies.map(async (body) =>
      sessionsCard(
        locale,
        body,
        (await upcomingSessions(deps, body)).map((s) => ({
          sessionId: s.sessionId,
          start: s.timeline.start,
          place: s.session.place,
          joinUrl: s.session.joinUrl,
          status: s.session.status,
          registrationClosesAt: s.timeline.registrationClosesAt,
          agendaDispatchAt: s.timeline.agendaDispatchAt,
        })),
      ),
    ),
  );
}

export async function createSessionAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['session.create']>,
): Promise<AdaptiveCard> {
  const result = await createSession(deps, {
    bodyId: data.bodyId,
    date: data.date,
    time: data.time,
    place: data.place,
    online: data.online !== 'false',
    actor: personOf(ctx),
    activityId: ctx.activity.id,
  });
  if (result.kind === 'refused') {
    return refusalCard(locale, result.reason);
  }
  const when = formatDayTime(locale, result.summary.timeline.start, true);
  const card =
    result.kind === 'exists'
      ? notice(locale, 'session.exists', { when })
      : notice(locale, 'session.created', {
          when,
          deadline: formatDeadline(locale, result.summary.timeline.registrationClosesAt),
        });
  const join = joinButtons(locale, result.summary.session.joinUrl);
  return join.length > 0 ? { ...card, actions: [...(card.actions ?? []), ...join] } : card;
}

/** `besprechungslink` (SPK, in the body's channel): the body's standing Teams meeting. */
export async function meetingSeriesCommand(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
): Promise<AdaptiveCard> {
  const body = await spkBody(deps, ctx, locale);
  if (isCard(body)) return body;
  return meetingSeriesCard(locale, {
    bodyId: body.id,
    bodyName: body.name,
    joinUrl: await meetingSeriesOf(deps, body.id),
  });
}

/** The card's buttons: save the typed link, or remove the one in force (SPK). */
export async function meetingSeriesAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['meeting.series']>,
): Promise<AdaptiveCard> {
  const remove = data.remove === 'true';
  if (!remove && data.joinUrl.trim() === '') return notice(locale, 'series.empty', {}, true);
  const result = await setMeetingSeries(deps, {
    bodyId: data.bodyId,
    joinUrl: remove ? '' : data.joinUrl,
    shown: data.shown,
    actor: personOf(ctx),
    activityId: ctx.activity.id,
  });
  if (result.kind === 'refused') {
    if (result.reason === 'unknownBody' || result.reason === 'notSecretariat')
      return refusalCard(locale, result.reason);
    return notice(locale, `series.${result.reason}`, {}, true);
  }
  // The card again, as it is now, with what happened on top.
  const card = meetingSeriesCard(locale, {
    bodyId: result.body.id,
    bodyName: result.body.name,
    joinUrl: result.joinUrl,
  });
  card.body.unshift(
    paragraph(
      t(
        locale,
        result.kind === 'set'
          ? 'series.saved'
          : result.kind === 'removed'
            ? 'series.removed'
            : 'series.unchanged',
      ),
      { weight: 'Bolder', color: 'Good' },
    ),
  );
  return card;
}

/** `sitzung verschieben <Datum> auf <Datum> [<Zeit>]` and `sitzung absagen <Datum>` (SPK, in the body's channel). */
export async function changeSessionCommand(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  command: { kind: 'move'; date: string; toDate: string; toTime: string } | { kind: 'cancel'; date: string },
): Promise<AdaptiveCard> {
  const body = await spkBody(deps, ctx, locale);
  if (isCard(body)) return body;
  const result = await changeSession(deps, {
    ...command,
    bodyId: body.id,
    actor: personOf(ctx),
    activityId: ctx.activity.id,
  });
  if (result.kind === 'refused') {
    return refusalCard(locale, result.reason, { date: command.date });
  }
  return notice(locale, result.kind === 'moved' ? 'session.moved' : 'session.cancelled', {
    session: formatDayTime(locale, result.summary.timeline.start, true),
  });
}

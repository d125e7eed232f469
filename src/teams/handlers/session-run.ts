import type { z } from 'zod';
import type { CardActions } from '../../../cards/actions.js';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import { quorumLine } from '../../../cards/check-in-card.js';
import { formatDate, formatTime } from '../../../cards/format.js';
import type { Locale } from '../../../cards/locale.js';
import type { MessageKey } from '../../../cards/messages.js';
import { checkIn } from '../../app/session-run/check-in.js';
import { markAttendance } from '../../app/session-run/mark-attendance.js';
import { startSession } from '../../app/session-run/start-session.js';
import { currentSession, readSession } from '../../app/session-run/todays-session.js';

import type { MembershipDeps } from '../../app/shared/deps.js';
import { markLive } from '../live-cards.js';
import { redrawLater } from '../redraw.js';
import { notice, refusalCard } from '../refusals.js';
import {
  actingPerson,
  bodyOfConversation,
  type Ctx,
  personOf,
  refused,
  sessionAndOffice,
} from './context.js';
import type { BotDeps } from './deps.js';
import { copyToSessionPlaces } from './meetings.js';
import { checkInView, redrawSessionCards } from './session-cards.js';

/** `sitzung starten` (SPK): starts today's session and posts the check-in card. */
export async function startSessionCommand(deps: BotDeps, ctx: Ctx, locale: Locale): Promise<AdaptiveCard> {
  const body = await bodyOfConversation(deps, ctx.activity);
  if (!body) return refusalCard(locale, 'noBody');
  const { snapshot: session, overdue } = await currentSession(deps, body);
  if (!session) return notice(locale, 'run.noSessionToday', {}, true);
  // A session of an earlier day that still runs is ended first: its protocol and open votes.
  if (overdue)
    return notice(locale, 'run.otherRunning', { date: formatDate(locale, session.session.value.date) }, true);
  const result = await startSession(deps, {
    bodyId: body.id,
    sessionId: session.sessionId,
    actor: personOf(ctx),
    activityId: ctx.activity.id,
  });
  if (result.kind === 'refused')
    return result.reason === 'otherRunning'
      ? notice(locale, 'run.otherRunning', { date: formatDate(locale, result.runningDate) }, true)
      : refusalCard(locale, result.reason);
  const fresh = await readSession(deps, body.id, session.sessionId);
  if (!fresh) return notice(locale, 'run.started');
  // Copies in the meeting chats (and the channel) once, when this command started it: said again,
  // or delivered twice, the card comes again where asked and nowhere else.
  if (result.kind === 'started')
    void copyToSessionPlaces(
      deps,
      ctx,
      { bodyId: body.id, sessionId: session.sessionId, card: 'checkIn', locale },
      () => checkInView(locale, body, fresh),
    );
  return markLive(checkInView(locale, body, fresh), {
    bodyId: body.id,
    sessionId: session.sessionId,
    card: 'checkIn',
  });
}

/** "Anwesend": marks the person's office present and refreshes the card for everyone. */
export async function checkInAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['session.checkIn']>,
): Promise<AdaptiveCard> {
  const body = deps.bodies.get(data.bodyId);
  if (!body) return refusalCard(locale, 'unknownBody');
  const result = await checkIn(deps, {
    bodyId: body.id,
    sessionId: data.sessionId,
    ...actingPerson(ctx),
    ...(data.officeId ? { claimedOfficeId: data.officeId } : {}),
  });
  if (result.kind === 'refused')
    return result.reason === 'otherOffice'
      ? notice(locale, 'run.otherOffice', {}, true)
      : refused(locale, result.reason);
  // The answer is drawn from the session as the check-in read it, with this office in it: no
  // second read before the answer (never "not saved" for a stored check-in, either). Right after
  // it, every posted copy — the clicked one for everyone, and the other live cards — is redrawn
  // from a fresh read, coalesced per message, so check-ins of other offices show within a second.
  const card = checkInView(locale, body, result.snapshot);
  const clicked = ctx.activity.replyToId;
  if (clicked)
    redrawLater(ctx, ctx.activity.conversation.id, clicked, async () => {
      const latest = await readSession(deps, body.id, data.sessionId);
      return latest ? checkInView(locale, body, latest) : undefined;
    });
  void redrawSessionCards(deps, ctx, body, data.sessionId, clicked).catch((e) =>
    ctx.log.warn('card refresh failed', e instanceof Error ? e.message : e),
  );
  return card;
}

/** `anwesend <Amt>` / `abwesend <Amt>` (SPK). */
export async function markAttendanceCommand(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  officeText: string,
  present: boolean,
): Promise<AdaptiveCard> {
  const context = await sessionAndOffice(deps, ctx, locale, officeText);
  if ('type' in context) return context;
  const { body, session, officeId } = context;
  const result = await markAttendance(deps, {
    bodyId: body.id,
    sessionId: session.sessionId,
    officeId,
    present,
    actor: personOf(ctx),
    activityId: ctx.activity.id,
  });
  if (result.kind === 'refused') return refused(locale, result.reason);
  if (result.kind === 'unchanged')
    return notice(locale, 'attendance.unchanged', { office: result.officeName });
  await redrawSessionCards(deps, ctx, body, session.sessionId);
  const time = formatTime(deps.clock.now());
  const key: MessageKey = present
    ? result.late
      ? 'attendance.presentLate'
      : 'attendance.present'
    : 'attendance.absent';
  const card = notice(locale, key, { office: result.officeName, time });
  card.body.push(quorumLine(locale, result.quorum));
  return card;
}

import type { z } from 'zod';
import type { CardActions } from '../../../cards/actions.js';
import { execute } from '../../../cards/actions.js';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import { formatDate } from '../../../cards/format.js';
import type { Locale } from '../../../cards/locale.js';
import { type MessageKey, t } from '../../../cards/messages.js';
import { tallyCard } from '../../../cards/tally-card.js';
import { voteCard } from '../../../cards/vote-cards.js';
import { readSession, todaysSession } from '../../app/session-run/todays-session.js';
import { officeOfMember } from '../../app/shared/body-of.js';
import type { MembershipDeps } from '../../app/shared/deps.js';
import { isSpk } from '../../app/shared/secretariat.js';
import { castBallot } from '../../app/voting/cast-ballot.js';
import { annulVote, closeVote } from '../../app/voting/close-vote.js';
import { grantVote } from '../../app/voting/grant-vote.js';
import { openVote } from '../../app/voting/open-vote.js';
import { voteAudience } from '../../app/voting/vote-audience.js';
import { openVotes, type VoteView, voteView } from '../../app/voting/vote-view.js';
import { officeById } from '../../domain/body.js';
import type { Decision } from '../../ports/records.js';
import { markLive } from '../live-cards.js';
import { redrawLater } from '../redraw.js';
import { notice, refusalCard } from '../refusals.js';
import {
  actingPerson,
  bodyOfChatOrChannel,
  type Ctx,
  channelSession,
  personOf,
  refused,
  sessionAndOffice,
} from './context.js';
import type { BotDeps } from './deps.js';
import { copyToSessionPlaces, notifyVoteInMeetings } from './meetings.js';
import { redrawSessionCards, tallyData, voteCardData } from './session-cards.js';

/** `abstimmung TOP n` (SPK): opens the vote and posts the vote card. */
export async function openVoteCommand(
  deps: BotDeps,
  ctx: Ctx,
  locale: Locale,
  itemNumber: number,
): Promise<AdaptiveCard> {
  const context = await channelSession(deps, ctx, locale, 'run.notRunning');
  if ('type' in context) return context;
  const { body, session } = context;
  const result = await openVote(deps, {
    bodyId: body.id,
    sessionId: session.sessionId,
    itemNumber,
    actor: personOf(ctx),
    activityId: ctx.activity.id,
  });
  if (result.kind === 'refused') return refused(locale, result.reason, { number: itemNumber });
  const audience = await voteAudience(deps, result.view);
  const card = voteCard(locale, { ...voteCardData(result.view), ...audience });
  // A vote in a session whose day has passed: the SPK is told, the session is to be ended.
  if (context.overdue)
    card.body.unshift({
      type: 'TextBlock',
      text: t(locale, 'run.overdue', { date: formatDate(locale, session.session.value.date) }),
      wrap: true,
      color: 'Warning',
    });
  // A copy wherever else the session is held (its meeting chats, the channel; #28), redrawn like
  // this one; then the bubble on the meeting stage for those who may vote, once the cards are
  // there. Only when this command opened it: asked again (or delivered twice), the card comes
  // again where asked, and nothing is posted or notified a second time.
  if (result.kind === 'opened')
    void copyToSessionPlaces(
      deps,
      ctx,
      { bodyId: body.id, sessionId: session.sessionId, card: `vote|${result.view.voteId}`, locale },
      () => voteCard(locale, { ...voteCardData(result.view), ...audience }),
    )
      .then(() =>
        notifyVoteInMeetings(deps, ctx, {
          bodyId: body.id,
          sessionId: session.sessionId,
          voteId: result.view.voteId,
          number: result.view.number,
          locale,
        }),
      )
      .catch((e: unknown) => deps.logger.warn('in-meeting notification failed', { error: e }));
  return markLive(card, {
    bodyId: body.id,
    sessionId: session.sessionId,
    card: `vote|${result.view.voteId}`,
  });
}

/** Ja / Nein / Enthaltung: the office is the actor's own (from membership), never the card's. */
export async function castVoteAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['vote.cast']>,
): Promise<AdaptiveCard> {
  const body = deps.bodies.get(data.bodyId);
  if (!body) return refusalCard(locale, 'unknownBody');
  const result = await castBallot(deps, {
    bodyId: body.id,
    sessionId: data.sessionId,
    voteId: data.voteId,
    ...actingPerson(ctx),
    choice: data.choice,
    argument: data.argument,
    ...(data.officeId ? { claimedOfficeId: data.officeId } : {}),
  });
  if (result.kind === 'refused') return refused(locale, result.reason);
  // Drawn from the session as the cast read it, with the new ballot: no second read.
  // The use case's view, as it is: drawn from the session as the cast read it, with the new ballot.
  const view = result.view;
  // Everyone else's copy is redrawn after the answer (the clicked message and any other post
  // of this vote card); the clicker gets theirs at once. Redraws are coalesced and read the
  // session when they run, so the last one shows every ballot.
  if (view) {
    const clicked = ctx.activity.replyToId;
    if (clicked)
      redrawLater(ctx, ctx.activity.conversation.id, clicked, async () => {
        const latest = await readSession(deps, body.id, data.sessionId);
        const current = latest ? voteView(body, latest, data.voteId) : undefined;
        return voteCard(locale, {
          ...voteCardData(current ?? view),
          ...(await voteAudience(deps, current ?? view)),
        });
      });
    // Not awaited: the other copies are redrawn after the answer (failures are logged there).
    void redrawSessionCards(deps, ctx, body, data.sessionId, clicked).catch((e) =>
      ctx.log.warn('card refresh failed', e instanceof Error ? e.message : e),
    );
  }
  const office = officeById(body, result.ballot.officeId)?.name ?? result.ballot.officeId;
  const choice = t(
    locale,
    `vote.${result.ballot.choice === 'object' ? 'no' : result.ballot.choice}` as MessageKey,
  );
  const key: MessageKey =
    result.kind === 'unchanged'
      ? 'vote.unchanged'
      : result.ballot.capacity === 'advisory'
        ? 'vote.advisoryRecorded'
        : 'vote.recorded';
  // The clicker's own view: their office's ballot above the shared card.
  const card = view ? voteCard(locale, voteCardData(view)) : notice(locale, key, { office, choice });
  card.body.unshift({
    type: 'TextBlock',
    text: t(locale, key, { office, choice }),
    wrap: true,
    weight: 'Bolder',
    color: 'Good',
  });
  return card;
}

/** `stand`: the tally of the open votes (the channel's body, or in a chat the person's). */
export async function tallyCommand(deps: MembershipDeps, ctx: Ctx, locale: Locale): Promise<AdaptiveCard[]> {
  const body = await bodyOfChatOrChannel(deps, ctx);
  if (!body) return [refusalCard(locale, 'noBody')];
  const session = await todaysSession(deps, body);
  const votes = session ? openVotes(body, session) : [];
  if (votes.length === 0) return [notice(locale, 'vote.none')];
  return votes.map((v) => tallyCard(locale, tallyData(locale, v)));
}

/** `abstimmung schließen` (SPK): closes the open vote and shows the outcome. */
export function closeVoteCommand(deps: MembershipDeps, ctx: Ctx, locale: Locale): Promise<AdaptiveCard> {
  return endVoteCommand(deps, ctx, locale, closeVote, (view, decision) => {
    const card = tallyCard(locale, tallyData(locale, view));
    // The decision's number in the register, as the protocol and `beschlüsse` name it.
    if (decision) {
      card.body.unshift({
        type: 'TextBlock',
        text: t(locale, 'register.numbered', { label: decision.label }),
        wrap: true,
        weight: 'Bolder',
      });
      // The SPK (who closed it) may set its follow-ups from here (Wiedervorlage).
      card.actions = [
        ...(card.actions ?? []),
        execute('followUp.form', t(locale, 'followUp.add'), { bodyId: view.body.id, ref: decision.ref }),
      ];
    }
    return card;
  });
}

/** `abstimmung aufheben` (SPK): annuls the open vote; every copy of its card says so. */
export function annulVoteCommand(deps: MembershipDeps, ctx: Ctx, locale: Locale): Promise<AdaptiveCard> {
  return endVoteCommand(deps, ctx, locale, annulVote, (view) =>
    notice(locale, 'vote.annulledDone', { number: view.number }),
  );
}

/** Ends the open vote of the running session one way or the other; every copy of its card is redrawn. */
async function endVoteCommand(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  end: typeof closeVote | typeof annulVote,
  answer: (view: VoteView, decision?: Decision) => AdaptiveCard,
): Promise<AdaptiveCard> {
  const context = await channelSession(deps, ctx, locale, 'run.notRunning');
  if ('type' in context) return context;
  const { body, session } = context;
  const result = await end(deps, { bodyId: body.id, sessionId: session.sessionId, ...actingPerson(ctx) });
  if (result.kind === 'refused')
    return result.reason === 'voteClosed'
      ? notice(locale, 'vote.none', {}, true)
      : refused(locale, result.reason);
  // The vote card itself turns closed (or annulled): no buttons, the final counts.
  await redrawSessionCards(deps, ctx, body, session.sessionId);
  return answer(result.view, 'decision' in result ? result.decision : undefined);
}

/** Teams asks for a person's own copy of the vote card: their office's current ballot on top. */
export async function voteViewAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['vote.view']>,
): Promise<AdaptiveCard> {
  const body = deps.bodies.get(data.bodyId);
  if (!body) return refusalCard(locale, 'unknownBody');
  const snapshot = await readSession(deps, body.id, data.sessionId);
  const view = snapshot ? voteView(body, snapshot, data.voteId) : undefined;
  if (!view) return refused(locale, 'unknownVote');
  const officeId = await officeOfMember(deps, body.id, ctx.activity.from.aadObjectId ?? '');
  const own = officeId ? view.ballots.find((b) => b.officeId === officeId) : undefined;
  const office = officeId ? (officeById(body, officeId)?.name ?? officeId) : '';
  const ownLine = !officeId
    ? undefined
    : own
      ? t(locale, 'vote.yours', {
          office,
          choice: t(locale, `vote.${own.choice === 'object' ? 'no' : own.choice}` as MessageKey),
        })
      : t(locale, 'vote.yoursNone', { office });
  const shared = await voteAudience(deps, view);
  // The SPK's form is on the SPK's copy only: members cannot use it.
  const spk = await isSpk(deps, body, personOf(ctx));
  return voteCard(locale, {
    ...voteCardData(view),
    refreshUserIds: shared.refreshUserIds,
    ...(spk ? { recordable: shared.recordable } : {}),
    ...(ownLine ? { ownLine } : {}),
  });
}

/** `stimmrecht gewähren <Amt> TOP <n>` (SPK). */
export async function grantVoteCommand(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  officeText: string,
  itemNumber: number,
): Promise<AdaptiveCard> {
  const context = await sessionAndOffice(deps, ctx, locale, officeText);
  if ('type' in context) return context;
  const { body, session, officeId } = context;
  const result = await grantVote(deps, {
    bodyId: body.id,
    sessionId: session.sessionId,
    itemNumber,
    officeId,
    actor: personOf(ctx),
    activityId: ctx.activity.id,
  });
  if (result.kind === 'refused') {
    return result.reason === 'notCommissioner'
      ? notice(locale, 'grant.notCommissioner', {}, true)
      : refused(locale, result.reason, { number: itemNumber });
  }
  return notice(locale, result.kind === 'granted' ? 'grant.done' : 'grant.already', {
    office: result.officeName,
    number: result.number,
  });
}

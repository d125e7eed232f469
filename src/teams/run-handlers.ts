import type { Activity } from '@microsoft/teams.api';
import type { IActivityContext } from '@microsoft/teams.apps';
import type { z } from 'zod';
import type { CardActions } from '../../cards/actions.js';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { formatTime } from '../../cards/format.js';
import type { Locale } from '../../cards/locale.js';
import { type MessageKey, t } from '../../cards/messages.js';
import { checkInCard, quorumLine, type TallyData, tallyCard, voteCard } from '../../cards/vote-cards.js';
import { checkIn } from '../app/session-run/check-in.js';
import { liveCardsOf } from '../app/session-run/live-cards.js';
import { markAttendance } from '../app/session-run/mark-attendance.js';
import { startSession } from '../app/session-run/start-session.js';
import { readSession, todaysSession } from '../app/session-run/todays-session.js';
import { bodiesOfPerson, officeOfMember } from '../app/shared/body-of.js';
import type { MembershipDeps } from '../app/shared/deps.js';
import { isSpk } from '../app/shared/secretariat.js';
import { sessionAgenda } from '../app/shared/session-agenda.js';
import { castBallot } from '../app/voting/cast-ballot.js';
import { closeVote } from '../app/voting/close-vote.js';
import { grantVote } from '../app/voting/grant-vote.js';
import { openVote } from '../app/voting/open-vote.js';
import { voteAudience } from '../app/voting/vote-audience.js';
import { openVotes, type VoteView, voteView } from '../app/voting/vote-view.js';
import { type Body, type LocalTime, officeById } from '../domain/body.js';
import type { PlainDate } from '../domain/calendar.js';
import { quorumStatus } from '../domain/quorum.js';
import { sessionTimeline } from '../domain/schedule.js';
import type { SessionSnapshot } from '../ports/gremien-store.js';
import type { LiveCardRow } from '../ports/records.js';
import { bodyOfConversation, personOf } from './context.js';
import { markLive, redrawLater, updateMessage } from './live-cards.js';
import { notice, REFUSALS, type RefusalReason, refusalCard } from './refusals.js';

type Ctx = IActivityContext<Activity>;

/** Where a session's run needs other words than the general table (src/teams/refusals.ts). */
const RUN_REFUSALS: Partial<Record<RefusalReason, MessageKey>> = {
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
const refused = (locale: Locale, reason: RefusalReason, params: Record<string, string | number> = {}) =>
  notice(locale, RUN_REFUSALS[reason] ?? REFUSALS[reason], params, true);

/** The channel's body and today's session, or the card that says why there is none. */
export async function channelSession(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  missing: MessageKey,
): Promise<{ body: Body; session: SessionSnapshot } | AdaptiveCard> {
  const body = await bodyOfConversation(deps, ctx.activity);
  if (!body) return refusalCard(locale, 'noBody');
  const session = await todaysSession(deps, body);
  return session ? { body, session } : notice(locale, missing, {}, true);
}

function checkInView(locale: Locale, body: Body, snapshot: SessionSnapshot): AdaptiveCard {
  const present = [...snapshot.attendance.values()].filter((a) => a.value.present).map((a) => a.value);
  const name = (id: string) => officeById(body, id)?.name ?? id;
  const agenda = sessionAgenda(snapshot);
  const s = snapshot.session.value;
  return checkInCard(locale, {
    bodyId: body.id,
    sessionId: snapshot.sessionId,
    bodyName: body.name,
    start: sessionTimeline(body, s.date as PlainDate, s.startTime as LocalTime).start,
    place: s.place,
    agenda: agenda.map((i) => ({ number: i.number, title: i.title, marking: i.marking })),
    quorum: quorumStatus(
      body,
      present.map((a) => a.officeId),
    ),
    present: present.filter((a) => a.capacity === 'voting').map((a) => name(a.officeId)),
    advisory: present.filter((a) => a.capacity === 'advisory').map((a) => name(a.officeId)),
  });
}

/** `sitzung starten` (SPK): starts today's session and posts the check-in card. */
export async function startSessionCommand(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
): Promise<AdaptiveCard> {
  const context = await channelSession(deps, ctx, locale, 'run.noSessionToday');
  if ('type' in context) return context;
  const { body, session } = context;
  const result = await startSession(deps, {
    bodyId: body.id,
    sessionId: session.sessionId,
    actor: personOf(ctx),
    activityId: ctx.activity.id,
  });
  if (result.kind === 'refused') return refusalCard(locale, result.reason);
  const fresh = await readSession(deps, body.id, session.sessionId);
  if (!fresh) return notice(locale, 'run.started');
  return markLive(checkInView(locale, body, fresh), {
    bodyId: body.id,
    sessionId: session.sessionId,
    card: 'checkIn',
  });
}

/** Redraws every live card of the session (check-in and vote cards) except the clicked one. */
async function redrawSessionCards(
  deps: MembershipDeps,
  ctx: Ctx,
  body: Body,
  sessionId: string,
  except?: string,
): Promise<void> {
  let cards: LiveCardRow[];
  try {
    cards = await liveCardsOf(deps, body.id, sessionId);
  } catch (e) {
    ctx.log.warn('could not read the live cards', e instanceof Error ? e.message : e);
    return;
  }
  for (const c of cards) {
    if (c.activityId === except && c.conversationId === ctx.activity.conversation.id) continue;
    redrawLater(ctx, c.conversationId, c.activityId, async () => {
      const snapshot = await readSession(deps, body.id, sessionId);
      if (!snapshot) return undefined;
      if (c.card === 'checkIn') return checkInView(c.locale, body, snapshot);
      const view = voteView(body, snapshot, c.card.slice('vote|'.length));
      return view
        ? voteCard(c.locale, { ...voteCardData(view), ...(await voteAudience(deps, view)) })
        : undefined;
    });
  }
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
    actorAadObjectId: ctx.activity.from.aadObjectId ?? '',
    activityId: ctx.activity.id,
    actor: personOf(ctx),
    ...(data.officeId ? { claimedOfficeId: data.officeId } : {}),
  });
  if (result.kind === 'refused')
    return result.reason === 'otherOffice'
      ? notice(locale, 'run.otherOffice', {}, true)
      : refused(locale, result.reason);
  // A fresh read shows everyone's check-ins; if it fails, the check-in is still saved and the
  // card is drawn from what it decided on — never "not saved" for a stored check-in.
  const fresh = (await readSession(deps, body.id, data.sessionId).catch(() => undefined)) ?? result.snapshot;
  const card = checkInView(locale, body, fresh);
  if (ctx.activity.replyToId)
    await updateMessage(ctx, ctx.activity.conversation.id, ctx.activity.replyToId, card);
  await redrawSessionCards(deps, ctx, body, data.sessionId, ctx.activity.replyToId);
  return card;
}

/** `abstimmung TOP n` (SPK): opens the vote and posts the vote card. */
export async function openVoteCommand(
  deps: MembershipDeps,
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
  const card = voteCard(locale, {
    ...voteCardData(result.view),
    ...(await voteAudience(deps, result.view)),
  });
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
    actorAadObjectId: ctx.activity.from.aadObjectId ?? '',
    choice: data.choice,
    argument: data.argument,
    activityId: ctx.activity.id,
    actor: personOf(ctx),
    ...(data.officeId ? { claimedOfficeId: data.officeId } : {}),
  });
  if (result.kind === 'refused') return refused(locale, result.reason);
  // Drawn from the session as the cast read it, with the new ballot: no second read.
  const view = openVotes(body, result.snapshot).find((v) => v.voteId === data.voteId);
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
    await redrawSessionCards(deps, ctx, body, data.sessionId, clicked);
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

/** The channel's body; in a personal chat, the first body the person is an approved member of. */
export async function bodyOfChatOrChannel(deps: MembershipDeps, ctx: Ctx): Promise<Body | undefined> {
  const body = await bodyOfConversation(deps, ctx.activity);
  if (body) return body;
  return (await bodiesOfPerson(deps, ctx.activity.from.aadObjectId ?? ''))[0];
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
export async function closeVoteCommand(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
): Promise<AdaptiveCard> {
  const context = await channelSession(deps, ctx, locale, 'run.notRunning');
  if ('type' in context) return context;
  const { body, session } = context;
  const result = await closeVote(deps, {
    bodyId: body.id,
    sessionId: session.sessionId,
    actor: personOf(ctx),
    activityId: ctx.activity.id,
  });
  if (result.kind === 'refused')
    return result.reason === 'voteClosed'
      ? notice(locale, 'vote.none', {}, true)
      : refused(locale, result.reason);
  // The vote card itself turns closed: no buttons, the final counts.
  await redrawSessionCards(deps, ctx, body, session.sessionId);
  return tallyCard(locale, tallyData(locale, result.view));
}

function voteCardData(view: VoteView) {
  const { outcome } = view;
  const tally = outcome.tally;
  const base = 'base' in outcome ? outcome.base : view.vote.electorate.length;
  const required = 'required' in outcome ? outcome.required : 0;
  return {
    bodyId: view.body.id,
    sessionId: view.sessionId,
    voteId: view.voteId,
    number: view.number,
    title: view.item.title,
    rule: {
      ...view.body.majority.fraction,
      comparison: view.body.majority.comparison,
      base: view.body.majority.base,
    },
    required,
    base,
    counts: { yes: tally.yes, no: tally.no, abstain: tally.abstain, notVoted: tally.notVoted.length },
    open: view.vote.status === 'open',
    quorum: quorumStatus(view.body, view.present),
  };
}

function tallyData(locale: Locale, view: VoteView): TallyData {
  const recorded = new Set(view.ballots.filter((b) => b.recordedBy === 'secretariat').map((b) => b.officeId));
  // An office whose ballot the SPK recorded says so wherever it is named.
  const name = (id: string) =>
    `${officeById(view.body, id)?.name ?? id}${recorded.has(id) ? ` (${t(locale, 'record.marker')})` : ''}`;
  const counted = view.outcome.tally.counted;
  const byChoice = (c: string) => counted.filter((b) => b.choice === c).map((b) => name(b.officeId));
  const quorum = quorumStatus(view.body, view.vote.electorate);
  return {
    ...voteCardData(view),
    outcome: view.outcome.kind,
    reached: view.outcome.kind === 'open' ? view.outcome.reached : view.outcome.kind === 'adopted',
    stillNeeded: view.outcome.kind === 'open' ? view.outcome.stillNeeded : 0,
    quorum,
    byChoice: {
      yes: byChoice('yes'),
      no: byChoice('no'),
      abstain: byChoice('abstain'),
      notVoted: view.outcome.tally.notVoted.map(name),
    },
    arguments: view.ballots.map((b) => ({
      office: name(b.officeId),
      choice: b.choice as 'yes',
      text: b.argument,
      advisory: b.capacity === 'advisory',
    })),
  };
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

/** The words for a refused recording of an office's ballot by the SPK. */
function recordRefused(locale: Locale, reason: RefusalReason, office: string): AdaptiveCard {
  if (reason === 'notPresent') return notice(locale, 'record.notPresent', { office }, true);
  return refused(locale, reason);
}

/**
 * "Stimme erfassen" on the vote card, or `stimme erfassen <Amt> ja|nein|enthaltung …` (SPK):
 * the ballot of an office in the room without Teams, marked as recorded by the SPK.
 */
export async function recordBallot(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  r: {
    body: Body;
    sessionId: string;
    voteId: string;
    officeId: string;
    choice: 'yes' | 'no' | 'abstain';
    argument: string;
    /** A command's answer is a new post: a notice with the counts, not another copy of the vote card. */
    asNotice?: boolean;
  },
): Promise<AdaptiveCard> {
  const office = officeById(r.body, r.officeId)?.name ?? r.officeId;
  const result = await castBallot(deps, {
    bodyId: r.body.id,
    sessionId: r.sessionId,
    voteId: r.voteId,
    actorAadObjectId: ctx.activity.from.aadObjectId ?? '',
    choice: r.choice,
    argument: r.argument,
    activityId: ctx.activity.id,
    actor: personOf(ctx),
    forOfficeId: r.officeId,
  });
  if (result.kind === 'refused') return recordRefused(locale, result.reason, office);
  await redrawSessionCards(deps, ctx, r.body, r.sessionId);
  const key: MessageKey =
    result.kind === 'unchanged'
      ? 'record.unchanged'
      : result.ballot.capacity === 'advisory'
        ? 'record.advisoryDone'
        : 'record.done';
  const line = t(locale, key, { office, choice: t(locale, `vote.${r.choice}` as MessageKey) });
  const view = voteView(r.body, result.snapshot, r.voteId);
  if (r.asNotice || !view) {
    const card = notice(locale, key, { office, choice: t(locale, `vote.${r.choice}` as MessageKey) });
    if (view)
      card.body.push({
        type: 'TextBlock',
        text: t(locale, 'vote.counts', voteCardData(view).counts),
        wrap: true,
        size: 'Small',
        isSubtle: true,
      });
    return card;
  }
  const card = view
    ? voteCard(locale, { ...voteCardData(view), ...(await voteAudience(deps, view)), ownLine: line })
    : notice(locale, key, { office, choice: t(locale, `vote.${r.choice}` as MessageKey) });
  return card;
}

export async function recordBallotAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['vote.record']>,
): Promise<AdaptiveCard> {
  const body = deps.bodies.get(data.bodyId);
  if (!body) return refusalCard(locale, 'unknownBody');
  if (!data.recordOfficeId) return notice(locale, 'record.pickOffice', {}, true);
  const card = await recordBallot(deps, ctx, locale, {
    body,
    sessionId: data.sessionId,
    voteId: data.voteId,
    officeId: data.recordOfficeId,
    choice: data.recordChoice,
    argument: data.recordArgument,
  });
  return card;
}

/** `stimme erfassen <Amt> ja|nein|enthaltung <Begründung>` (SPK), for the open vote. */
export async function recordBallotCommand(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  cmd: { office: string; choice: 'yes' | 'no' | 'abstain'; argument: string },
): Promise<AdaptiveCard> {
  const context = await channelSession(deps, ctx, locale, 'run.notRunning');
  if ('type' in context) return context;
  const { body, session } = context;
  if (!(await isSpk(deps, body, personOf(ctx)))) return refusalCard(locale, 'notSecretariat');
  const officeId = resolveOffice(body, cmd.office);
  if (!officeId) return notice(locale, 'attendance.unknownOffice', { office: cmd.office.slice(0, 60) }, true);
  const vote = openVotes(body, session).sort((a, b) => (a.vote.openedAt < b.vote.openedAt ? 1 : -1))[0];
  if (!vote) return notice(locale, 'vote.none', {}, true);
  return recordBallot(deps, ctx, locale, {
    body,
    sessionId: session.sessionId,
    voteId: vote.voteId,
    officeId,
    choice: cmd.choice,
    argument: cmd.argument,
    asNotice: true,
  });
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

/** `stimmrecht gewähren <Amt> TOP <n>` (SPK). */
export async function grantVoteCommand(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  officeText: string,
  itemNumber: number,
): Promise<AdaptiveCard> {
  const context = await channelSession(deps, ctx, locale, 'run.notRunning');
  if ('type' in context) return context;
  const { body, session } = context;
  const officeId = resolveOffice(body, officeText);
  if (!officeId) return notice(locale, 'attendance.unknownOffice', { office: officeText.slice(0, 60) }, true);
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

/** `anwesend <Amt>` / `abwesend <Amt>` (SPK). */
export async function markAttendanceCommand(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  officeText: string,
  present: boolean,
): Promise<AdaptiveCard> {
  const context = await channelSession(deps, ctx, locale, 'run.notRunning');
  if ('type' in context) return context;
  const { body, session } = context;
  const officeId = resolveOffice(body, officeText);
  if (!officeId) return notice(locale, 'attendance.unknownOffice', { office: officeText.slice(0, 60) }, true);
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

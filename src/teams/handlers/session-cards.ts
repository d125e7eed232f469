import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import { checkInCard } from '../../../cards/check-in-card.js';
import type { Locale } from '../../../cards/locale.js';
import { t } from '../../../cards/messages.js';
import type { TallyData } from '../../../cards/tally-card.js';
import { voteCard } from '../../../cards/vote-cards.js';
import { liveCardsOf } from '../../app/session-run/live-cards.js';
import { readSession } from '../../app/session-run/todays-session.js';
import type { MembershipDeps } from '../../app/shared/deps.js';
import { sessionAgenda } from '../../app/shared/session-agenda.js';
import { voteAudience } from '../../app/voting/vote-audience.js';
import { type VoteView, voteView } from '../../app/voting/vote-view.js';
import { type Body, type LocalTime, officeById } from '../../domain/body.js';
import type { PlainDate } from '../../domain/calendar.js';
import { quorumStatus } from '../../domain/quorum.js';
import { sessionTimeline } from '../../domain/schedule.js';
import { bodyOfSession } from '../../domain/vote-rules.js';
import type { SessionSnapshot } from '../../ports/gremien-store.js';
import type { LiveCardRow } from '../../ports/records.js';
import { redrawLater } from '../redraw.js';
import type { Ctx } from './context.js';

export function checkInView(locale: Locale, body: Body, snapshot: SessionSnapshot): AdaptiveCard {
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
      bodyOfSession(body, s.rules),
      present.map((a) => a.officeId),
    ),
    present: present.filter((a) => a.capacity === 'voting').map((a) => name(a.officeId)),
    advisory: present.filter((a) => a.capacity === 'advisory').map((a) => name(a.officeId)),
  });
}

/** Redraws every live card of the session (check-in and vote cards) except the clicked one. */
export async function redrawSessionCards(
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

export function voteCardData(view: VoteView) {
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
    annulled: view.vote.status === 'annulled',
    quorum: quorumStatus(view.body, view.present),
  };
}

export function tallyData(locale: Locale, view: VoteView): TallyData {
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
    ...(view.body.version ? { rulesVersion: view.body.version } : {}),
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

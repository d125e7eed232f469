import type { z } from 'zod';
import type { CardActions } from '../../../cards/actions.js';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import type { Locale } from '../../../cards/locale.js';
import { t } from '../../../cards/messages.js';
import { voteCard } from '../../../cards/vote-cards.js';
import type { MembershipDeps } from '../../app/shared/deps.js';
import { castBallot } from '../../app/voting/cast-ballot.js';
import { voteAudience } from '../../app/voting/vote-audience.js';
import { latestOpenVote } from '../../app/voting/vote-view.js';
import { type Body, officeById } from '../../domain/body.js';
import { notice, type RefusalReason, refusalCard } from '../refusals.js';
import { actingPerson, type Ctx, refused, sessionAndOffice } from './context.js';
import { choiceLabel, recordedKey, recordedNotice } from './recorded.js';
import { redrawSessionCards, voteCardData } from './session-cards.js';

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
    ...actingPerson(ctx),
    choice: r.choice,
    argument: r.argument,
    forOfficeId: r.officeId,
  });
  if (result.kind === 'refused') return recordRefused(locale, result.reason, office);
  await redrawSessionCards(deps, ctx, r.body, r.sessionId);
  const key = recordedKey(result);
  const params = { office, choice: choiceLabel(locale, r.choice) };
  const view = result.view;
  if (r.asNotice || !view)
    return recordedNotice(
      locale,
      key,
      params,
      view ? t(locale, 'vote.counts', voteCardData(view).counts) : undefined,
    );
  return voteCard(locale, {
    ...voteCardData(view),
    ...(await voteAudience(deps, view)),
    ownLine: t(locale, key, params),
  });
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
  const context = await sessionAndOffice(deps, ctx, locale, cmd.office, true);
  if ('type' in context) return context;
  const { body, session, officeId } = context;
  const voteId = latestOpenVote(session);
  if (!voteId) return notice(locale, 'vote.none', {}, true);
  return recordBallot(deps, ctx, locale, {
    body,
    sessionId: session.sessionId,
    voteId,
    officeId,
    choice: cmd.choice,
    argument: cmd.argument,
    asNotice: true,
  });
}

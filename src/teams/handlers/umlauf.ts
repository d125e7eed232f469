import type { z } from 'zod';
import type { CardActions } from '../../../cards/actions.js';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import { formatDayTime } from '../../../cards/format.js';
import type { Locale } from '../../../cards/locale.js';
import { type MessageKey, t } from '../../../cards/messages.js';
import { plain } from '../../../cards/plain.js';
import { umlaufCard, umlaufFormCard, umlaufResultCard } from '../../../cards/umlauf-cards.js';
import type { MembershipDeps } from '../../app/shared/deps.js';
import { castUmlaufBallot } from '../../app/umlauf/cast-umlauf-ballot.js';
import { openUmlauf } from '../../app/umlauf/open-umlauf.js';
import { openUmlaufs, recordableUmlaufOffices, umlaufView } from '../../app/umlauf/umlauf-view.js';
import { type Body, officeById } from '../../domain/body.js';
import { defaultUmlaufDeadline, umlaufMaxDeadlineDays } from '../../domain/notifications.js';
import type { UmlaufProblem } from '../../domain/umlauf.js';
import type { NotificationPlanner } from '../../ports/notification-planner.js';
import { umlaufCardData, umlaufResultData } from '../notification-content.js';
import { notice, REFUSALS, type RefusalReason, refusalCard } from '../refusals.js';
import type { Ctx } from './context.js';
import { actingPerson, isCard, personOf, resolveOffice, spkBody, unknownOffice } from './context.js';
import { choiceLabel, recordedKey, recordedNotice } from './recorded.js';

type Deps = MembershipDeps & { readonly planner: NotificationPlanner };

const FIELD_KEYS: Record<UmlaufProblem['field'], MessageKey> = {
  title: 'umlauf.field.title',
  text: 'umlauf.field.text',
  documents: 'umlauf.field.documents',
  deadline: 'umlauf.deadline',
};

function formFor(
  locale: Locale,
  deps: Deps,
  body: Body,
  values?: z.output<(typeof CardActions)['umlauf.open']>,
  problems: readonly UmlaufProblem[] = [],
) {
  return umlaufFormCard(locale, {
    body,
    defaultDeadline: defaultUmlaufDeadline(body, deps.clock.now()),
    maxDays: umlaufMaxDeadlineDays(body),
    objectionAllowed: body.umlauf.objectionAllowed,
    ...(values ? { values } : {}),
    problems: problems.map((p) => ({
      field: p.field,
      message: t(locale, `umlauf.problem.${p.code}` as MessageKey, {
        field: t(locale, FIELD_KEYS[p.field]),
        limit: p.limit ?? '',
      }),
    })),
  });
}

/** `umlauf` (SPK): the form to open an Umlaufverfahren. */
export async function umlaufCommand(deps: Deps, ctx: Ctx, locale: Locale): Promise<AdaptiveCard> {
  const body = await spkBody(deps, ctx, locale, 'chatOrChannel');
  return isCard(body) ? body : formFor(locale, deps, body);
}

export async function openUmlaufAction(
  deps: Deps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['umlauf.open']>,
): Promise<AdaptiveCard> {
  const result = await openUmlauf(deps, {
    bodyId: data.bodyId,
    actor: personOf(ctx),
    title: data.title,
    text: data.text,
    documents: data.documents,
    deadlineDate: data.deadlineDate,
    deadlineTime: data.deadlineTime,
    activityId: ctx.activity.id,
  });
  if (result.kind === 'refused') return refusalCard(locale, result.reason);
  if (result.kind === 'invalid') {
    const body = deps.bodies.get(data.bodyId);
    return body ? formFor(locale, deps, body, data, result.problems) : refusalCard(locale, 'unknownBody');
  }
  return notice(locale, result.kind === 'exists' ? 'umlauf.exists' : 'umlauf.opened', {
    title: result.view.umlauf.title,
    deadline: formatDayTime(locale, new Date(result.view.umlauf.deadline), true),
  });
}

const UMLAUF_REFUSALS: Partial<Record<RefusalReason, MessageKey>> = {
  voteClosed: 'umlauf.closed',
  deadlinePassed: 'umlauf.deadlinePassed',
  unknownUmlauf: 'umlauf.unknown',
  otherOffice: 'vote.otherOffice',
  argumentTooLong: 'vote.argumentTooLong',
  argumentText: 'vote.argumentText',
  objectionNotAllowed: 'umlauf.objectionNotAllowedRefused',
};

/**
 * "Stimme erfassen" on the Umlauf card, or `umlauf stimme erfassen <Amt> …` (SPK): an office's
 * written statement to the Geschäftsstelle, marked as recorded by the SPK, where the body allows it.
 */
async function recordUmlauf(
  deps: Deps,
  ctx: Ctx,
  locale: Locale,
  r: {
    body: Body;
    umlaufId: string;
    officeId: string;
    choice: 'yes' | 'no' | 'abstain' | 'object';
    argument: string;
    /** A command's answer is a new post: a notice with the counts, not another ballot card. */
    asNotice?: boolean;
  },
): Promise<AdaptiveCard> {
  const office = officeById(r.body, r.officeId)?.name ?? r.officeId;
  const result = await castUmlaufBallot(deps, {
    bodyId: r.body.id,
    umlaufId: r.umlaufId,
    ...actingPerson(ctx),
    choice: r.choice,
    argument: r.argument,
    forOfficeId: r.officeId,
  });
  if (result.kind === 'refused') {
    const key = UMLAUF_REFUSALS[result.reason];
    return notice(locale, key ?? REFUSALS[result.reason], {}, true);
  }
  const key = recordedKey(result);
  const params = { office, choice: choiceLabel(locale, r.choice) };
  const data = umlaufCardData(r.body, result.view);
  if (r.asNotice)
    return recordedNotice(
      locale,
      key,
      params,
      `**${plain(data.title)}** · ${t(locale, 'umlauf.counts', data.counts)}`,
    );
  return umlaufCard(locale, {
    ...data,
    recordable: await recordableUmlaufOffices(deps, r.body, result.view),
    ownLine: t(locale, key, params),
  });
}

export async function recordUmlaufAction(
  deps: Deps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['umlauf.record']>,
): Promise<AdaptiveCard> {
  const body = deps.bodies.get(data.bodyId);
  if (!body) return refusalCard(locale, 'unknownBody');
  if (!data.recordOfficeId) return notice(locale, 'record.pickOffice', {}, true);
  return recordUmlauf(deps, ctx, locale, {
    body,
    umlaufId: data.umlaufId,
    officeId: data.recordOfficeId,
    choice: data.recordChoice,
    argument: data.recordArgument,
  });
}

/** `umlauf stimme erfassen <Amt> ja|nein|enthaltung|einspruch <Begründung>` (SPK), for the open Umlauf. */
export async function recordUmlaufCommand(
  deps: Deps,
  ctx: Ctx,
  locale: Locale,
  cmd: { office: string; choice: 'yes' | 'no' | 'abstain' | 'object'; argument: string },
): Promise<AdaptiveCard> {
  const body = await spkBody(deps, ctx, locale, 'chatOrChannel');
  if (isCard(body)) return body;
  const officeId = resolveOffice(body, cmd.office);
  if (!officeId) return unknownOffice(locale, cmd.office);
  const open = await openUmlaufs(deps, body);
  if (open.length > 1) return notice(locale, 'record.umlaufSeveral', {}, true);
  const [view] = open;
  if (!view) return notice(locale, 'record.umlaufNone', {}, true);
  return recordUmlauf(deps, ctx, locale, {
    body,
    umlaufId: view.umlaufId,
    officeId,
    choice: cmd.choice,
    argument: cmd.argument,
    asNotice: true,
  });
}

export async function castUmlaufAction(
  deps: Deps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['umlauf.cast']>,
): Promise<AdaptiveCard> {
  const body = deps.bodies.get(data.bodyId);
  if (!body) return refusalCard(locale, 'unknownBody');
  const result = await castUmlaufBallot(deps, {
    bodyId: body.id,
    umlaufId: data.umlaufId,
    ...actingPerson(ctx),
    choice: data.choice,
    argument: data.argument,
    ...(data.officeId ? { claimedOfficeId: data.officeId } : {}),
  });
  if (result.kind === 'refused') {
    const key = UMLAUF_REFUSALS[result.reason] ?? REFUSALS[result.reason];
    // A ballot card of a closed Umlauf is refreshed to what is true now: its result, no buttons
    // (where the platform could not replace it when it closed), with the reason on top.
    if (result.reason === 'voteClosed') {
      const view = await umlaufView(deps, body, data.umlaufId).catch(() => undefined);
      if (view && view.umlauf.status === 'closed') {
        const card = umlaufResultCard(locale, umlaufResultData(body, view));
        card.body.unshift({
          type: 'TextBlock',
          text: t(locale, key),
          wrap: true,
          weight: 'Bolder',
          color: 'Warning',
        });
        return card;
      }
    }
    return notice(locale, key, {}, true);
  }
  const office = officeById(body, result.ballot.officeId)?.name ?? result.ballot.officeId;
  const choice = t(
    locale,
    result.ballot.choice === 'object' ? 'umlauf.object' : (`vote.${result.ballot.choice}` as MessageKey),
  );
  const key: MessageKey =
    result.kind === 'unchanged'
      ? 'umlauf.unchanged'
      : result.ballot.capacity === 'advisory'
        ? 'umlauf.advisoryRecorded'
        : result.kind === 'recordedAndClosed'
          ? 'umlauf.recordedClosed'
          : 'umlauf.recorded';
  return umlaufCard(locale, {
    ...umlaufCardData(body, result.view),
    ownLine: t(locale, key, { office, choice }),
  });
}

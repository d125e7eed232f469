import type { z } from 'zod';
import type { CardActions } from '../../../cards/actions.js';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import {
  dueText,
  FOLLOW_UP_PROBLEMS,
  type FollowUpFieldProblem,
  followUpFormCard,
  followUpListCard,
  stateText,
} from '../../../cards/follow-up-cards.js';
import type { Locale } from '../../../cards/locale.js';
import { textOf as t } from '../../../cards/messages.js';
import {
  addFollowUp,
  completeFollowUp,
  lineOf,
  listFollowUps,
  originOf,
} from '../../app/follow-ups/follow-ups.js';
import { actorFor } from '../../app/shared/actor.js';
import type { MembershipDeps } from '../../app/shared/deps.js';
import { isSpk } from '../../app/shared/secretariat.js';
import type { Body } from '../../domain/body.js';
import { parseUserDate } from '../../domain/calendar.js';
import { notice, refusalCard, refusalMessage } from '../refusals.js';
import { messageWithCard } from '../replies.js';
import { type Ctx, personOf } from './context.js';
import { decisionByNumber, readableBody } from './register.js';

type Data<V extends keyof typeof CardActions> = z.output<(typeof CardActions)[V]>;

/** The list card for the reader: who may mark which follow-up done is decided by membership. */
async function listCard(deps: MembershipDeps, ctx: Ctx, locale: Locale, body: Body, noticeText?: string) {
  const person = personOf(ctx);
  const views = await listFollowUps(deps, body);
  const spk = await isSpk(deps, body, person);
  const actor = await actorFor(deps, body.id, person.aadObjectId, person);
  const own = actor.kind === 'member' ? actor.officeId : undefined;
  return followUpListCard(locale, {
    bodyId: body.id,
    bodyName: body.name,
    lines: views.map(lineOf),
    canComplete: new Set(views.filter((v) => spk || v.row.officeId === own).map((v) => v.id)),
    ...(noticeText ? { notice: noticeText } : {}),
  });
}

/** `wiedervorlagen`: members see the body's follow-ups; the responsible office marks them done. */
export async function followUpsCommand(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
): Promise<AdaptiveCard> {
  const body = await readableBody(deps, ctx, locale);
  if ('type' in body) return body;
  return listCard(deps, ctx, locale, body);
}

/** The SPK's form for what `ref` names (a decision or an item), or why there is none. */
async function formFor(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  body: Body,
  ref: string,
  values?: Data<'followUp.add'>,
  problems?: FollowUpFieldProblem[],
): Promise<AdaptiveCard> {
  if (!(await isSpk(deps, body, personOf(ctx)))) return refusalCard(locale, 'notSecretariat');
  const origin = await originOf(deps, body, ref);
  if (!origin) return notice(locale, 'followUp.unknownOrigin', {}, true);
  return followUpFormCard(locale, {
    bodyId: body.id,
    origin,
    offices: body.offices.map((o) => ({ id: o.id, name: o.name })),
    ...(values
      ? {
          values: {
            what: values.what,
            officeId: values.officeId,
            dueKind: values.dueKind,
            dueDate: values.dueDate,
          },
        }
      : {}),
    ...(problems ? { problems } : {}),
  });
}

/** `wiedervorlage 2027/03` (SPK): the follow-up form for a decision in the register. */
export async function followUpFormCommand(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  number: string,
): Promise<AdaptiveCard> {
  const body = await readableBody(deps, ctx, locale);
  if ('type' in body) return body;
  const found = await decisionByNumber(deps, body, locale, number, 'followUp.usage');
  if ('type' in found) return found;
  return formFor(deps, ctx, locale, body, found.ref);
}

/**
 * "Wiedervorlage anlegen" on a decision card, a vote's result or an item of the protocol draft:
 * the form comes as a message of its own, so the clicked card (a draft with unsaved notes) stays.
 */
export async function followUpFormAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: Data<'followUp.form'>,
): Promise<AdaptiveCard | { message: string }> {
  const body = deps.bodies.get(data.bodyId);
  if (!body) return refusalCard(locale, 'unknownBody');
  const card = await formFor(deps, ctx, locale, body, data.ref);
  const refusal = refusalMessage(card);
  if (refusal) return card;
  await ctx.send(messageWithCard(card));
  return { message: t(locale, 'followUp.formSent') };
}

/** The form's submit: the follow-up is set, or the form comes back with what to correct. */
export async function addFollowUpAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: Data<'followUp.add'>,
): Promise<AdaptiveCard> {
  const body = deps.bodies.get(data.bodyId);
  if (!body) return refusalCard(locale, 'unknownBody');
  // The date picker sends YYYY-MM-DD; a typed date is read as people write it.
  const date =
    data.dueKind === 'date' ? (parseUserDate(data.dueDate) ?? (data.dueDate ? 'invalid' : '')) : 'next';
  const result = await addFollowUp(deps, {
    body,
    actor: personOf(ctx),
    ref: data.ref,
    what: data.what,
    officeId: data.officeId,
    due: date === '' ? 'invalid' : date,
    activityId: ctx.activity.id,
  });
  if (result.kind === 'refused')
    return result.reason === 'notSecretariat'
      ? refusalCard(locale, 'notSecretariat')
      : notice(locale, 'followUp.unknownOrigin', {}, true);
  if (result.kind === 'invalid') {
    const problems = result.problems.map((p) => {
      const known = FOLLOW_UP_PROBLEMS[p] ?? {
        field: 'what' as const,
        key: 'followUp.problem.whatTooShort' as const,
      };
      return { field: known.field, message: t(locale, known.key) };
    });
    return formFor(deps, ctx, locale, body, data.ref, data, problems);
  }
  return notice(locale, 'followUp.added', {
    what: result.view.row.what,
    office: result.view.office,
    due: dueText(locale, lineOf(result.view)),
  });
}

/** "Erledigt" on the list: the office marks it done with its note; the list is drawn again. */
export async function completeFollowUpAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: Data<'followUp.done'>,
): Promise<AdaptiveCard> {
  const body = deps.bodies.get(data.bodyId);
  if (!body) return refusalCard(locale, 'unknownBody');
  const result = await completeFollowUp(deps, {
    body,
    id: data.followUpId,
    actor: personOf(ctx),
    note: data.note,
    activityId: ctx.activity.id,
  });
  if (result.kind === 'refused') {
    if (result.reason === 'unknown') return notice(locale, 'followUp.unknown', {}, true);
    if (result.reason === 'noteTooLong') return notice(locale, 'followUp.noteTooLong', {}, true);
    const office = (await listFollowUps(deps, body)).find((v) => v.id === data.followUpId)?.office ?? '';
    return notice(locale, 'followUp.notResponsible', { office }, true);
  }
  if (result.already)
    return notice(locale, 'followUp.alreadyDone', { state: stateText(locale, lineOf(result.view)) }, true);
  return listCard(deps, ctx, locale, body, t(locale, 'followUp.doneNotice', { what: result.view.row.what }));
}

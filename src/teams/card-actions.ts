import type { z } from 'zod';
import { CardActions, type Verb } from '../../cards/actions.js';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import type { Locale } from '../../cards/locale.js';
import { textOf } from '../../cards/messages.js';
import { helpEntries } from './commands/table.js';
import {
  editTopicAction,
  lateTopicAction,
  manageAgendaAction,
  registerTopicAction,
  reorderAgendaAction,
  topicFormAction,
  withdrawTopicAction,
} from './handlers/agenda.js';
import { bodyFormAction } from './handlers/body-form.js';
import type { Ctx } from './handlers/context.js';
import type { BotDeps } from './handlers/deps.js';
import { fileLinkAction } from './handlers/files.js';
import { addFollowUpAction, completeFollowUpAction, followUpFormAction } from './handlers/follow-ups.js';
import { helpReply } from './handlers/help.js';
import {
  changeMembershipAction,
  decideMembershipAction,
  linkBodyAction,
  requestMembershipAction,
  shownPerson,
} from './handlers/membership.js';
import { endSessionAction, saveProtocolAction } from './handlers/protocol.js';
import { recordBallotAction } from './handlers/record-ballot.js';
import { registerPageAction } from './handlers/register.js';
import { checkInAction } from './handlers/session-run.js';
import { createSessionAction, meetingSeriesAction } from './handlers/sessions.js';
import { castUmlaufAction, openUmlaufAction, recordUmlaufAction } from './handlers/umlauf.js';
import { castVoteAction, voteViewAction } from './handlers/voting.js';
import { messageWithCard } from './replies.js';

/** A card for the clicked message, or a short text that leaves the clicked card as it is. */
export type ActionAnswer = AdaptiveCard | { readonly message: string };

/** A button's handler gets the data its verb's schema parsed; who acts comes from `ctx`. */
export type ActionHandler<V extends Verb> = (
  deps: BotDeps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)[V]>,
) => Promise<ActionAnswer>;

/** Every verb a card button can send, with its handler: the compiler asks for each one. */
export const ACTION_HANDLERS: { readonly [V in Verb]: ActionHandler<V> } = {
  help: async (deps, ctx, locale) => {
    await ctx.send(messageWithCard(await helpReply(deps, ctx, locale, helpEntries())));
    return { message: textOf(locale, 'help.sent') };
  },
  'body.link': linkBodyAction,
  'meeting.series': meetingSeriesAction,
  'member.request': requestMembershipAction,
  'member.decide': decideMembershipAction,
  'member.remove': (deps, ctx, locale, data) =>
    changeMembershipAction(deps, ctx, locale, data.bodyId, { kind: 'remove', ...shownPerson(data.person) }),
  'member.move': (deps, ctx, locale, data) =>
    changeMembershipAction(deps, ctx, locale, data.bodyId, {
      kind: 'move',
      ...shownPerson(data.person),
      toOfficeId: data.toOfficeId,
    }),
  'member.leave': (deps, ctx, locale, data) =>
    changeMembershipAction(deps, ctx, locale, data.bodyId, { kind: 'leave' }),
  'session.create': createSessionAction,
  'topic.form': topicFormAction,
  'topic.register': registerTopicAction,
  'topic.late': lateTopicAction,
  'topic.withdraw': withdrawTopicAction,
  'topic.edit': editTopicAction,
  'agenda.manage': manageAgendaAction,
  'agenda.reorder': reorderAgendaAction,
  'session.checkIn': checkInAction,
  'vote.cast': castVoteAction,
  'vote.record': recordBallotAction,
  'vote.view': voteViewAction,
  'umlauf.open': openUmlaufAction,
  'umlauf.cast': castUmlaufAction,
  'umlauf.record': recordUmlaufAction,
  'file.link': fileLinkAction,
  'protocol.save': saveProtocolAction,
  'session.end': endSessionAction,
  'register.page': registerPageAction,
  'body.preview': (deps, ctx, locale, data) => bodyFormAction('preview', deps, ctx, locale, data),
  'body.save': (deps, ctx, locale, data) => bodyFormAction('save', deps, ctx, locale, data),
  'body.edit': (deps, ctx, locale, data) => bodyFormAction('edit', deps, ctx, locale, data),
  'followUp.form': followUpFormAction,
  'followUp.add': addFollowUpAction,
  'followUp.done': completeFollowUpAction,
};

/**
 * Parses a button's data once, with its verb's schema, and runs its handler; `undefined` when the
 * data does not fit the schema (forged or stale card data).
 */
export function runAction<V extends Verb>(
  verb: V,
  deps: BotDeps,
  ctx: Ctx,
  locale: Locale,
  data: unknown,
): { readonly issue: string } | Promise<ActionAnswer> {
  const parsed = CardActions[verb].safeParse(data ?? {});
  if (!parsed.success) return { issue: parsed.error.issues[0]?.message ?? 'invalid' };
  const handler: ActionHandler<V> = ACTION_HANDLERS[verb];
  // TypeScript cannot tie the parse result of `CardActions[V]` to `V` itself; the schema is V's.
  return handler(deps, ctx, locale, parsed.data as z.output<(typeof CardActions)[V]>);
}

import { type AgendaItem, type NumberedItem, topicTiming } from '../../domain/agenda.js';
import type { Body } from '../../domain/body.js';
import type { FollowUpLine } from '../../domain/follow-up.js';
import type { SessionTimeline } from '../../domain/schedule.js';
import type { ItemRow } from '../../ports/records.js';
import { followUpsOnAgenda, lineOf } from '../follow-ups/follow-ups.js';
import type { MembershipDeps } from '../shared/deps.js';
import { sessionAgenda } from '../shared/session-agenda.js';
import { type SessionRefusal, sessionContext, votedItemIds } from './agenda-context.js';

export type AgendaView = {
  readonly body: Body;
  readonly sessionId: string;
  readonly timeline: SessionTimeline;
  readonly place: string;
  readonly items: readonly NumberedItem<AgendaItem & { row: ItemRow }>[];
  readonly pendingLate: readonly ItemRow[];
  readonly registrationOpen: boolean;
  /** Items with a vote (open or closed): they keep their words (`isVotedOn`). */
  readonly voted: ReadonlySet<string>;
  /** The follow-ups due at this session (Wiedervorlagen), shown after its items. */
  readonly followUps?: readonly FollowUpLine[];
};

export async function agendaFor(
  deps: MembershipDeps,
  bodyId: string,
  sessionId: string,
): Promise<AgendaView | SessionRefusal> {
  const context = await sessionContext(deps, bodyId, sessionId);
  if (typeof context === 'string') return context;
  const rows = [...context.snapshot.items.values()].map((v) => v.value);
  return {
    body: context.body,
    sessionId,
    timeline: context.timeline,
    place: context.snapshot.session.value.place,
    items: sessionAgenda(context.snapshot),
    pendingLate: rows.filter((r) => r.status === 'lateRequested'),
    registrationOpen: topicTiming(context.timeline, deps.clock.now()).kind === 'onTime',
    voted: new Set(votedItemIds(context.snapshot)),
    followUps: (
      await followUpsOnAgenda(deps, context.body, {
        sessionId,
        date: context.snapshot.session.value.date,
        status: context.snapshot.session.value.status,
      })
    ).map(lineOf),
  };
}

/** One item of a session as stored (withdrawn items included; the caller decides). */
export async function agendaItem(
  deps: Pick<MembershipDeps, 'store'>,
  bodyId: string,
  sessionId: string,
  itemId: string,
): Promise<ItemRow | undefined> {
  return (await deps.store.loadSession(bodyId, sessionId))?.items.get(itemId)?.value;
}

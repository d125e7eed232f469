import {
  attendanceCapacity,
  type Ballot,
  electorateAtOpening,
  mayBeGrantedVote,
  takesVotes,
  voteOpening,
} from '../domain/ballots.js';
import type { Body } from '../domain/body.js';
import { decideSessionVote, type SessionOutcome } from '../domain/decision.js';
import { quorumStatus } from '../domain/quorum.js';
import { isLateArrival } from '../domain/schedule.js';
import type { SessionChange, SessionSnapshot } from '../ports/gremien-store.js';
import type { AttendanceRow, ItemRow, VoteRow } from '../ports/records.js';
import { retryOnConflict } from './deps.js';
import type { MembershipDeps } from './membership.js';
import { attendanceAsRead, ballotsAsRead, sessionAsRead } from './read-set.js';
import { isSecretariat, type Person } from './secretariat.js';
import { openedAt, timelineOf } from './sessions.js';
import { auditEntry } from './shared/audit.js';
import { sessionAgenda } from './topics.js';

export type VoteView = {
  readonly body: Body;
  readonly sessionId: string;
  readonly voteId: string;
  readonly item: ItemRow;
  readonly number: number;
  readonly vote: VoteRow;
  readonly outcome: SessionOutcome;
  /** The offices present now (the vote's base was frozen when it opened). */
  readonly present: readonly string[];
  readonly ballots: readonly {
    officeId: string;
    choice: string;
    capacity: 'vote' | 'advisory';
    argument: string;
    /** `secretariat`: recorded by the SPK for an office without Teams. */
    recordedBy: 'office' | 'secretariat';
  }[];
};

type Refusal =
  | 'unknownBody'
  | 'notSecretariat'
  | 'unknownSession'
  | 'sessionNotRunning'
  | 'unknownItem'
  | 'notDecisionItem'
  | 'unknownVote'
  | 'voteClosed';

/** A session vote's id: one vote per agenda item. */
export const voteIdOf = (itemId: string) => `v-${itemId}`;

/** The tally and outcome of a vote as stored (counted ballots only; advisory opinions apart). */
export function voteView(body: Body, snapshot: SessionSnapshot, voteId: string): VoteView | undefined {
  const vote = snapshot.votes.get(voteId);
  if (!vote) return undefined;
  const item = snapshot.items.get(vote.value.itemId)?.value;
  if (!item) return undefined;
  const rows = [...snapshot.ballots.values()].map((b) => b.value).filter((b) => b.voteId === voteId);
  const ballots: Ballot[] = rows
    .filter((b) => b.capacity === 'vote')
    .map((b) => ({ officeId: b.officeId, choice: b.choice, castAt: new Date(b.castAt) }));
  const agenda = sessionAgenda(snapshot);
  return {
    body,
    sessionId: snapshot.sessionId,
    voteId,
    item,
    number: agenda.find((i) => i.id === item.itemId)?.number ?? 0,
    vote: vote.value,
    present: [...snapshot.attendance.values()].filter((a) => a.value.present).map((a) => a.value.officeId),
    outcome: decideSessionVote(body, {
      electorate: vote.value.electorate,
      grants: vote.value.grants,
      ballots,
      closed: vote.value.status === 'closed',
    }),
    ballots: rows.map((b) => ({
      officeId: b.officeId,
      choice: b.choice,
      capacity: b.capacity,
      argument: b.argument,
      recordedBy: b.recordedBy,
    })),
  };
}

async function spkSession(deps: MembershipDeps, bodyId: string, sessionId: string, actor: Person) {
  const body = deps.bodies.get(bodyId);
  if (!body) return 'unknownBody' as const;
  if (!(await isSecretariat(deps.store, body, actor, deps.secretariatMembers(body.id))))
    return 'notSecretariat' as const;
  const snapshot = await deps.store.loadSession(bodyId, sessionId);
  if (!snapshot) return 'unknownSession' as const;
  if (snapshot.session.value.status !== 'running') return 'sessionNotRunning' as const;
  return { body, snapshot };
}

/**
 * The SPK opens the vote on agenda item n, which must be a Beschluss item. The voting
 * offices present now (and present commissioners granted a vote for this item) are frozen
 * as the vote's base. Opening an open vote again changes nothing.
 */
export async function openVote(
  deps: MembershipDeps,
  cmd: { bodyId: string; sessionId: string; itemNumber: number; actor: Person; activityId: string },
): Promise<
  | { readonly kind: 'opened' | 'alreadyOpen'; readonly view: VoteView }
  | { readonly kind: 'refused'; readonly reason: Refusal }
> {
  return retryOnConflict(deps, async () => {
    const context = await spkSession(deps, cmd.bodyId, cmd.sessionId, cmd.actor);
    if (typeof context === 'string') return { kind: 'refused', reason: context } as const;
    const { body, snapshot } = context;
    const agenda = sessionAgenda(snapshot);
    const entry = agenda.find((i) => i.number === cmd.itemNumber);
    if (!entry) return { kind: 'refused', reason: 'unknownItem' } as const;
    const voteId = voteIdOf(entry.id);
    const existing = voteView(body, snapshot, voteId);
    const opening = voteOpening(entry.marking, existing?.vote.status);
    if (opening.kind === 'refused') return opening;
    if (opening.kind === 'alreadyOpen' && existing) return { kind: 'alreadyOpen', view: existing } as const;
    const present = [...snapshot.attendance.values()]
      .filter((a) => a.value.present)
      .map((a) => a.value.officeId);
    const now = deps.clock.now();
    const grants = snapshot.items.get(entry.id)?.value.grants ?? [];
    const vote: VoteRow = {
      itemId: entry.id,
      status: 'open',
      electorate: electorateAtOpening(body, present, grants),
      grants: [...grants],
      openedAt: now.toISOString(),
    };
    const item = snapshot.items.get(entry.id);
    if (!item) return { kind: 'refused', reason: 'unknownItem' } as const;
    // The base is frozen from what was read: the commit fails if the session, the item (its
    // grants) or any office's attendance changed meanwhile, and is then decided again.
    const changes: SessionChange[] = [
      { kind: 'vote', voteId, value: vote },
      sessionAsRead(snapshot),
      { kind: 'unchanged', row: { kind: 'item', itemId: entry.id }, etag: item.etag },
      ...attendanceAsRead(body, snapshot, cmd.actor.aadObjectId, now),
    ];
    await deps.store.commitSession(
      body.id,
      cmd.sessionId,
      changes,
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: 'vote.opened',
        target: `vote/${voteId}`,
        after: { itemId: entry.id, electorate: vote.electorate },
        activityId: cmd.activityId,
      }),
    );
    // Drawn from what this commit decided on, not from a second read: once the vote is open,
    // a failing read must not make the answer "not saved".
    const votes = new Map(snapshot.votes);
    votes.set(voteId, { value: vote, etag: '' });
    const view = voteView(body, { ...snapshot, votes }, voteId);
    if (!view) throw new Error('vote without its item');
    return { kind: 'opened', view } as const;
  });
}

/** The SPK closes a vote; from then on it accepts no ballot and its outcome is final. */
export async function closeVote(
  deps: MembershipDeps,
  cmd: { bodyId: string; sessionId: string; voteId?: string; actor: Person; activityId: string },
): Promise<
  | { readonly kind: 'closed'; readonly view: VoteView }
  | { readonly kind: 'refused'; readonly reason: Refusal }
> {
  return retryOnConflict(deps, async () => {
    const context = await spkSession(deps, cmd.bodyId, cmd.sessionId, cmd.actor);
    if (typeof context === 'string') return { kind: 'refused', reason: context } as const;
    const { body, snapshot } = context;
    // Without a vote named, the most recently opened vote on an agenda item is closed.
    const open = [...snapshot.votes.entries()]
      .filter(([, v]) => v.value.status === 'open' && snapshot.items.has(v.value.itemId))
      .sort(([, a], [, b]) =>
        a.value.openedAt < b.value.openedAt ? 1 : a.value.openedAt > b.value.openedAt ? -1 : 0,
      );
    const target = cmd.voteId ? snapshot.votes.get(cmd.voteId) : open[0]?.[1];
    const voteId = cmd.voteId ?? open[0]?.[0];
    if (!target || !voteId)
      return { kind: 'refused', reason: cmd.voteId ? 'unknownVote' : 'voteClosed' } as const;
    if (target.value.status === 'closed') return { kind: 'refused', reason: 'voteClosed' } as const;
    const now = deps.clock.now();
    const closed: VoteRow = { ...target.value, status: 'closed' };
    // The final outcome, from exactly the ballots read: the commit fails if any office's
    // ballot changed or appeared meanwhile (its place is sealed), so what is announced stays.
    const votes = new Map(snapshot.votes);
    votes.set(voteId, { value: closed, etag: target.etag });
    const outcome = voteView(body, { ...snapshot, votes }, voteId)?.outcome;
    await deps.store.commitSession(
      body.id,
      cmd.sessionId,
      [{ kind: 'vote', voteId, value: closed, etag: target.etag }, ...ballotsAsRead(body, snapshot, voteId)],
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: 'vote.closed',
        target: `vote/${voteId}`,
        before: { status: 'open' },
        after: { status: 'closed', outcome: outcome?.kind },
        activityId: cmd.activityId,
      }),
    );
    // The outcome announced is the one this commit decided on (no second read).
    const view = voteView(body, { ...snapshot, votes }, voteId);
    if (!view) throw new Error('vote without its item');
    return { kind: 'closed', view } as const;
  });
}

/** The open votes of a running session, for `stand`. */
export function openVotes(body: Body, snapshot: SessionSnapshot): VoteView[] {
  return [...snapshot.votes.entries()]
    .filter(([, v]) => v.value.status === 'open')
    .map(([id]) => voteView(body, snapshot, id))
    .filter((v): v is VoteView => v !== undefined);
}

/**
 * The voting members grant a commissioner (Beauftragte) a vote for one item (000 §4); the SPK
 * records it. If the item's vote is already open and the office is present, it joins that
 * vote's base. Only commissioners can be granted a vote.
 */
export async function grantVote(
  deps: MembershipDeps,
  cmd: {
    bodyId: string;
    sessionId: string;
    itemNumber: number;
    officeId: string;
    actor: Person;
    activityId: string;
  },
): Promise<
  | { readonly kind: 'granted' | 'alreadyGranted'; readonly officeName: string; readonly number: number }
  | { readonly kind: 'refused'; readonly reason: Refusal | 'notCommissioner' }
> {
  return retryOnConflict(deps, async () => {
    const context = await spkSession(deps, cmd.bodyId, cmd.sessionId, cmd.actor);
    if (typeof context === 'string') return { kind: 'refused', reason: context } as const;
    const { body, snapshot } = context;
    const office = body.offices.find((o) => o.id === cmd.officeId);
    if (!office || !mayBeGrantedVote(body, office.id))
      return { kind: 'refused', reason: 'notCommissioner' } as const;
    const agenda = sessionAgenda(snapshot);
    const entry = agenda.find((i) => i.number === cmd.itemNumber);
    if (!entry) return { kind: 'refused', reason: 'unknownItem' } as const;
    if (!takesVotes(entry.marking)) return { kind: 'refused', reason: 'notDecisionItem' } as const;
    const item = snapshot.items.get(entry.id);
    if (!item) return { kind: 'refused', reason: 'unknownItem' } as const;
    if (item.value.grants.includes(office.id))
      return { kind: 'alreadyGranted', officeName: office.name, number: entry.number } as const;
    const changes: SessionChange[] = [
      { kind: 'item', value: { ...item.value, grants: [...item.value.grants, office.id] }, etag: item.etag },
    ];
    const vote = snapshot.votes.get(voteIdOf(entry.id));
    if (vote?.value.status === 'open') {
      const present = snapshot.attendance.get(office.id)?.value.present === true;
      // Whether the office joins the open vote's base depends on its attendance as read.
      changes.push(...attendanceAsRead(body, snapshot, cmd.actor.aadObjectId, deps.clock.now(), [office.id]));
      changes.push({
        kind: 'vote',
        voteId: voteIdOf(entry.id),
        etag: vote.etag,
        value: {
          ...vote.value,
          grants: [...vote.value.grants, office.id],
          electorate: present ? [...vote.value.electorate, office.id].sort() : vote.value.electorate,
        },
      });
    }
    await deps.store.commitSession(
      body.id,
      cmd.sessionId,
      changes,
      auditEntry(deps, {
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: 'vote.granted',
        target: `item/${entry.id}`,
        after: { officeId: office.id, item: entry.number },
        activityId: cmd.activityId,
      }),
    );
    return { kind: 'granted', officeName: office.name, number: entry.number } as const;
  });
}

/**
 * The SPK marks an office present (someone in the room without Teams) or absent (an early
 * departure). A presence marked after the start is a late arrival; both are audited with
 * their time.
 */
export async function markAttendance(
  deps: MembershipDeps,
  cmd: {
    bodyId: string;
    sessionId: string;
    officeId: string;
    present: boolean;
    actor: Person;
    activityId: string;
  },
): Promise<
  | {
      readonly kind: 'marked' | 'unchanged';
      readonly officeName: string;
      readonly late: boolean;
      readonly quorum: ReturnType<typeof quorumStatus>;
    }
  | { readonly kind: 'refused'; readonly reason: Refusal | 'unknownOffice' }
> {
  return retryOnConflict(deps, async () => {
    const context = await spkSession(deps, cmd.bodyId, cmd.sessionId, cmd.actor);
    if (typeof context === 'string') return { kind: 'refused', reason: context } as const;
    const { body, snapshot } = context;
    const office = body.offices.find((o) => o.id === cmd.officeId);
    if (!office) return { kind: 'refused', reason: 'unknownOffice' } as const;
    const current = snapshot.attendance.get(office.id);
    const presentNow = (ids: string[]) => quorumStatus(body, ids);
    const presentIds = [...snapshot.attendance.values()]
      .filter((a) => a.value.present)
      .map((a) => a.value.officeId);
    if ((current?.value.present ?? false) === cmd.present) {
      return {
        kind: 'unchanged',
        officeName: office.name,
        late: current?.value.arrivedLate ?? false,
        quorum: presentNow(presentIds),
      } as const;
    }
    const now = deps.clock.now();
    const late =
      cmd.present &&
      isLateArrival(timelineOf(body, snapshot.session.value), now, openedAt(snapshot.session.value));
    const value: AttendanceRow = cmd.present
      ? {
          officeId: office.id,
          present: true,
          capacity: attendanceCapacity(body, office.id),
          since: now.toISOString(),
          by: cmd.actor.aadObjectId,
          arrivedLate: late,
          leftAt: '',
        }
      : {
          ...(current?.value as AttendanceRow),
          present: false,
          leftAt: now.toISOString(),
          by: cmd.actor.aadObjectId,
        };
    await deps.store.commitSession(
      body.id,
      cmd.sessionId,
      [{ kind: 'attendance', value, etag: current?.etag }],
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: cmd.present ? 'attendance.markedPresent' : 'attendance.markedAbsent',
        target: `office/${office.id}`,
        before: { present: current?.value.present ?? false },
        after: { present: cmd.present, at: now.toISOString(), late },
        activityId: cmd.activityId,
      }),
    );
    const ids = cmd.present ? [...presentIds, office.id] : presentIds.filter((id) => id !== office.id);
    return { kind: 'marked', officeName: office.name, late, quorum: presentNow(ids) } as const;
  });
}

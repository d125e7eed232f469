import { type Body, officeById } from './body.js';

/** `object`: objection to deciding by circulation (Umlaufverfahren only, where the body allows it). */
export type Choice = 'yes' | 'no' | 'abstain' | 'object';

export type Ballot = {
  readonly officeId: string;
  readonly choice: Choice;
  /** When it was cast or last changed; the latest ballot of an office is the one that counts. */
  readonly castAt: Date;
};

/**
 * What an office may do in one vote. `electorate` is frozen when a session vote opens (the
 * voting offices then present, plus present commissioners granted a vote for this item);
 * for an Umlaufverfahren it is every voting office plus granted ones.
 */
export type VoteFrame = {
  readonly kind: 'session' | 'umlauf';
  readonly status: 'open' | 'closed' | 'annulled';
  readonly electorate: readonly string[];
  readonly grants: readonly string[];
};

/** The person's standing in this body, looked up from stored membership (never from card data). */
export type Actor =
  | { readonly kind: 'member'; readonly officeId: string }
  | { readonly kind: 'pending'; readonly officeId: string }
  | { readonly kind: 'none' };

export type Eligibility =
  | { readonly kind: 'vote'; readonly officeId: string }
  | { readonly kind: 'advisory'; readonly officeId: string }
  | {
      readonly kind: 'refused';
      readonly reason:
        | 'voteClosed'
        | 'voteAnnulled'
        | 'notMember'
        | 'pendingMember'
        | 'otherOffice'
        | 'notPresent'
        | 'unknownOffice'
        | 'objectionNotAllowed'
        | 'officeOnTeams'
        | 'writtenNotAllowed';
    };

/**
 * Decides whether a ballot counts, is an advisory opinion, or is refused. One vote per
 * office and no proxies: the office is the actor's own; card data that names another
 * office is refused, never redirected.
 */
export function ballotEligibility(
  body: Body,
  frame: VoteFrame,
  actor: Actor,
  choice: Choice,
  claimedOfficeId?: string,
): Eligibility {
  if (frame.status === 'closed') return { kind: 'refused', reason: 'voteClosed' };
  if (frame.status === 'annulled') return { kind: 'refused', reason: 'voteAnnulled' };
  if (choice === 'object' && (frame.kind !== 'umlauf' || !body.umlauf.objectionAllowed)) {
    return { kind: 'refused', reason: 'objectionNotAllowed' };
  }
  if (actor.kind === 'none') return { kind: 'refused', reason: 'notMember' };
  if (actor.kind === 'pending') return { kind: 'refused', reason: 'pendingMember' };
  if (claimedOfficeId !== undefined && claimedOfficeId !== actor.officeId) {
    return { kind: 'refused', reason: 'otherOffice' };
  }
  const office = officeById(body, actor.officeId);
  if (!office) return { kind: 'refused', reason: 'unknownOffice' };
  const entitled = office.role === 'voting' || frame.grants.includes(office.id);
  if (!entitled) return { kind: 'advisory', officeId: office.id };
  if (!frame.electorate.includes(office.id)) return { kind: 'refused', reason: 'notPresent' };
  return { kind: 'vote', officeId: office.id };
}

/**
 * The SPK records the ballot of an office that takes part without Teams: present in the room
 * (session) or by a written statement to the Geschäftsstelle (Umlauf, where the body allows it).
 * One vote per office and no proxies still hold: an office with an approved member on Teams casts
 * its own ballot, so the SPK cannot record one for it. Whether the office counts, advises or is
 * refused follows the same rules as a ballot it cast itself.
 */
export function recordedBallotEligibility(
  body: Body,
  frame: VoteFrame,
  officeId: string,
  officeOnTeams: boolean,
  choice: Choice,
): Eligibility {
  if (frame.status === 'closed') return { kind: 'refused', reason: 'voteClosed' };
  if (frame.status === 'annulled') return { kind: 'refused', reason: 'voteAnnulled' };
  if (frame.kind === 'umlauf' && !body.umlauf.writtenStatements) {
    return { kind: 'refused', reason: 'writtenNotAllowed' };
  }
  if (choice === 'object' && (frame.kind !== 'umlauf' || !body.umlauf.objectionAllowed)) {
    return { kind: 'refused', reason: 'objectionNotAllowed' };
  }
  const office = officeById(body, officeId);
  if (!office) return { kind: 'refused', reason: 'unknownOffice' };
  if (officeOnTeams) return { kind: 'refused', reason: 'officeOnTeams' };
  const entitled = office.role === 'voting' || frame.grants.includes(office.id);
  if (!entitled) return { kind: 'advisory', officeId: office.id };
  if (!frame.electorate.includes(office.id)) return { kind: 'refused', reason: 'notPresent' };
  return { kind: 'vote', officeId: office.id };
}

/**
 * The offices whose ballot the SPK may record (the choices on its form): in a session, those in
 * the vote's base or present to advise; in an Umlauf, every office where written statements are
 * allowed — never the SPK's own office (its people vote themselves) nor an office on Teams.
 */
export function recordableOffices(
  body: Body,
  frame: { readonly kind: 'session' | 'umlauf'; readonly electorate: readonly string[] },
  present: readonly string[],
  onTeams: ReadonlySet<string>,
): { id: string; name: string }[] {
  if (frame.kind === 'umlauf' && !body.umlauf.writtenStatements) return [];
  return body.offices
    .filter((o) => o.id !== body.secretariat && !onTeams.has(o.id))
    .filter(
      (o) =>
        frame.kind === 'umlauf' ||
        frame.electorate.includes(o.id) ||
        (o.role !== 'voting' && present.includes(o.id)),
    )
    .map((o) => ({ id: o.id, name: o.name }));
}

export type Tally = {
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
  readonly objections: number;
  /** Offices of the electorate that have not (yet) voted. */
  readonly notVoted: readonly string[];
  /** The ballot that counts for each voting office. */
  readonly counted: readonly Ballot[];
};

/**
 * Counts the electorate's ballots: one per office (its latest), none from outside the
 * electorate. The result does not depend on the order of `ballots`.
 */
export function tally(electorate: readonly string[], ballots: readonly Ballot[]): Tally {
  const members = new Set(electorate);
  const latest = new Map<string, Ballot>();
  for (const ballot of ballots) {
    if (!members.has(ballot.officeId)) continue;
    const current = latest.get(ballot.officeId);
    if (!current || isLater(ballot, current)) latest.set(ballot.officeId, ballot);
  }
  const counted = [...latest.values()].sort((a, b) => a.officeId.localeCompare(b.officeId));
  const count = (c: Choice) => counted.filter((b) => b.choice === c).length;
  return {
    yes: count('yes'),
    no: count('no'),
    abstain: count('abstain'),
    objections: count('object'),
    notVoted: [...members].filter((id) => !latest.has(id)).sort(),
    counted,
  };
}

const CHOICE_ORDER: Record<Choice, number> = { abstain: 0, no: 1, yes: 2, object: 3 };

/** Later castAt wins; an exact tie is broken by choice so the result is order-independent. */
function isLater(a: Ballot, b: Ballot): boolean {
  const dt = a.castAt.getTime() - b.castAt.getTime();
  return dt !== 0 ? dt > 0 : CHOICE_ORDER[a.choice] > CHOICE_ORDER[b.choice];
}

/**
 * The base of a session vote, frozen when it opens: the voting offices present, plus present
 * commissioners the voting members granted a vote for this item (000 §4).
 */
export function electorateAtOpening(
  body: Body,
  presentOfficeIds: Iterable<string>,
  grants: readonly string[],
): string[] {
  const present = new Set(presentOfficeIds);
  return body.offices
    .filter(
      (o) =>
        present.has(o.id) && (o.role === 'voting' || (o.role === 'commissioner' && grants.includes(o.id))),
    )
    .map((o) => o.id)
    .sort();
}

/** Only commissioners (Beauftragte) can be granted a vote for a single case (000 §4). */
export function mayBeGrantedVote(body: Body, officeId: string): boolean {
  return officeById(body, officeId)?.role === 'commissioner';
}

/** An office present with a vote, or present to advise. */
export function attendanceCapacity(body: Body, officeId: string): 'voting' | 'advisory' {
  return officeById(body, officeId)?.role === 'voting' ? 'voting' : 'advisory';
}

/**
 * Whether a vote on an agenda item may open: only a Beschluss item is voted on (000 §4; the
 * other purposes are information and discussion), and a closed vote stays closed — its outcome
 * was announced and is never reopened. An open one is not opened twice.
 */
export function voteOpening(
  marking: 'Beschluss' | 'Erörterung',
  /** The item's vote that counts (an annulled one does not: the item is voted on anew). */
  existing: 'open' | 'closed' | undefined,
):
  | { readonly kind: 'open' | 'alreadyOpen' }
  | { readonly kind: 'refused'; readonly reason: 'notDecisionItem' | 'voteClosed' } {
  if (marking !== 'Beschluss') return { kind: 'refused', reason: 'notDecisionItem' };
  if (existing === 'closed') return { kind: 'refused', reason: 'voteClosed' };
  return { kind: existing === 'open' ? 'alreadyOpen' : 'open' };
}

/** Only Beschluss items are voted on, so only they take per-case voting grants (000 §4). */
export function takesVotes(marking: 'Beschluss' | 'Erörterung'): boolean {
  return marking === 'Beschluss';
}

/**
 * The votes of an agenda item: the first is `v-<item>`, one opened again after an annulment
 * `v-<item>-2`, `-3` … The one that counts is the latest that was not annulled; a new one takes
 * the next number.
 */
export function itemVotes<
  V extends { readonly itemId: string; readonly status: string; readonly openedAt: string },
>(
  itemId: string,
  votes: ReadonlyMap<string, V>,
): {
  readonly current?: { id: string; vote: V };
  readonly annulled: { id: string; vote: V }[];
  readonly nextId: string;
} {
  const mine = [...votes.entries()]
    .filter(([, v]) => v.itemId === itemId)
    .map(([id, vote]) => ({ id, vote }))
    .sort((a, b) => (a.vote.openedAt < b.vote.openedAt ? -1 : a.vote.openedAt > b.vote.openedAt ? 1 : 0));
  const first = `v-${itemId}`;
  const nextId = mine.length === 0 ? first : `${first}-${mine.length + 1}`;
  const counting = mine.filter((m) => m.vote.status !== 'annulled');
  const current = counting[counting.length - 1];
  return {
    ...(current ? { current } : {}),
    annulled: mine.filter((m) => m.vote.status === 'annulled'),
    nextId,
  };
}

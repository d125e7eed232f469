import type { Ballot, Choice } from './ballots.js';
import { type Body, type OfficeRole, officeById, type RulesVersion } from './body.js';
import { decideSessionVote } from './decision.js';
import { type QuorumStatus, quorumStatus } from './quorum.js';
import { bodyUnder, parseStoredOutcome, parseVoteRules } from './vote-rules.js';

/**
 * The Ergebnisprotokoll (results protocol) of a session, built from stored facts only.
 * Everything here is plain data (dates as ISO text), so a released version is stored as it
 * is and rendered the same way forever: Markdown, Word and the card all read this shape.
 */
export type ProtocolDocument = {
  readonly version: number;
  readonly body: { readonly id: string; readonly name: string; readonly shortName: string };
  readonly sessionId: string;
  /** Local date (YYYY-MM-DD) and times (HH:MM), Europe/Berlin. */
  readonly date: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly place: string;
  /** The SPK office chairs and writes the protocol; the persons are the platform's names. */
  readonly chair: { readonly office: string; readonly person: string };
  readonly writer: { readonly office: string; readonly person: string };
  readonly attendance: readonly AttendanceEntry[];
  readonly quorumAtStart: QuorumStatus;
  readonly items: readonly ProtocolItem[];
  readonly umlaufs: readonly ProtocolUmlauf[];
  /** Free text the SPK added for the session as a whole. */
  readonly remarks: string;
  readonly release: {
    readonly at: string;
    /** Why this version replaces the previous one; empty for the first. */
    readonly correctionReason: string;
  };
};

export type AttendanceStatus = 'present' | 'advisory' | 'guest' | 'absent';

export type AttendanceEntry = {
  readonly officeId: string;
  readonly office: string;
  readonly role: OfficeRole;
  /** `present`: a voting office attended; `advisory`: a commissioner or advisory office; `guest`. */
  readonly status: AttendanceStatus;
  /** Local times (HH:MM) of each stay, in order; the last one without `to` lasted to the end. */
  readonly stays: readonly { readonly from: string; readonly to?: string }[];
  readonly late: boolean;
  /** The office left before the end and did not come back. */
  readonly leftEarly: boolean;
};

export type ProtocolItem = {
  readonly number: number;
  readonly title: string;
  readonly marking: 'Beschluss' | 'Erörterung';
  readonly purpose: string;
  readonly office: string;
  readonly submitter: string;
  readonly description: string;
  readonly documents: readonly string[];
  /** A late registration the SPK accepted, and who accepted it. */
  readonly lateAcceptedBy?: string;
  /** Offices granted a vote for this item only (000 §4). */
  readonly grants: readonly string[];
  readonly vote?: ProtocolVote;
  /** Votes opened on this item and annulled by the SPK (shown as "aufgehoben"). */
  readonly annulledVotes?: readonly { readonly openedAt: string; readonly annulledAt: string }[];
  /** The SPK's result for this item (free text). */
  readonly result: string;
};

export type ProtocolVote = {
  /** Its number in the body's register (`AG Planung 2027/03`), once it has one. */
  readonly register?: string;
  /** The version of the body's rules it was opened under. */
  readonly rulesVersion?: RulesVersion;
  readonly openedAt: string;
  /** Quorum when the vote opened (voting offices present then). */
  readonly quorum: QuorumStatus;
  readonly rule: {
    readonly numerator: number;
    readonly denominator: number;
    readonly comparison: 'atLeast' | 'moreThan';
    readonly base: string;
  };
  /** The number the rule was applied to, and the yes-votes it needed. */
  readonly base: number;
  readonly required: number;
  readonly outcome: 'adopted' | 'rejected' | 'notQuorate' | 'notClosed';
  readonly counts: { readonly yes: number; readonly no: number; readonly abstain: number };
  /** Every office of the base, with its ballot (`none`: present, but cast none). */
  readonly ballots: readonly {
    readonly office: string;
    readonly choice: Choice | 'none';
    /** Recorded by the SPK for an office without Teams. */
    readonly recorded?: boolean;
  }[];
  readonly argumentsFor: readonly OfficeText[];
  readonly argumentsAgainst: readonly OfficeText[];
  /** Arguments given with an abstention. */
  readonly otherArguments: readonly OfficeText[];
  /** Advisory opinions: shown apart, never counted. */
  readonly advisory: readonly (OfficeText & { readonly choice: Choice })[];
};

export type OfficeText = {
  readonly office: string;
  readonly text: string;
  /** Recorded by the SPK for an office without Teams. */
  readonly recorded?: boolean;
};

export type ProtocolUmlauf = {
  readonly title: string;
  readonly closedAt: string;
  readonly outcome: string;
  readonly counts: { readonly yes: number; readonly no: number; readonly abstain: number };
};

/**
 * The Umlaufverfahren a session's protocol reports: those closed after the previous session
 * ended (from the beginning, if there was none) and no later than this session's end.
 */
export function decidedBetween<T extends { readonly status: string; readonly closedAt: string }>(
  umlaufs: readonly T[],
  previousEnd: Date | undefined,
  end: Date,
): T[] {
  return umlaufs.filter((u) => {
    if (u.status !== 'closed' || !u.closedAt) return false;
    const closed = new Date(u.closedAt).getTime();
    return closed > (previousEnd?.getTime() ?? Number.NEGATIVE_INFINITY) && closed <= end.getTime();
  });
}

/** A change of an office's presence, in time order (check-in, SPK marks). */
export type AttendanceEvent = { readonly officeId: string; readonly at: Date; readonly present: boolean };

/** Stays of one office from its presence events: [from, to) intervals, the last maybe open. */
export function staysOf(events: readonly AttendanceEvent[]): { from: Date; to?: Date }[] {
  const stays: { from: Date; to?: Date }[] = [];
  for (const e of [...events].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const last = stays.at(-1);
    const inside = last !== undefined && last.to === undefined;
    if (e.present && !inside) stays.push({ from: e.at });
    else if (!e.present && inside) last.to = e.at;
  }
  return stays;
}

/** The offices present at an instant, from their presence events. */
export function presentAt(events: readonly AttendanceEvent[], instant: Date): string[] {
  const byOffice = groupByOffice(events);
  return [...byOffice.entries()]
    .filter(([, list]) =>
      staysOf(list).some(
        (s) => s.from.getTime() <= instant.getTime() && (!s.to || s.to.getTime() > instant.getTime()),
      ),
    )
    .map(([id]) => id)
    .sort();
}

/** Attendance per office of the body (every office listed, absent ones too), in the body's order. */
export function attendanceOf(
  body: Body,
  events: readonly AttendanceEvent[],
  start: Date,
  localTime: (at: Date) => string,
): AttendanceEntry[] {
  const byOffice = groupByOffice(events);
  return body.offices.map((office) => {
    const stays = staysOf(byOffice.get(office.id) ?? []);
    const attended = stays.length > 0;
    const status: AttendanceStatus = !attended
      ? 'absent'
      : office.role === 'voting'
        ? 'present'
        : office.role === 'guest'
          ? 'guest'
          : 'advisory';
    const last = stays.at(-1);
    return {
      officeId: office.id,
      office: office.name,
      role: office.role,
      status,
      stays: stays.map((s) => ({ from: localTime(s.from), ...(s.to ? { to: localTime(s.to) } : {}) })),
      late: attended && (stays[0] as { from: Date }).from.getTime() > start.getTime(),
      leftEarly: last?.to !== undefined,
    };
  });
}

export type StoredVote = {
  readonly openedAt: Date;
  readonly closed: boolean;
  readonly electorate: readonly string[];
  readonly grants: readonly string[];
  readonly ballots: readonly (Ballot & {
    readonly capacity: 'vote' | 'advisory';
    readonly argument: string;
    readonly recordedBy?: 'office' | 'secretariat';
  })[];
  /** The rules fixed when it opened and the outcome stored when it closed (JSON; empty in older rows). */
  readonly rules?: string;
  readonly result?: string;
};

/** A vote as the protocol states it: rule, base, named ballots, outcome and the arguments per office. */
export function protocolVote(current: Body, vote: StoredVote): ProtocolVote {
  // Under the rules it was opened under (offices with their names then); a closed vote states
  // the outcome that was announced, never one recomputed under rules changed since.
  const body = bodyUnder(current, parseVoteRules(vote.rules ?? ''));
  const name = (id: string) => officeById(body, id)?.name ?? officeById(current, id)?.name ?? id;
  const counted = vote.ballots.filter((b) => b.capacity === 'vote');
  const announced = vote.closed ? parseStoredOutcome(vote.result ?? '') : undefined;
  const outcome =
    announced ??
    decideSessionVote(body, {
      electorate: vote.electorate,
      grants: vote.grants,
      ballots: counted,
      closed: vote.closed,
    });
  const voting = vote.electorate.filter((id) => !vote.grants.includes(id));
  const byOffice = new Map(outcome.tally.counted.map((b) => [b.officeId, b]));
  const recorded = (b: { recordedBy?: string }) => (b.recordedBy === 'secretariat' ? { recorded: true } : {});
  const withText = (list: typeof vote.ballots) =>
    list
      .filter((b) => b.argument.trim() !== '')
      .map((b) => ({ office: name(b.officeId), text: b.argument.trim(), ...recorded(b) }));
  // The ballot that counted for its office (the announced outcome names it by office and time).
  const isCounted = (b: (typeof counted)[number]) => {
    const c = byOffice.get(b.officeId);
    return c !== undefined && c.choice === b.choice && c.castAt.getTime() === b.castAt.getTime();
  };
  const inBase = counted.filter(isCounted);
  return {
    ...(body.version ? { rulesVersion: body.version } : {}),
    openedAt: vote.openedAt.toISOString(),
    quorum: quorumStatus(body, voting),
    rule: {
      numerator: body.majority.fraction.numerator,
      denominator: body.majority.fraction.denominator,
      comparison: body.majority.comparison,
      base: body.majority.base,
    },
    base: outcome.kind === 'notQuorate' ? 0 : outcome.base,
    required: outcome.kind === 'notQuorate' ? 0 : outcome.required,
    outcome: outcome.kind === 'open' ? 'notClosed' : outcome.kind,
    counts: { yes: outcome.tally.yes, no: outcome.tally.no, abstain: outcome.tally.abstain },
    ballots: vote.electorate.map((id) => {
      const stored = counted.find((b) => b.officeId === id && isCounted(b));
      return { office: name(id), choice: byOffice.get(id)?.choice ?? 'none', ...recorded(stored ?? {}) };
    }),
    argumentsFor: withText(inBase.filter((b) => b.choice === 'yes')),
    argumentsAgainst: withText(inBase.filter((b) => b.choice === 'no')),
    otherArguments: withText(inBase.filter((b) => b.choice === 'abstain' || b.choice === 'object')),
    advisory: vote.ballots
      .filter((b) => b.capacity === 'advisory')
      .map((b) => ({ office: name(b.officeId), choice: b.choice, text: b.argument.trim(), ...recorded(b) })),
  };
}

function groupByOffice(events: readonly AttendanceEvent[]): Map<string, AttendanceEvent[]> {
  const out = new Map<string, AttendanceEvent[]>();
  for (const e of events) out.set(e.officeId, [...(out.get(e.officeId) ?? []), e]);
  return out;
}

/**
 * Chair and writer of the protocol as lines to print: one line when both are the same person,
 * and the office named once (a Teams name such as "Sabine Petersen (SPK)" keeps no bracket that
 * the office's name already says).
 */
export function chairAndWriter(doc: {
  readonly chair: { readonly office: string; readonly person: string };
  readonly writer: { readonly office: string; readonly person: string };
}): { readonly role: 'chair' | 'writer' | 'both'; readonly text: string }[] {
  const text = (p: { office: string; person: string }) => {
    if (!p.person) return p.office;
    const bracket = /\s*\(([^()]+)\)\s*$/.exec(p.person);
    const name = bracket && p.office.includes(bracket[1] ?? '') ? p.person.slice(0, bracket.index) : p.person;
    return `${name} (${p.office})`;
  };
  const chair = text(doc.chair);
  const writer = text(doc.writer);
  return chair === writer
    ? [{ role: 'both', text: chair }]
    : [
        { role: 'chair', text: chair },
        { role: 'writer', text: writer },
      ];
}

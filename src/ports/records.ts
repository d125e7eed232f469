import { z } from 'zod';
import { LIMITS } from '../domain/limits.js';

/**
 * The records the use cases read and write, one zod schema each, shared by the storage adapter
 * (which validates every row it reads back) and every reader. Where rows live and how they are
 * encoded is the adapter's business (src/storage/rows.ts, docs/storage.md).
 */
const iso = z.string().datetime();
const jsonText = z.string().transform((s, ctx) => {
  try {
    const value: unknown = JSON.parse(s);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  } catch {
    // fall through
  }
  ctx.addIssue({ code: 'custom', message: 'not a JSON list of strings' });
  return z.NEVER;
});

/** A list of strings: an array when written, its JSON text when read back. */
const jsonList = z.union([z.array(z.string()), jsonText]);

export const MemberRowSchema = z.object({
  officeId: z.string().min(1),
  /**
   * `left`: removed by the SPK or left by themselves. The row stays as a tombstone (so a removal
   * is conditional like every change, and the deletion concept can pseudonymise it later); the
   * store hides it from every reader.
   */
  status: z.enum(['pending', 'approved', 'left']),
  role: z.enum(['representative', 'deputy']),
  displayName: z.string().max(200),
  since: iso,
  /** The person's Teams user id (29:…), for cards that show each person their own state. */
  teamsUserId: z.string().max(200).default(''),
  /** When the person left or was removed (empty while a member). */
  leftAt: z.string().default(''),
  /**
   * Set (once) when the retention job starts to pseudonymise a person who left: the id that
   * replaces theirs in the body's records, the same however often the job is interrupted.
   */
  pseudonym: z.string().max(64).default(''),
});
/** A membership as stored, tombstones of people who left included. */
export type StoredMemberRow = z.infer<typeof MemberRowSchema>;
/** A membership as readers see it: the store hides those who left. */
export type MemberRow = StoredMemberRow & { readonly status: 'pending' | 'approved' };
/** What a writer supplies: defaulted fields may be left out. */
export type MemberRowInput = z.input<typeof MemberRowSchema>;

export const ChannelLinkRowSchema = z.object({
  bodyId: z.string().min(1),
  tenantId: z.string().min(1),
  channelId: z.string().min(1),
  /** The team's Microsoft 365 group id (`channelData.team.aadGroupId`): where its files are. */
  teamGroupId: z.string().max(100).default(''),
  linkedBy: z.string().min(1),
  linkedAt: iso,
});
export type ChannelLinkRow = z.infer<typeof ChannelLinkRowSchema>;

/**
 * A Teams meeting linked to a session (#28): its meeting chat (or, for a channel meeting, the
 * channel thread) and when the meeting started and ended as Teams reported it — each recorded
 * once, so a repeated event posts nothing twice.
 */
export const MeetingLinkRowSchema = z.object({
  tenantId: z.string().min(1),
  meetingId: z.string().min(1).max(1000),
  bodyId: z.string().min(1),
  sessionId: z.string().min(1),
  /** `chat`: linked with `sitzung verbinden` in the meeting chat; `channel`: a channel meeting of the body's channel. */
  kind: z.enum(['chat', 'channel']),
  /** Where the meeting's messages go: its chat, or the channel thread of a channel meeting. */
  conversationId: z.string().max(400).default(''),
  /** The office that linked it (the SPK's; empty for a channel meeting that linked itself). */
  linkedBy: z.string(),
  linkedAt: iso,
  startedAt: z.string().default(''),
  endedAt: z.string().default(''),
});
export type MeetingLinkRow = z.infer<typeof MeetingLinkRowSchema>;

/**
 * The body's standing Teams meeting (#28): the join link the SPK set, offered when a session is
 * created. Removing it empties the link (the row stays, so every change is conditional on it).
 */
export const MeetingSeriesRowSchema = z.object({
  joinUrl: z.string().max(2048),
  /** The office that set it (the SPK's; the person is in the audit trail). */
  setBy: z.string().min(1),
  setAt: iso,
});
export type MeetingSeriesRow = z.infer<typeof MeetingSeriesRowSchema>;
export type ChannelLinkRowInput = z.input<typeof ChannelLinkRowSchema>;

export const SessionRowSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  startTime: z.string().regex(/^\d{2}:\d{2}$/),
  durationMinutes: z.number().int().positive(),
  place: z.string().max(LIMITS.place.max).default(''),
  /** The Teams meeting to join, fixed when the session was created (the body's link then; #28). */
  joinUrl: z.string().max(2048).default(''),
  status: z.enum(['planned', 'running', 'ended', 'cancelled']),
  updatedAt: iso,
  /** Raised by every move or cancellation: the calendar invite's SEQUENCE. */
  sequence: z.number().int().min(0).default(0),
  /** When the SPK opened the session and who (the platform's name): the protocol's chair. */
  startedAt: z.string().default(''),
  startedBy: z.string().default(''),
  startedByName: z.string().max(200).default(''),
  /** When the SPK ended it. */
  endedAt: z.string().default(''),
  /**
   * The rules it runs under, fixed when it started (JSON of `VoteRules`: quorum, majority, offices,
   * version): its check-in quorum and protocol follow them; each vote fixes its own when it opens.
   */
  rules: z.string().default(''),
});
export type SessionRow = z.infer<typeof SessionRowSchema>;
export type SessionRowInput = z.input<typeof SessionRowSchema>;

export const ItemRowSchema = z.object({
  itemId: z.string().min(1),
  title: z.string().min(1).max(LIMITS.topicTitle.max),
  purpose: z.enum(['information', 'discussion', 'decision', 'support']),
  description: z.string().max(LIMITS.topicDescription.max),
  documents: jsonList,
  conflictsOfGoals: z.string().max(LIMITS.conflictsOfGoals.max),
  officeId: z.string().min(1),
  submittedBy: z.string().min(1),
  submitterName: z.string().max(200),
  status: z.enum(['registered', 'lateRequested', 'lateAccepted', 'lateDeclined', 'withdrawn']),
  registeredAt: iso,
  decidedBy: z.string().default(''),
  /** Set by the SPK when reordering; items without one follow in registration order. */
  position: z.number().int().min(1).max(999).optional(),
  /** Commissioners granted a vote for this item only (000 §4), recorded by the SPK. */
  grants: jsonList.default([]),
});
export type ItemRow = z.infer<typeof ItemRowSchema>;

export const AttendanceRowSchema = z.object({
  officeId: z.string().min(1),
  present: z.boolean(),
  capacity: z.enum(['voting', 'advisory']),
  since: iso,
  by: z.string().min(1),
  /** Set when the office arrived after the session had started. */
  arrivedLate: z.boolean().default(false),
  /** Set when the office left before the end (marked absent by the SPK while running). */
  leftAt: z.string().default(''),
});
export type AttendanceRow = z.infer<typeof AttendanceRowSchema>;

export const VoteRowSchema = z.object({
  itemId: z.string().min(1),
  /** `annulled`: opened by mistake and set aside by the SPK (audited); the item may be voted on again. */
  status: z.enum(['open', 'closed', 'annulled']),
  electorate: jsonList,
  grants: jsonList,
  openedAt: iso,
  /** The rules it runs under, fixed when it opened (JSON of `VoteRules`); empty in older rows. */
  rules: z.string().default(''),
  /** The announced outcome, stored when it closed (JSON of the closed `SessionOutcome`). */
  result: z.string().default(''),
  /** When the SPK annulled it. */
  annulledAt: z.string().default(''),
  /** When it closed (its decision's time in the register). */
  closedAt: z.string().default(''),
});
export type VoteRow = z.infer<typeof VoteRowSchema>;

export const BallotRowSchema = z.object({
  voteId: z.string().min(1),
  officeId: z.string().min(1),
  choice: z.enum(['yes', 'no', 'abstain', 'object']),
  capacity: z.enum(['vote', 'advisory']),
  argument: z.string().max(LIMITS.argument.max),
  castAt: iso,
  castBy: z.string().min(1),
  activityId: z.string().max(200),
  /** `secretariat`: recorded by the SPK for an office without Teams (in the room, or in writing). */
  recordedBy: z.enum(['office', 'secretariat']).default('office'),
});
export type BallotRow = z.infer<typeof BallotRowSchema>;

/**
 * An Umlaufverfahren's result as stored when it closes: the outcome and the counts it was
 * decided on. One schema for the writer (closing) and every reader (result card, protocol).
 */
export const UmlaufResultSchema = z.object({
  kind: z.enum(['adopted', 'rejected', 'objected', 'insufficientParticipation']),
  counts: z.object({
    yes: z.number().int().min(0),
    no: z.number().int().min(0),
    abstain: z.number().int().min(0),
    objections: z.number().int().min(0),
  }),
  /** Offices that cast a counted ballot, and how many were needed (participation rule). */
  cast: z.number().int().min(0),
  /** The 2/3 base and the yes-votes it needed (adopted or rejected only). */
  base: z.number().int().min(0).optional(),
  required: z.number().int().min(0).optional(),
});
export type UmlaufResult = z.infer<typeof UmlaufResultSchema>;

/** The stored result of a closed Umlauf; undefined for an open one (or a row written before results were stored). */
export function umlaufResultOf(row: { readonly outcome: string }): UmlaufResult | undefined {
  if (!row.outcome) return undefined;
  try {
    const parsed = UmlaufResultSchema.safeParse(JSON.parse(row.outcome));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const UmlaufRowSchema = z.object({
  title: z.string().min(1).max(LIMITS.topicTitle.max),
  text: z.string().max(LIMITS.umlaufText.max),
  documents: jsonList,
  deadline: iso,
  objectionAllowed: z.boolean(),
  status: z.enum(['open', 'closed']),
  openedAt: iso,
  openedBy: z.string().min(1),
  /** `deadline` (closed when time ran out) or `settled` (early: nothing left could change the outcome). */
  closeReason: z.enum(['', 'deadline', 'settled']).default(''),
  closedAt: z.string().default(''),
  /** The result at closing (JSON of `UmlaufResultSchema`), for the card and the protocol. */
  outcome: z.string().default(''),
  /** The rules it runs under, fixed when it opened (JSON of `UmlaufRules`); empty in older rows. */
  rules: z.string().default(''),
});
export type UmlaufRow = z.infer<typeof UmlaufRowSchema>;

/**
 * The protocol of a session lives in its own partition (`keys.protocol`): the SPK's draft
 * (notes per item, remarks) and every released version, each immutable.
 */
export const ProtocolDraftRowSchema = z.object({
  /** `open`: being written (first draft or a correction); `released`: the latest version is out. */
  status: z.enum(['open', 'released']),
  /** The latest released version (0: none yet); a release makes `baseVersion + 1`. */
  baseVersion: z.number().int().min(0),
  /** Notes per item id and the remarks, as JSON (stored in chunks). */
  notes: z.record(z.string(), z.string().max(LIMITS.protocolNote.max)),
  remarks: z.string().max(LIMITS.protocolRemarks.max),
  updatedAt: iso,
  updatedBy: z.string().min(1),
});
export type ProtocolDraftRow = z.infer<typeof ProtocolDraftRowSchema>;

export const ProtocolVersionRowSchema = z.object({
  version: z.number().int().min(1),
  releasedAt: iso,
  releasedBy: z.string().min(1),
  /** The released document (`ProtocolDocument`), as JSON (stored in chunks). */
  document: z.string().min(2),
});
export type ProtocolVersionRow = z.infer<typeof ProtocolVersionRowSchema>;

export const AuditRowSchema = z.object({
  at: iso,
  actorAadObjectId: z.string(),
  actorOfficeId: z.string(),
  action: z.string().min(1),
  target: z.string(),
  before: z.string(),
  after: z.string(),
  activityId: z.string(),
});
export type AuditRow = z.infer<typeof AuditRowSchema>;

/** A posted live card of a session: `card` is `checkIn` or `vote|<voteId>`. */
export const LiveCardRowSchema = z.object({
  card: z.string().min(1).max(200),
  conversationId: z.string().min(1).max(400),
  activityId: z.string().min(1).max(200),
  /** The language it was posted in (the redraw keeps it). */
  locale: z.enum(['de', 'en']),
  postedAt: iso,
});
export type LiveCardRow = z.infer<typeof LiveCardRowSchema>;

/**
 * A decision in the body's register (a closed session vote or Umlaufverfahren): numbered per body
 * and year in the order of decision, written when it is announced and never changed.
 */
export const DecisionSchema = z.object({
  number: z.number().int().min(1),
  year: z.number().int().min(2000).max(2999),
  /** `AG Planung 2027/03`. */
  label: z.string().min(1),
  kind: z.enum(['vote', 'umlauf']),
  /** What was decided: `session/<session>/<vote>` or `umlauf/<umlauf>`. */
  ref: z.string().min(1),
  sessionId: z.string().default(''),
  title: z.string(),
  text: z.string(),
  outcome: z.string(),
  counts: z.object({ yes: z.number().int(), no: z.number().int(), abstain: z.number().int() }),
  base: z.number().int().optional(),
  required: z.number().int().optional(),
  decidedAt: iso,
  /**
   * The quorum when the vote opened (session votes): voting offices present, needed, of all
   * voting offices; for an Umlauf, the voting offices that took part, needed, of all.
   */
  quorum: z.object({ present: z.number().int(), needed: z.number().int(), of: z.number().int() }).optional(),
  /** The majority rule it was decided under (as fixed when the vote opened). */
  majority: z
    .object({
      numerator: z.number().int(),
      denominator: z.number().int(),
      comparison: z.enum(['atLeast', 'moreThan']),
      base: z.string(),
    })
    .optional(),
  /** The version of the body's rules it was decided under (absent before versions existed). */
  rulesVersion: z.object({ number: z.number().int().min(1), effectiveFrom: z.string() }).optional(),
  /** Each office's ballot and argument; `recorded`: recorded by the SPK for an office without Teams. */
  ballots: z.array(
    z.object({ office: z.string(), choice: z.string(), argument: z.string(), recorded: z.boolean() }),
  ),
});
export type Decision = z.infer<typeof DecisionSchema>;

/**
 * A follow-up (Wiedervorlage, work order) of a decision or an agenda item: what is to be done,
 * which office answers for it, due by a date or by the next session. It comes back on the agenda
 * of the session it is due at (src/domain/follow-up.ts) until the office marks it done.
 */
export const FollowUpRowSchema = z.object({
  /** Where it comes from: a decision's number (`AG Planung 2027/03`) or an item ("TOP 3, 14.01.2027"). */
  origin: z.string().min(1).max(300),
  /** `session/<session>/<vote>`, `umlauf/<id>` or `item/<session>/<item>`. */
  originRef: z.string().min(1).max(300),
  what: z.string().min(1).max(LIMITS.followUp.max),
  officeId: z.string().min(1).max(64),
  /** `next` (the next session that takes place) or a local date. */
  due: z.union([z.literal('next'), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]),
  createdAt: iso,
  createdBy: z.string().min(1),
  status: z.enum(['open', 'done']),
  doneAt: z.string().default(''),
  doneBy: z.string().default(''),
  doneNote: z.string().max(LIMITS.followUpNote.max).default(''),
});
export type FollowUpRow = z.infer<typeof FollowUpRowSchema>;

/**
 * A version of a body's rules (src/domain/body-versions.ts): the body as its file would say it
 * (`definition`, JSON of `toBodyInput`, read back through `parseBody`), the day it takes effect,
 * why, and where it came from. Created once, never changed.
 */
export const BodyVersionRowSchema = z.object({
  number: z.number().int().min(1),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  reason: z.string().max(1000),
  decision: z.string().max(200).default(''),
  confirmedOn: z.string().max(10).default(''),
  createdAt: iso,
  createdBy: z.string(),
  source: z.string().max(300),
  definition: z.string().min(2),
});
export type BodyVersionRow = z.infer<typeof BodyVersionRowSchema>;

import { z } from 'zod';
import { LIMITS } from '../domain/limits.js';
import { encodeKey } from './keys.js';

/**
 * Row layouts of the `gremien` table (docs/storage.md). Every row is validated with zod
 * when read back; lists are stored as JSON strings.
 */
export const keys = {
  /** Body-level rows: memberships and their audit. */
  body: (bodyId: string) => `b|${encodeKey(bodyId)}|body`,
  /** Everything one session needs, so multi-row changes are one transaction. */
  session: (bodyId: string, sessionId: string) => `b|${encodeKey(bodyId)}|s|${encodeKey(sessionId)}`,
  /** The session partitions of a body; session ids start with their date, so they sort by date. */
  sessionsPrefix: (bodyId: string) => `b|${encodeKey(bodyId)}|s|`,
  /** All partitions of a body (for the body's audit trail). */
  bodyPrefix: (bodyId: string) => `b|${encodeKey(bodyId)}|`,
  member: (aadObjectId: string) => `member|${encodeKey(aadObjectId)}`,
  /** Which body a team channel belongs to: one channel, one body. */
  channels: (tenantId: string) => `t|${encodeKey(tenantId)}|channels`,
  channel: (channelId: string) => encodeKey(channelId),
  /** The body's home channel, in the body partition. */
  bodyChannel: 'channel',
  sessionRow: 'session',
  item: (itemId: string) => `item|${encodeKey(itemId)}`,
  attendance: (officeId: string) => `attendance|${encodeKey(officeId)}`,
  vote: (voteId: string) => `vote|${encodeKey(voteId)}`,
  /** One ballot per (vote, office): a second ballot of an office updates this row. */
  ballot: (voteId: string, officeId: string) => `ballot|${encodeKey(voteId)}|${encodeKey(officeId)}`,
  audit: (at: Date, id: string) => `audit|${at.toISOString()}|${encodeKey(id)}`,
  /** An Umlaufverfahren: its row, its ballots (one per office) and their audit. */
  umlauf: (bodyId: string, umlaufId: string) => `b|${encodeKey(bodyId)}|u|${encodeKey(umlaufId)}`,
  umlaufsPrefix: (bodyId: string) => `b|${encodeKey(bodyId)}|u|`,
  umlaufRow: 'umlauf',
  umlaufBallot: (officeId: string) => `ballot|${encodeKey(officeId)}`,
  /** A session's protocol: its draft and released versions, with their audit. */
  protocol: (bodyId: string, sessionId: string) => `b|${encodeKey(bodyId)}|p|${encodeKey(sessionId)}`,
  protocolDraft: 'draft',
  protocolVersion: (version: number) => `v|${String(version).padStart(4, '0')}`,
  /**
   * Where a session's live cards were posted (check-in card, vote cards), so every change of
   * attendance or ballots redraws them. A partition of its own: presentation, never part of a
   * decision's read set.
   */
  sessionCards: (bodyId: string, sessionId: string) => `b|${encodeKey(bodyId)}|c|${encodeKey(sessionId)}`,
  sessionCard: (card: string, activityId: string) => `card|${encodeKey(card)}|${encodeKey(activityId)}`,
} as const;

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
  status: z.enum(['pending', 'approved']),
  role: z.enum(['representative', 'deputy']),
  displayName: z.string().max(200),
  since: iso,
  /** The person's Teams user id (29:…), for cards that show each person their own state. */
  teamsUserId: z.string().max(200).default(''),
});
export type MemberRow = z.infer<typeof MemberRowSchema>;
/** What a writer supplies: defaulted fields may be left out. */
export type MemberRowInput = z.input<typeof MemberRowSchema>;

export const ChannelLinkRowSchema = z.object({
  bodyId: z.string().min(1),
  tenantId: z.string().min(1),
  channelId: z.string().min(1),
  linkedBy: z.string().min(1),
  linkedAt: iso,
});
export type ChannelLinkRow = z.infer<typeof ChannelLinkRowSchema>;

export const SessionRowSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  startTime: z.string().regex(/^\d{2}:\d{2}$/),
  durationMinutes: z.number().int().positive(),
  place: z.string().max(LIMITS.place.max).default(''),
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
  status: z.enum(['open', 'closed']),
  electorate: jsonList,
  grants: jsonList,
  openedAt: iso,
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

/** Turns a row type into storable values (lists as JSON). */
export function toData(row: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? JSON.stringify(v) : (v as string | number | boolean);
  }
  return out;
}

/** Longest text in one string property: Table Storage allows 64 KiB (32 K UTF-16 units). */
const CHUNK = 30_000;
/** At most this many chunks per text (an entity holds at most 1 MiB). */
export const MAX_CHUNKS = 12;

/** Splits a long text over properties `<name>0`, `<name>1`, … (and `<name>Chunks`). */
export function chunked(name: string, text: string): Record<string, string | number> {
  const count = Math.max(1, Math.ceil(text.length / CHUNK));
  if (count > MAX_CHUNKS) throw new RangeError(`${name} is longer than ${MAX_CHUNKS * CHUNK} characters`);
  const out: Record<string, string | number> = { [`${name}Chunks`]: count };
  for (let i = 0; i < count; i++) out[`${name}${i}`] = text.slice(i * CHUNK, (i + 1) * CHUNK);
  return out;
}

/** The text `chunked` stored, or undefined when a chunk is missing. */
export function unchunked(name: string, data: Record<string, unknown>): string | undefined {
  const count = data[`${name}Chunks`];
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_CHUNKS)
    return undefined;
  let text = '';
  for (let i = 0; i < count; i++) {
    const part = data[`${name}${i}`];
    if (typeof part !== 'string') return undefined;
    text += part;
  }
  return text;
}

import { encodeKey } from './keys.js';

/**
 * Where the records of src/ports/records.ts live in the `gremien` table (docs/storage.md), and
 * how they are encoded (lists as JSON strings, long texts in chunks).
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
  /** The register: `reg|<year>|<nnnn>`, and the pointer from what was decided to its entry. */
  decision: (year: number, number: number) => `reg|${year}|${String(number).padStart(4, '0')}`,
  decisionRef: (ref: string) => `regref|${encodeKey(ref)}`,
  /** A version of the body's rules: `ver|<nnnn>`, in the body partition. */
  bodyVersion: (n: number) => `ver|${String(n).padStart(4, '0')}`,
  /** Which bodies exist and their latest version: one row per body, so instances see a change. */
  bodyDirectory: 'bodies',
  bodyDirectoryEntry: (bodyId: string) => `body|${encodeKey(bodyId)}`,
  /** A follow-up (Wiedervorlage) of a decision or item, in the body partition. */
  followUp: (id: string) => `fu|${encodeKey(id)}`,
  /** The name (UPN/e-mail) a configured SPK person was recognised by. */
  secretariatName: (aadObjectId: string) => `spkname|${encodeKey(aadObjectId)}`,
  /** Which body a team channel belongs to: one channel, one body. */
  channels: (tenantId: string) => `t|${encodeKey(tenantId)}|channels`,
  channel: (channelId: string) => encodeKey(channelId),
  /** Which session a Teams meeting belongs to: one meeting, one session. */
  meetings: (tenantId: string) => `t|${encodeKey(tenantId)}|meetings`,
  meeting: (meetingId: string) => encodeKey(meetingId),
  /** The body's home channel, in the body partition. */
  bodyChannel: 'channel',
  /** The body's standing Teams meeting, in the body partition. */
  meetingSeries: 'meetingseries',
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

/** The long texts a row holds in chunks (their names), and whether a property is one of their parts. */
export function chunkedTexts(data: Readonly<Record<string, unknown>>): {
  readonly names: readonly string[];
  readonly isPart: (property: string) => boolean;
} {
  const names = Object.keys(data)
    .filter((k) => k.endsWith('Chunks') && typeof data[k] === 'number')
    .map((k) => k.slice(0, -'Chunks'.length));
  const isPart = (k: string) =>
    names.some((n) => k === `${n}Chunks` || (k.startsWith(n) && /^\d+$/.test(k.slice(n.length))));
  return { names, isPart };
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

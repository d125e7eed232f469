import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Download links for files the bot serves (calendar invites; later protocols and audit
 * exports). A link names what it opens and for whom, expires, and is signed with the
 * server's key; the person must still be a member when it is opened. A wrong, expired or
 * foreign link gets the same 403, so nothing is revealed.
 */
export const FILE_KINDS = [
  'ics',
  'protocol.docx',
  'protocol.md',
  'agenda.docx',
  'audit.csv',
  'register.csv',
  'register.docx',
  'basis.docx',
  'report.docx',
  'body.yaml',
  /** A person's own data (Art. 15 DSGVO), issued in their personal chat. */
  'personal.json',
  'personal.docx',
  /** A year's xdomea hand-over to the Landesarchiv (SPK). */
  'archive.zip',
] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const FileClaimSchema = z.object({
  kind: z.enum(FILE_KINDS),
  bodyId: z.string().min(1).max(64),
  /** The session (empty for a body's audit trail). */
  sessionId: z.string().max(64),
  /** A protocol's version. */
  version: z.number().int().min(1).optional(),
  /** An audit export's period (local dates, inclusive). */
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
  /** The register's year (absent: all years); a decision's year and number. */
  year: z.number().int().min(2000).max(2999).optional(),
  number: z.number().int().min(1).max(9999).optional(),
  /** When a document was made (Unix ms): the same hand-over for the filed and the downloaded copy. */
  made: z.number().int().optional(),
  /** The tenant the person asked from (their own data). */
  tenant: z.string().min(1).max(64).optional(),
  /** The language the file is written in. */
  locale: z.enum(['de', 'en']).optional(),
  /** The member the link was issued to (from the platform when they asked for it). */
  aad: z.string().min(1).max(64),
  /** Expiry, Unix milliseconds. */
  exp: z.number().int(),
});
export type FileClaim = z.infer<typeof FileClaimSchema>;

/** How long a link works after it was issued. */
export const LINK_LIFETIME_MS = 15 * 60_000;

export function signFileLink(secret: string, claim: FileClaim): string {
  return signClaim(secret, '', claim);
}

export function verifyFileLink(secret: string, token: string, now: Date): FileClaim | undefined {
  return verifyClaim(secret, '', FileClaimSchema, token, now);
}

/**
 * Signs a claim for a link the server will honour. `purpose` separates kinds of links signed
 * with the same key: a token made for one purpose never verifies for another (files use none).
 */
export function signClaim(secret: string, purpose: string, claim: { readonly exp: number }): string {
  checkPurpose(purpose);
  const payload = Buffer.from(JSON.stringify(claim)).toString('base64url');
  return `${payload}.${mac(secret, purpose + payload)}`;
}

/** The claim a token carries: signed for this purpose, well-formed and not expired; else undefined. */
export function verifyClaim<S extends z.ZodType<{ exp: number }>>(
  secret: string,
  purpose: string,
  schema: S,
  token: string,
  now: Date,
): z.output<S> | undefined {
  checkPurpose(purpose);
  // Exactly "<payload>.<signature>": nothing appended, and the signature compared as the
  // canonical text the server issues (a variant with other unused bits in its last base64url
  // character decodes to the same bytes but is not the link that was issued).
  const match = /^([A-Za-z0-9_-]{1,2000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match?.[1] || !match[2]) return undefined;
  const payload = match[1];
  const expected = Buffer.from(mac(secret, purpose + payload), 'utf8');
  const given = Buffer.from(match[2], 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let claim: z.output<S>;
  try {
    const json = Buffer.from(payload, 'base64url');
    if (json.toString('base64url') !== payload) return undefined;
    claim = schema.parse(JSON.parse(json.toString('utf8')));
  } catch {
    return undefined;
  }
  return claim.exp > now.getTime() ? claim : undefined;
}

/**
 * A purpose ends in "." (outside the payload's base64url alphabet): then no purpose followed by a
 * payload can read as another purpose followed by another payload, and no signature carries over.
 */
function checkPurpose(purpose: string): void {
  if (purpose !== '' && !/^[a-z-]+\.$/.test(purpose))
    throw new Error(`link purpose "${purpose}" must end in "."`);
}

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

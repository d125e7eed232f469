import { recipientBodies } from '../../domain/body.js';
import { addDays, instantAt, isPeriodWithin, type PlainDate } from '../../domain/calendar.js';
import type { Locale } from '../../domain/locale.js';
import { releasedProtocolDocument } from '../protocol/find-protocol.js';
import { actorFor } from '../shared/actor.js';
import type { MembershipDeps } from '../shared/deps.js';
import { isSpk, type Person } from '../shared/secretariat.js';
import { type FileClaim, LINK_LIFETIME_MS, signFileLink } from './signed-links.js';

/** Where and how file links are made; absent when the server has no signing key. */
export type FileLinks = { readonly secret: string; baseUrl: string };

export type LinkResult =
  | { readonly kind: 'ok'; readonly url: string; readonly expiresAt: Date; readonly entries?: number }
  | {
      readonly kind: 'refused';
      readonly reason:
        | 'notMember'
        | 'notSecretariat'
        | 'unknownSession'
        | 'unknownBody'
        | 'filesOff'
        | 'notReleased'
        | 'badRange';
    };

/**
 * Who may open a body's files: approved members of the body, or of a body that receives its
 * agenda and protocol (the UAG for the AG, 000 §6), by stored membership (the person comes from
 * the platform or the signed link).
 */
export async function isMember(
  deps: MembershipDeps,
  bodyId: string,
  aad: string,
  person?: Person,
): Promise<boolean> {
  const body = deps.bodies.get(bodyId);
  for (const id of body ? recipientBodies(body) : [bodyId]) {
    if ((await actorFor(deps, id, aad, person)).kind === 'member') return true;
  }
  return false;
}

function issue(
  deps: Pick<MembershipDeps, 'clock'>,
  files: FileLinks,
  claim: Omit<FileClaim, 'exp'>,
): LinkResult {
  const expiresAt = new Date(deps.clock.now().getTime() + LINK_LIFETIME_MS);
  const token = signFileLink(files.secret, { ...claim, exp: expiresAt.getTime() });
  return { kind: 'ok', url: `${files.baseUrl}/files/${token}`, expiresAt };
}

/**
 * A member asks for a file of a session (calendar invite, agenda, protocol): a link for
 * them alone, valid for 15 minutes.
 */
export async function fileLink(
  deps: MembershipDeps,
  files: FileLinks | undefined,
  cmd: {
    kind: 'ics' | 'protocol.docx' | 'protocol.md' | 'agenda.docx';
    bodyId: string;
    sessionId: string;
    version?: number;
    actorAadObjectId: string;
    /** The person as the platform gave it (an SPK configured by e-mail is recognised by it). */
    actor?: Person;
    locale: Locale;
  },
): Promise<LinkResult> {
  if (!files) return { kind: 'refused', reason: 'filesOff' };
  if (!deps.bodies.has(cmd.bodyId)) return { kind: 'refused', reason: 'unknownBody' };
  if (!(await isMember(deps, cmd.bodyId, cmd.actorAadObjectId, cmd.actor)))
    return { kind: 'refused', reason: 'notMember' };
  if (cmd.kind === 'protocol.docx' || cmd.kind === 'protocol.md') {
    const doc = await releasedProtocolDocument(deps.store, cmd.bodyId, cmd.sessionId, cmd.version);
    if (!doc) return { kind: 'refused', reason: 'notReleased' };
    return issue(deps, files, {
      kind: cmd.kind,
      bodyId: cmd.bodyId,
      sessionId: cmd.sessionId,
      version: doc.version,
      aad: cmd.actorAadObjectId,
      locale: cmd.locale,
    });
  }
  if (!(await deps.store.loadSession(cmd.bodyId, cmd.sessionId)))
    return { kind: 'refused', reason: 'unknownSession' };
  return issue(deps, files, {
    kind: cmd.kind,
    bodyId: cmd.bodyId,
    sessionId: cmd.sessionId,
    aad: cmd.actorAadObjectId,
    locale: cmd.locale,
  });
}

/** Longest period one audit export covers. */
export const AUDIT_MAX_DAYS = 366;

/** The SPK asks for the body's audit trail of a period (local dates, inclusive) as CSV. */
export async function auditLink(
  deps: MembershipDeps,
  files: FileLinks | undefined,
  cmd: { bodyId: string; actor: Person; from: PlainDate; to: PlainDate; locale: Locale },
): Promise<LinkResult> {
  if (!files) return { kind: 'refused', reason: 'filesOff' };
  const body = deps.bodies.get(cmd.bodyId);
  if (!body) return { kind: 'refused', reason: 'unknownBody' };
  if (!(await isSpk(deps, body, cmd.actor))) return { kind: 'refused', reason: 'notSecretariat' };
  if (!isPeriodWithin(cmd.from, cmd.to, AUDIT_MAX_DAYS)) return { kind: 'refused', reason: 'badRange' };
  const entries = (await auditRows(deps, cmd.bodyId, cmd.from, cmd.to)).length;
  const link = issue(deps, files, {
    kind: 'audit.csv',
    bodyId: cmd.bodyId,
    sessionId: '',
    from: cmd.from,
    to: cmd.to,
    aad: cmd.actor.aadObjectId,
    locale: cmd.locale,
  });
  return link.kind === 'ok' ? { ...link, entries } : link;
}

export async function auditRows(deps: MembershipDeps, bodyId: string, from: PlainDate, to: PlainDate) {
  const start = instantAt(from, '00:00').toISOString();
  const end = instantAt(addDays(to, 1), '00:00').toISOString();
  return (await deps.store.bodyAudit(bodyId)).filter((r) => r.at >= start && r.at < end);
}

/**
 * A member asks for the register (of a year, or all of it): links to its CSV and Word file, for
 * them alone, valid for 15 minutes.
 */
export async function registerLinks(
  deps: MembershipDeps,
  files: FileLinks | undefined,
  cmd: { bodyId: string; actor: Person; year?: number; locale: Locale },
): Promise<{ csv: LinkResult; docx: LinkResult }> {
  const refused = (reason: Extract<LinkResult, { kind: 'refused' }>['reason']) => {
    const r: LinkResult = { kind: 'refused', reason };
    return { csv: r, docx: r };
  };
  if (!files) return refused('filesOff');
  if (!deps.bodies.has(cmd.bodyId)) return refused('unknownBody');
  if (!(await isMember(deps, cmd.bodyId, cmd.actor.aadObjectId, cmd.actor))) return refused('notMember');
  const claim = (kind: 'register.csv' | 'register.docx') =>
    issue(deps, files, {
      kind,
      bodyId: cmd.bodyId,
      sessionId: '',
      ...(cmd.year ? { year: cmd.year } : {}),
      aad: cmd.actor.aadObjectId,
      locale: cmd.locale,
    });
  return { csv: claim('register.csv'), docx: claim('register.docx') };
}

/**
 * A link to a document the SPK just made (a decision's basis, a report), issued after the
 * platform said who asked and the SPK was recognised; the file is made again when it is opened.
 */
export function spkDocumentLink(
  deps: MembershipDeps,
  files: FileLinks | undefined,
  claim: Omit<FileClaim, 'exp'> & { kind: 'basis.docx' | 'report.docx' | 'body.yaml' | 'archive.zip' },
): LinkResult {
  if (!files) return { kind: 'refused', reason: 'filesOff' };
  return issue(deps, files, claim);
}

/**
 * A person's own data (`meine daten`): two links for them alone — the records as JSON and the
 * readable Word copy —, asked for in their personal chat (the handler checks where).
 */
export function personalLinks(
  deps: Pick<MembershipDeps, 'clock'>,
  files: FileLinks | undefined,
  cmd: { aadObjectId: string; tenantId: string; locale: Locale },
): { json: LinkResult; docx: LinkResult } {
  if (!files || !cmd.aadObjectId || !cmd.tenantId) {
    const refused: LinkResult = { kind: 'refused', reason: 'filesOff' };
    return { json: refused, docx: refused };
  }
  const claim = (kind: 'personal.json' | 'personal.docx') =>
    issue(deps, files, {
      kind,
      bodyId: '-',
      sessionId: '',
      aad: cmd.aadObjectId,
      tenant: cmd.tenantId,
      locale: cmd.locale,
    });
  return { json: claim('personal.json'), docx: claim('personal.docx') };
}

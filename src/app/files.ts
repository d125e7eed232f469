import { formatDeadline } from '../../cards/format.js';
import type { Locale } from '../../cards/locale.js';
import { textOf as t } from '../../cards/messages.js';
import { officeById } from '../domain/body.js';
import { addDays, instantAt, localDateOf, localTimeOf, type PlainDate } from '../domain/calendar.js';
import { agendaBlocks, type Block, protocolBlocks } from '../files/protocol-blocks.js';
import { toCsv, toDocx, toMarkdown } from '../files/render.js';
import { actorFor } from './actor.js';
import { sessionIcs } from './ics.js';
import type { MembershipDeps } from './membership.js';
import { releasedProtocolDocument } from './protocol.js';
import { isSecretariat, type Person } from './secretariat.js';
import { timelineOf } from './sessions.js';
import { type FileClaim, type FileKind, LINK_LIFETIME_MS, signFileLink } from './signed-links.js';
import { sessionAgenda } from './topics.js';

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

/** Approved members only, by stored membership (the person comes from the platform or the signed link). */
async function isMember(deps: MembershipDeps, bodyId: string, aad: string): Promise<boolean> {
  return (await actorFor(deps, bodyId, aad)).kind === 'member';
}

function issue(deps: MembershipDeps, files: FileLinks, claim: Omit<FileClaim, 'exp'>): LinkResult {
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
    kind: Exclude<FileKind, 'audit.csv'>;
    bodyId: string;
    sessionId: string;
    version?: number;
    actorAadObjectId: string;
    locale: Locale;
  },
): Promise<LinkResult> {
  if (!files) return { kind: 'refused', reason: 'filesOff' };
  if (!deps.bodies.has(cmd.bodyId)) return { kind: 'refused', reason: 'unknownBody' };
  if (!(await isMember(deps, cmd.bodyId, cmd.actorAadObjectId)))
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
  if (!(await isSecretariat(deps.store, body, cmd.actor, deps.secretariatMembers(body.id))))
    return { kind: 'refused', reason: 'notSecretariat' };
  if (cmd.from > cmd.to || addDays(cmd.from, AUDIT_MAX_DAYS) <= cmd.to)
    return { kind: 'refused', reason: 'badRange' };
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

async function auditRows(deps: MembershipDeps, bodyId: string, from: PlainDate, to: PlainDate) {
  const start = instantAt(from, '00:00').toISOString();
  const end = instantAt(addDays(to, 1), '00:00').toISOString();
  return (await deps.store.bodyAudit(bodyId)).filter((r) => r.at >= start && r.at < end);
}

export type ServedFile = {
  readonly contentType: string;
  readonly fileName: string;
  readonly content: string | Buffer;
};

/** A Word file of blocks in the reader's language, the body's name in the header. */
function wordFile(locale: Locale, blocks: Block[], title: string, header: string): Promise<Buffer> {
  return toDocx(blocks, {
    title,
    header,
    pageWord: t(locale, 'doc.page'),
    ofWord: t(locale, 'doc.pageOf'),
  });
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9-]+/g, '-');

/**
 * The file behind a verified link. A session file needs its holder to be a member still;
 * the audit export was issued to the SPK after the platform said who asked, and the link is
 * short-lived, so its claim is the permission. Undefined: nothing to serve (the caller
 * answers 403 without detail).
 */
export async function fileFor(deps: MembershipDeps, claim: FileClaim): Promise<ServedFile | undefined> {
  const body = deps.bodies.get(claim.bodyId);
  if (!body) return undefined;
  const locale: Locale = claim.locale ?? 'de';
  if (claim.kind === 'audit.csv') {
    if (!claim.from || !claim.to) return undefined;
    const rows = await auditRows(deps, body.id, claim.from as PlainDate, claim.to as PlainDate);
    return {
      contentType: 'text/csv; charset=utf-8',
      fileName: `${safeName(body.shortName)}-audit-${claim.from}-${claim.to}.csv`,
      // Headers in the reader's language; the time in Berlin; before/after as "key: value".
      content: toCsv(
        AUDIT_COLUMNS.map((c) => t(locale, `csv.${c}`)),
        rows.map((r) => [
          berlinTime(new Date(r.at)),
          r.action,
          r.target,
          r.actorAadObjectId,
          r.actorOfficeId,
          officeById(body, r.actorOfficeId)?.name ?? '',
          readable(r.before),
          readable(r.after),
          r.activityId,
        ]),
      ),
    };
  }
  if (!(await isMember(deps, claim.bodyId, claim.aad))) return undefined;
  if (claim.kind === 'protocol.docx' || claim.kind === 'protocol.md') {
    const doc = await releasedProtocolDocument(deps.store, body.id, claim.sessionId, claim.version);
    if (!doc) return undefined;
    const blocks = protocolBlocks(doc, locale);
    const name = `${safeName(body.shortName)}-Ergebnisprotokoll-${doc.date}-v${doc.version}`;
    if (claim.kind === 'protocol.md')
      return {
        contentType: 'text/markdown; charset=utf-8',
        fileName: `${name}.md`,
        content: toMarkdown(blocks),
      };
    return {
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      fileName: `${name}.docx`,
      content: await wordFile(
        locale,
        blocks,
        `${t(locale, 'doc.protocolTitle')} ${body.shortName} ${doc.date}`,
        body.name,
      ),
    };
  }
  const snapshot = await deps.store.loadSession(claim.bodyId, claim.sessionId);
  if (!snapshot) return undefined;
  const session = snapshot.session.value;
  const timeline = timelineOf(body, session);
  if (claim.kind === 'agenda.docx') {
    const blocks = agendaBlocks(
      {
        bodyName: body.name,
        start: timeline.start,
        end: timeline.end,
        place: session.place,
        registrationClosesAt: timeline.registrationClosesAt,
        items: sessionAgenda(snapshot).map((i) => ({
          number: i.number,
          title: i.title,
          marking: i.marking,
          purpose: i.purpose,
          office: officeById(body, i.officeId)?.name ?? i.officeId,
          submitter: i.row.submitterName,
          description: i.row.description,
          documents: [...i.row.documents],
        })),
      },
      locale,
    );
    return {
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      fileName: `${safeName(body.shortName)}-Tagesordnung-${session.date}.docx`,
      content: await wordFile(
        locale,
        blocks,
        `${t(locale, 'doc.agendaTitle')} ${body.shortName} ${session.date}`,
        body.name,
      ),
    };
  }
  return {
    contentType: 'text/calendar; charset=utf-8',
    fileName: `${safeName(body.shortName)}-${session.date}.ics`,
    content: sessionIcs(
      body,
      claim.sessionId,
      session,
      timeline,
      t(locale, 'file.deadline', { deadline: formatDeadline(locale, timeline.registrationClosesAt) }),
      deps.clock.now(),
    ),
  };
}

const AUDIT_COLUMNS = [
  'at',
  'action',
  'target',
  'actor',
  'officeId',
  'office',
  'before',
  'after',
  'activity',
] as const;

/** "2026-11-22 11:00:05" in Europe/Berlin (the calendar's conversions; seconds are the same in every zone). */
function berlinTime(at: Date): string {
  return `${localDateOf(at)} ${localTimeOf(at)}:${String(at.getUTCSeconds()).padStart(2, '0')}`;
}

/** A JSON object as "key: value, key: value"; anything else as it is. */
function readable(text: string): string {
  if (!text.startsWith('{')) return text;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(', ');
  } catch {
    return text;
  }
}

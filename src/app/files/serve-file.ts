import type { FollowUpLine } from '../../../cards/follow-up-cards.js';
import { formatDeadline } from '../../../cards/format.js';
import type { Locale } from '../../../cards/locale.js';
import { textOf as t } from '../../../cards/messages.js';
import { type Body, officeById } from '../../domain/body.js';
import type { PlainDate } from '../../domain/calendar.js';
import type { ProtocolDocument } from '../../domain/protocol.js';
import { agendaBlocks, protocolBlocks } from '../../files/protocol-blocks.js';
import { toCsv, toMarkdown } from '../../files/render.js';
import type { SessionSnapshot } from '../../ports/gremien-store.js';
import { bodyYaml } from '../bodies/export.js';
import { BodyRegistry } from '../bodies/registry.js';
import { followUpsOnAgenda, lineOf } from '../follow-ups/follow-ups.js';
import { releasedProtocolDocument } from '../protocol/find-protocol.js';
import { basisFile, registerEntries, registerFile, reportFacts, reportFile } from '../register/documents.js';
import type { MembershipDeps } from '../shared/deps.js';
import { sessionAgenda } from '../shared/session-agenda.js';
import { timelineOf } from '../shared/session-facts.js';
import { AUDIT_COLUMNS, berlinTime, readable } from './audit-csv.js';
import { auditRows, isMember } from './file-links.js';
import { sessionIcs } from './ics.js';
import { type FileClaim, LINK_LIFETIME_MS } from './signed-links.js';
import { type ServedFile, safeName, wordFile } from './word-file.js';

/** A session's agenda as a Word file (downloads and the group drive). */
export async function agendaFile(
  body: Body,
  snapshot: SessionSnapshot,
  locale: Locale = 'de',
  followUps: readonly FollowUpLine[] = [],
): Promise<ServedFile & { content: Buffer }> {
  const session = snapshot.session.value;
  const timeline = timelineOf(body, session);
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
      followUps,
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

/** A released protocol version as a Word or Markdown file (downloads and the group drive). */
export async function protocolFile(
  body: Body,
  doc: ProtocolDocument,
  ext: 'docx' | 'md',
  locale: Locale = 'de',
): Promise<ServedFile & { content: Buffer }> {
  const blocks = protocolBlocks(doc, locale);
  const name = `${safeName(body.shortName)}-Ergebnisprotokoll-${doc.date}-v${doc.version}`;
  if (ext === 'md')
    return {
      contentType: 'text/markdown; charset=utf-8',
      fileName: `${name}.md`,
      content: Buffer.from(toMarkdown(blocks), 'utf8'),
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
  if (claim.kind === 'register.csv' || claim.kind === 'register.docx') {
    const entries = await registerEntries(deps, body, claim.year);
    return registerFile(body, entries, claim.year, claim.kind === 'register.csv' ? 'csv' : 'docx', locale);
  }
  // Made when the SPK asked for it (the link's issue time), as the filed copy says.
  const madeAt = new Date(claim.exp - LINK_LIFETIME_MS);
  if (claim.kind === 'basis.docx') {
    if (claim.year === undefined || claim.number === undefined) return undefined;
    const decision = await deps.store.decision(body.id, claim.year, claim.number);
    return decision ? basisFile(body, decision, locale, madeAt) : undefined;
  }
  if (claim.kind === 'body.yaml') {
    // The version the link was issued for: the export says what the SPK saw.
    const version =
      deps.bodies instanceof BodyRegistry
        ? deps.bodies.history(body.id).find((v) => v.number === claim.version)?.body
        : body;
    if (!version) return undefined;
    return {
      contentType: 'application/yaml; charset=utf-8',
      fileName: `${body.id}${claim.version ? `-fassung-${claim.version}` : ''}.yaml`,
      content: Buffer.from(bodyYaml(version), 'utf8'),
    };
  }
  if (claim.kind === 'report.docx') {
    if (!claim.from || !claim.to) return undefined;
    const facts = await reportFacts(deps, body, claim.from as PlainDate, claim.to as PlainDate);
    return reportFile(body, facts, locale, madeAt);
  }
  if (claim.kind === 'protocol.docx' || claim.kind === 'protocol.md') {
    const doc = await releasedProtocolDocument(deps.store, body.id, claim.sessionId, claim.version);
    if (!doc) return undefined;
    return protocolFile(body, doc, claim.kind === 'protocol.md' ? 'md' : 'docx', locale);
  }
  const snapshot = await deps.store.loadSession(claim.bodyId, claim.sessionId);
  if (!snapshot) return undefined;
  const session = snapshot.session.value;
  const timeline = timelineOf(body, session);
  if (claim.kind === 'agenda.docx') {
    const followUps = await followUpsOnAgenda(deps, body, {
      sessionId: claim.sessionId,
      date: session.date,
      status: session.status,
    });
    return agendaFile(body, snapshot, locale, followUps.map(lineOf));
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

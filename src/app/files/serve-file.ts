import type { PlainDate } from '../../domain/calendar.js';
import type { FileContent } from '../../files/documents.js';
import { archiveYear } from '../archive/archive-year.js';
import { BodyRegistry } from '../bodies/registry.js';
import { followUpsOnAgenda, lineOf } from '../follow-ups/follow-ups.js';
import { type PersonalDataDeps, personalData } from '../privacy/personal-data.js';
import { releasedProtocolDocument } from '../protocol/find-protocol.js';
import { registerEntries, reportFacts } from '../register/documents.js';
import type { MembershipDeps } from '../shared/deps.js';
import { timelineOf } from '../shared/session-facts.js';
import { agendaContent } from './agenda-content.js';
import { auditRows, isMember } from './file-links.js';
import { type FileClaim, LINK_LIFETIME_MS } from './signed-links.js';
/**
 * What the file behind a verified link holds (rendered by src/files/documents.ts). A session file needs its holder to be a member still;
 * the audit export was issued to the SPK after the platform said who asked, and the link is
 * short-lived, so its claim is the permission. Undefined: nothing to serve (the caller
 * answers 403 without detail).
 */
export async function fileFor(
  deps: MembershipDeps & Partial<Pick<PersonalDataDeps, 'conversations' | 'notifications'>>,
  claim: FileClaim,
): Promise<FileContent | undefined> {
  if (claim.kind === 'personal.json' || claim.kind === 'personal.docx') {
    // Issued in the person's own chat for them alone: gathered now, for the link's holder.
    if (!claim.tenant || !deps.conversations) return undefined;
    const data = await personalData(
      { ...deps, conversations: deps.conversations },
      { aadObjectId: claim.aad, tenantId: claim.tenant },
    );
    return { kind: 'personalData', data, ext: claim.kind === 'personal.json' ? 'json' : 'docx' };
  }
  const body = deps.bodies.get(claim.bodyId);
  if (!body) return undefined;
  if (claim.kind === 'audit.csv') {
    if (!claim.from || !claim.to) return undefined;
    const rows = await auditRows(deps, body.id, claim.from as PlainDate, claim.to as PlainDate);
    return { kind: 'audit', body, rows, from: claim.from, to: claim.to };
  }
  if (!(await isMember(deps, claim.bodyId, claim.aad))) return undefined;
  if (claim.kind === 'register.csv' || claim.kind === 'register.docx') {
    const entries = await registerEntries(deps, body, claim.year);
    return {
      kind: 'register',
      body,
      entries,
      year: claim.year,
      ext: claim.kind === 'register.csv' ? 'csv' : 'docx',
    };
  }
  // Made when the SPK asked for it (the link's issue time), as the filed copy says.
  const madeAt = new Date(claim.exp - LINK_LIFETIME_MS);
  if (claim.kind === 'basis.docx') {
    if (claim.year === undefined || claim.number === undefined) return undefined;
    const decision = await deps.store.decision(body.id, claim.year, claim.number);
    return decision ? { kind: 'basis', body, decision, madeAt } : undefined;
  }
  if (claim.kind === 'archive.zip') {
    if (claim.year === undefined || claim.made === undefined) return undefined;
    return { kind: 'archive', archive: await archiveYear(deps, body, claim.year, new Date(claim.made)) };
  }
  if (claim.kind === 'body.yaml') {
    // The version the link was issued for: the export says what the SPK saw.
    const version =
      deps.bodies instanceof BodyRegistry
        ? deps.bodies.history(body.id).find((v) => v.number === claim.version)?.body
        : body;
    return version ? { kind: 'bodyYaml', body: version } : undefined;
  }
  if (claim.kind === 'report.docx') {
    if (!claim.from || !claim.to) return undefined;
    const facts = await reportFacts(deps, body, claim.from as PlainDate, claim.to as PlainDate);
    return { kind: 'report', body, facts, madeAt };
  }
  if (claim.kind === 'protocol.docx' || claim.kind === 'protocol.md') {
    const document = await releasedProtocolDocument(deps.store, body.id, claim.sessionId, claim.version);
    if (!document) return undefined;
    return { kind: 'protocol', body, document, ext: claim.kind === 'protocol.md' ? 'md' : 'docx' };
  }
  const snapshot = await deps.store.loadSession(claim.bodyId, claim.sessionId);
  if (!snapshot) return undefined;
  const session = snapshot.session.value;
  if (claim.kind === 'agenda.docx') {
    const followUps = await followUpsOnAgenda(deps, body, {
      sessionId: claim.sessionId,
      date: session.date,
      status: session.status,
    });
    return agendaContent(body, snapshot, followUps.map(lineOf));
  }
  return {
    kind: 'ics',
    body,
    sessionId: claim.sessionId,
    session,
    timeline: timelineOf(body, session),
    now: deps.clock.now(),
  };
}

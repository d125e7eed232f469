import type { Body } from '../../domain/body.js';
import type { PlainDate } from '../../domain/calendar.js';
import type { ProtocolDocument } from '../../domain/protocol.js';
import { agendaContent } from '../files/agenda-content.js';
import { auditRows } from '../files/file-links.js';
import { followUpsOnAgenda, lineOf } from '../follow-ups/follow-ups.js';
import { registerEntries } from '../register/documents.js';
import { umlaufRef } from '../register/record-decision.js';
import type { MembershipDeps } from '../shared/deps.js';
import type { ArchiveSession, ArchiveUmlauf, ArchiveYear } from './archive-types.js';
import { stableUuid } from './ids.js';

/**
 * A body's year as it is handed to the Landesarchiv (§ 5 ArchGB, § 25 BlnDSG; xdomea
 * `Aussonderung.Aussonderung.0503`, rendered by src/files/xdomea.ts): the year as one file
 * (Akte), each session that took place or was cancelled and each closed Umlaufverfahren as a
 * case (Vorgang) with its documents — every released version of the protocol, the agenda, the
 * Entscheidungsgrundlage of each decision —, and the year's register and audit trail.
 */

export async function archiveYear(
  deps: MembershipDeps,
  body: Body,
  year: number,
  madeAt: Date,
): Promise<ArchiveYear> {
  const from = `${year}-01-01` as PlainDate;
  const to = `${year}-12-31` as PlainDate;
  const decisions = await registerEntries(deps, body, undefined);
  const sessions: ArchiveSession[] = [];
  for (const { sessionId, session } of await deps.store.sessionsFrom(body.id, from)) {
    if (session.date > to) break;
    if (session.status !== 'ended' && session.status !== 'cancelled') continue;
    const { versions } = await deps.store.loadProtocol(body.id, sessionId);
    const snapshot = await deps.store.loadSession(body.id, sessionId);
    const followUps = snapshot
      ? await followUpsOnAgenda(deps, body, { sessionId, date: session.date, status: session.status })
      : [];
    sessions.push({
      sessionId,
      date: session.date,
      status: session.status,
      protocols: versions.map((v) => JSON.parse(v.document) as ProtocolDocument),
      ...(snapshot && session.status === 'ended'
        ? {
            agenda: agendaContent(body, snapshot, followUps.map(lineOf)),
          }
        : {}),
      decisions: decisions.filter((d) => d.kind === 'vote' && d.sessionId === sessionId),
    });
  }
  const umlaufs: ArchiveUmlauf[] = [];
  for (const { umlaufId, umlauf } of await deps.store.umlaufsFrom(body.id, `${year}`)) {
    if (!umlaufId.startsWith(`${year}`)) break;
    if (umlauf.status !== 'closed') continue;
    const decision = decisions.find((d) => d.ref === umlaufRef(umlaufId));
    umlaufs.push({
      umlaufId,
      title: umlauf.title,
      openedAt: umlauf.openedAt,
      closedAt: umlauf.closedAt,
      ...(decision ? { decision } : {}),
    });
  }
  return {
    body,
    year,
    madeAt,
    processId: stableUuid(`gremienbot|aussonderung|${body.id}|${year}|${madeAt.toISOString()}`),
    sessions,
    umlaufs,
    register: decisions.filter((d) => d.year === year),
    audit: await auditRows(deps, body.id, from, to),
  };
}

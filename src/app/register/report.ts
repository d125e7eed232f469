import { type Body, officeById } from '../../domain/body.js';
import { localDateOf, type PlainDate } from '../../domain/calendar.js';
import type { Decision } from '../../ports/records.js';
import { releasedProtocolDocument } from '../protocol/find-protocol.js';
import type { SessionDeps } from '../shared/deps.js';

/** Longest period one report covers. */
export const REPORT_MAX_DAYS = 366;

export type ReportSession = {
  readonly sessionId: string;
  readonly date: string;
  readonly status: 'planned' | 'running' | 'ended' | 'cancelled';
  /** Whether the protocol was released (its latest version is what the report says). */
  readonly protocolVersion: number;
  /** Each office and whether it attended (ended sessions; as the protocol says where released). */
  readonly attendance: readonly { readonly office: string; readonly attended: boolean }[];
};

export type Report = {
  readonly bodyName: string;
  readonly shortName: string;
  readonly from: PlainDate;
  readonly to: PlainDate;
  readonly sessions: readonly ReportSession[];
  /** Decisions of the period (session votes and Umlaufverfahren), in the order of the register. */
  readonly decisions: readonly Decision[];
  /** Umlaufverfahren opened in the period that are not decided (open, or ended without a register entry). */
  readonly openUmlaufs: readonly {
    readonly title: string;
    readonly deadline: string;
    readonly status: string;
  }[];
};

/**
 * The SPK's regular report to the Bezirksamt (004: "Die Leitung der SPK berichtet dem
 * Bezirksamt regelmäßig"): the sessions of a period with the attendance of each office, the
 * decisions with their outcomes and the Umlaufverfahren. Read from what was stored and released,
 * never recomputed under today's rules.
 */
export async function buildReport(
  deps: Pick<SessionDeps, 'store'>,
  body: Body,
  from: PlainDate,
  to: PlainDate,
): Promise<Report> {
  const rows = (await deps.store.sessionsFrom(body.id, from)).filter((s) => s.session.date <= to);
  const sessions: ReportSession[] = [];
  for (const s of rows) {
    const doc =
      s.session.status === 'ended'
        ? await releasedProtocolDocument(deps.store, body.id, s.sessionId)
        : undefined;
    let attendance: ReportSession['attendance'] = [];
    if (doc) {
      attendance = doc.attendance.map((a) => ({ office: a.office, attended: a.status !== 'absent' }));
    } else if (s.session.status === 'ended' || s.session.status === 'running') {
      const snapshot = await deps.store.loadSession(body.id, s.sessionId);
      const came = new Set(
        [...(snapshot?.attendance.values() ?? [])]
          .filter((a) => a.value.present || a.value.leftAt)
          .map((a) => a.value.officeId),
      );
      attendance = body.offices
        .filter((o) => o.role !== 'guest')
        .map((o) => ({ office: officeById(body, o.id)?.name ?? o.id, attended: came.has(o.id) }));
    }
    sessions.push({
      sessionId: s.sessionId,
      date: s.session.date,
      status: s.session.status,
      protocolVersion: doc?.version ?? 0,
      attendance,
    });
  }
  const decisions = (await deps.store.decisions(body.id)).filter((d) => {
    const day = localDateOf(new Date(d.decidedAt));
    return day >= from && day <= to;
  });
  const decided = new Set(decisions.filter((d) => d.kind === 'umlauf').map((d) => d.ref));
  const openUmlaufs = (await deps.store.umlaufsFrom(body.id, from))
    .filter((u) => u.umlaufId.slice(0, 10) <= to && !decided.has(`umlauf/${u.umlaufId}`))
    .filter((u) => u.umlauf.status === 'open')
    .map((u) => ({ title: u.umlauf.title, deadline: u.umlauf.deadline, status: u.umlauf.status }));
  return { bodyName: body.name, shortName: body.shortName, from, to, sessions, decisions, openUmlaufs };
}

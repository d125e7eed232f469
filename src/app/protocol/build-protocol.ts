import type { Body } from '../../domain/body.js';
import { officeById } from '../../domain/body.js';
import { addDays, localTimeOf, type PlainDate } from '../../domain/calendar.js';
import {
  type AttendanceEvent,
  attendanceOf,
  decidedBetween,
  type ProtocolDocument,
  type ProtocolUmlauf,
  type ProtocolVote,
  presentAt,
  protocolVote,
} from '../../domain/protocol.js';
import { quorumStatus } from '../../domain/quorum.js';
import { actualTimes, effectiveStart } from '../../domain/schedule.js';
import { bodyOfSession } from '../../domain/vote-rules.js';
import type { SessionSnapshot } from '../../ports/gremien-store.js';
import { type AuditRow, umlaufResultOf } from '../../ports/records.js';
import { voteRef } from '../register/record-decision.js';
import { ballotsOfVote, storedBallot } from '../shared/ballots.js';
import type { MembershipDeps } from '../shared/deps.js';
import type { Person } from '../shared/secretariat.js';
import { sessionAgenda } from '../shared/session-agenda.js';
import { openedAt, timelineOf } from '../shared/session-facts.js';
import { annulledVotesOf, voteIdOf } from '../voting/vote-view.js';
import { LOOK_BACK_DAYS, type ProtocolNotes } from './protocol-context.js';

/** Presence changes of the session, from its audit trail (check-ins and the SPK's marks). */
function attendanceEvents(audit: readonly AuditRow[]): AttendanceEvent[] {
  const events: AttendanceEvent[] = [];
  for (const row of audit) {
    if (!row.target.startsWith('office/')) continue;
    const present =
      row.action === 'attendance.checkedIn' || row.action === 'attendance.markedPresent'
        ? true
        : row.action === 'attendance.markedAbsent'
          ? false
          : undefined;
    if (present === undefined) continue;
    events.push({ officeId: row.target.slice('office/'.length), at: new Date(row.at), present });
  }
  return events;
}

/** Umlaufverfahren closed after the previous session ended and up to the end of this one. */
async function umlaufsSince(
  deps: MembershipDeps,
  body: Body,
  snapshot: SessionSnapshot,
  until: Date,
): Promise<ProtocolUmlauf[]> {
  const date = snapshot.session.value.date as PlainDate;
  const self = snapshot.session.value;
  const when = (s: { date: string; startTime: string }) => `${s.date}T${s.startTime}`;
  const previous = (await deps.store.sessionsFrom(body.id, addDays(date, -LOOK_BACK_DAYS)))
    .map((s) => s.session)
    .filter((s) => s.status === 'ended' && when(s) < when(self))
    .sort((a, b) => when(a).localeCompare(when(b)))
    .at(-1);
  const since = previous?.endedAt ? new Date(previous.endedAt) : undefined;
  const from = previous
    ? addDays(previous.date as PlainDate, -LOOK_BACK_DAYS)
    : addDays(date, -LOOK_BACK_DAYS);
  const umlaufs = await deps.store.umlaufsFrom(body.id, from);
  return decidedBetween(
    umlaufs.map((u) => u.umlauf),
    since,
    until,
  ).map((umlauf) => {
    const result = umlaufResultOf(umlauf);
    return {
      title: umlauf.title,
      closedAt: umlauf.closedAt,
      outcome: result?.kind ?? 'unknown',
      counts: result
        ? { yes: result.counts.yes, no: result.counts.no, abstain: result.counts.abstain }
        : { yes: 0, no: 0, abstain: 0 },
    };
  });
}

/** Assembles the protocol from what is stored about the session, and nothing else. */
export async function buildProtocol(
  deps: MembershipDeps,
  body: Body,
  snapshot: SessionSnapshot,
  meta: {
    version: number;
    notes: ProtocolNotes;
    writer: Person;
    releasedAt: Date;
    correctionReason: string;
  },
): Promise<ProtocolDocument> {
  const session = snapshot.session.value;
  const timeline = timelineOf(body, session);
  const start = effectiveStart(timeline, openedAt(session));
  const end = session.endedAt ? new Date(session.endedAt) : timeline.end;
  const times = actualTimes(
    timeline,
    openedAt(session),
    session.endedAt ? new Date(session.endedAt) : undefined,
  );
  const [audit, members, umlaufs, decisions] = await Promise.all([
    deps.store.sessionAudit(body.id, snapshot.sessionId),
    deps.store.members(body.id),
    umlaufsSince(deps, body, snapshot, end),
    registerLabels(deps, body, snapshot),
  ]);
  const names = new Map(members.map((m) => [m.aadObjectId, m.value.displayName]));
  if (session.startedBy) names.set(session.startedBy, session.startedByName);
  const spk = officeById(body, body.secretariat)?.name ?? body.secretariat;
  const events = attendanceEvents(audit);
  const officeName = (id: string) => officeById(body, id)?.name ?? id;
  const time = (at: Date) => localTimeOf(at);

  const items = sessionAgenda(snapshot).map((entry) => {
    const row = entry.row;
    const voteId = voteIdOf(snapshot, row.itemId);
    const vote = snapshot.votes.get(voteId)?.value;
    const ballots = ballotsOfVote(snapshot, voteId).map(storedBallot);
    const annulled = annulledVotesOf(snapshot, row.itemId);
    const registered = vote ? decisions.get(voteId) : undefined;
    return {
      number: entry.number,
      title: row.title,
      marking: entry.marking,
      purpose: row.purpose,
      office: officeName(row.officeId),
      submitter: row.submitterName,
      description: row.description,
      documents: [...row.documents],
      ...(row.status === 'lateAccepted'
        ? { lateAcceptedBy: `${names.get(row.decidedBy) ?? ''} (${spk})`.replace(/^ \(/, '(') }
        : {}),
      grants: row.grants.map(officeName),
      ...(vote
        ? {
            vote: withRegister(
              registered,
              protocolVote(body, {
                openedAt: new Date(vote.openedAt),
                closed: vote.status === 'closed',
                electorate: vote.electorate,
                grants: vote.grants,
                ballots,
                rules: vote.rules,
                result: vote.result,
              }),
            ),
          }
        : {}),
      ...(annulled.length > 0
        ? {
            annulledVotes: annulled.map((a) => ({
              openedAt: a.openedAt,
              annulledAt: a.annulledAt || a.openedAt,
            })),
          }
        : {}),
      result: meta.notes.notes[row.itemId] ?? '',
    };
  });

  const sessionBody = bodyOfSession(body, session.rules);
  return {
    version: meta.version,
    body: { id: body.id, name: body.name, shortName: body.shortName },
    sessionId: snapshot.sessionId,
    date: session.date,
    startTime: time(times.start),
    endTime: time(times.end),
    place: session.place,
    chair: { office: spk, person: session.startedByName },
    writer: { office: spk, person: meta.writer.displayName },
    // The SPK chairs: its office is listed only if it attended (or votes) like any other.
    // The offices and quorum the session started under (an office added or retired since is not
    // counted back into it, and keeps its name).
    attendance: attendanceOf(sessionBody, events, start, time).filter(
      (a) => a.officeId !== body.secretariat || a.status !== 'absent' || a.role === 'voting',
    ),
    quorumAtStart: quorumStatus(sessionBody, presentAt(events, start)),
    items,
    umlaufs,
    remarks: meta.notes.remarks,
    release: { at: meta.releasedAt.toISOString(), correctionReason: meta.correctionReason },
  };
}

/** A vote as the protocol states it, with its number in the register where it has one. */
function withRegister(register: string | undefined, vote: ProtocolVote): ProtocolVote {
  return register ? { register, ...vote } : vote;
}

/** The register numbers of the session's closed votes (point reads: the register's size does not matter). */
async function registerLabels(
  deps: MembershipDeps,
  body: Body,
  snapshot: SessionSnapshot,
): Promise<ReadonlyMap<string, string>> {
  const closed = [...snapshot.votes.entries()]
    .filter(([, v]) => v.value.status === 'closed')
    .map(([id]) => id);
  const found = await Promise.all(
    closed.map(
      async (id) =>
        [id, (await deps.store.decisionOf(body.id, voteRef(snapshot.sessionId, id)))?.label] as const,
    ),
  );
  return new Map(found.filter((f): f is readonly [string, string] => f[1] !== undefined));
}

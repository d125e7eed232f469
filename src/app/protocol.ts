import type { Body } from '../domain/body.js';
import { officeById } from '../domain/body.js';
import { addDays, localDateOf, localTimeOf, type PlainDate } from '../domain/calendar.js';
import { LIMITS } from '../domain/limits.js';
import {
  type AttendanceEvent,
  attendanceOf,
  decidedBetween,
  type ProtocolDocument,
  type ProtocolUmlauf,
  presentAt,
  protocolVote,
} from '../domain/protocol.js';
import { quorumStatus } from '../domain/quorum.js';
import { actualTimes, effectiveStart } from '../domain/schedule.js';
import { textProblem } from '../domain/text.js';
import type { GremienStore, SessionSnapshot } from '../ports/gremien-store.js';
import {
  type AuditRow,
  type ProtocolDraftRow,
  type ProtocolVersionRow,
  umlaufResultOf,
} from '../ports/records.js';
import { retryOnConflict } from './deps.js';
import type { MembershipDeps } from './membership.js';
import { attendanceAsRead } from './read-set.js';
import { isSecretariat, type Person } from './secretariat.js';
import { openedAt, sessionsOn, timelineOf } from './sessions.js';
import { auditEntry } from './shared/audit.js';
import { sessionAgenda } from './topics.js';
import { voteIdOf } from './votes.js';

export type ProtocolRefusal =
  | 'unknownBody'
  | 'notSecretariat'
  | 'unknownSession'
  | 'sessionNotRunning'
  | 'openVotes'
  | 'sessionNotEnded'
  | 'alreadyReleased'
  | 'nothingReleased'
  | 'correctionReasonMissing'
  | 'noteTooLong'
  | 'noteText'
  | 'unknownItem'
  | 'tooLarge';

/** The notes the SPK types into the draft: per agenda item id, plus remarks for the whole session. */
export type ProtocolNotes = { readonly notes: Readonly<Record<string, string>>; readonly remarks: string };

/** How far back the previous session (and the Umlaufverfahren decided since) is looked for. */
const LOOK_BACK_DAYS = 400;

async function spkContext(deps: MembershipDeps, bodyId: string, actor: Person) {
  const body = deps.bodies.get(bodyId);
  if (!body) return 'unknownBody' as const;
  if (!(await isSecretariat(deps.store, body, actor, deps.secretariatMembers(body.id))))
    return 'notSecretariat' as const;
  return body;
}

/**
 * `sitzung beenden` (SPK): ends the running session. Open votes must be closed first — their
 * outcome is part of the protocol. From then on the session takes no check-in, ballot or
 * vote, so the protocol's facts are fixed.
 */
export async function endSession(
  deps: MembershipDeps,
  cmd: { bodyId: string; sessionId: string; actor: Person; activityId: string },
): Promise<
  | { readonly kind: 'ended'; readonly draft?: ProtocolDocument }
  | { readonly kind: 'refused'; readonly reason: ProtocolRefusal; readonly openItems?: readonly number[] }
> {
  const body = await spkContext(deps, cmd.bodyId, cmd.actor);
  if (typeof body === 'string') return { kind: 'refused', reason: body };
  const ended = await retryOnConflict(deps, async () => {
    const snapshot = await deps.store.loadSession(body.id, cmd.sessionId);
    if (!snapshot) return { kind: 'refused', reason: 'unknownSession' } as const;
    const { value, etag } = snapshot.session;
    if (value.status !== 'running') return { kind: 'refused', reason: 'sessionNotRunning' } as const;
    const agenda = sessionAgenda(snapshot);
    const openItems = [...snapshot.votes.values()]
      .filter((v) => v.value.status === 'open')
      .map((v) => agenda.find((i) => i.id === v.value.itemId)?.number ?? 0)
      .sort((a, b) => a - b);
    if (openItems.length > 0) return { kind: 'refused', reason: 'openVotes', openItems } as const;
    const now = deps.clock.now();
    await deps.store.commitSession(
      body.id,
      cmd.sessionId,
      [
        {
          kind: 'session',
          value: { ...value, status: 'ended', endedAt: now.toISOString(), updatedAt: now.toISOString() },
          etag,
        },
        // The facts the protocol reports are final from here: a check-in or mark that read the
        // running session before this commit finds its office's attendance changed and re-reads.
        ...attendanceAsRead(body, snapshot, cmd.actor.aadObjectId, now),
      ],
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: 'session.ended',
        target: `session/${cmd.sessionId}`,
        before: { status: 'running' },
        after: { status: 'ended', at: now.toISOString() },
        activityId: cmd.activityId,
      }),
    );
    return { kind: 'ended' } as const;
  });
  if (ended.kind === 'refused') return ended;
  // The session has ended (stored). A draft that cannot be drawn now must not turn that into
  // "not saved": the answer then says it ended, without the draft.
  const draft = await protocolDraft(deps, body, cmd.sessionId, cmd.actor).catch(() => undefined);
  if (draft === undefined || typeof draft === 'string') return { kind: 'ended' };
  return { kind: 'ended', draft: draft.document };
}

/** The draft as it stands: the facts, with the SPK's notes so far, as the next version. */
export async function protocolDraft(
  deps: MembershipDeps,
  body: Body,
  sessionId: string,
  writer: Person,
): Promise<
  | { readonly document: ProtocolDocument; readonly status: 'open' | 'released'; readonly etag?: string }
  | ProtocolRefusal
> {
  const snapshot = await deps.store.loadSession(body.id, sessionId);
  if (!snapshot) return 'unknownSession';
  if (snapshot.session.value.status !== 'ended') return 'sessionNotEnded';
  const protocol = await deps.store.loadProtocol(body.id, sessionId);
  const draft = protocol.draft?.value;
  const document = await buildProtocol(deps, body, snapshot, {
    version: (draft?.baseVersion ?? 0) + 1,
    notes: { notes: draft?.notes ?? {}, remarks: draft?.remarks ?? '' },
    writer,
    releasedAt: deps.clock.now(),
    correctionReason: '',
  });
  return {
    document,
    status: draft?.status ?? 'open',
    ...(protocol.draft ? { etag: protocol.draft.etag } : {}),
  };
}

function checkNotes(snapshot: SessionSnapshot, input: ProtocolNotes): ProtocolRefusal | undefined {
  for (const [itemId, text] of Object.entries(input.notes)) {
    if (!snapshot.items.has(itemId)) return 'unknownItem';
    if (textProblem(text, 'multiline')) return 'noteText';
    if (text.length > LIMITS.protocolNote.max) return 'noteTooLong';
  }
  if (textProblem(input.remarks, 'multiline')) return 'noteText';
  if (input.remarks.length > LIMITS.protocolRemarks.max) return 'noteTooLong';
  return undefined;
}

/**
 * The SPK saves the draft's notes, or releases it (`release`). A release stores the version
 * as it is — immutable from then on — and has it sent to the channel and every member. A
 * released protocol is changed only by a correction: `startCorrection`, then a release with
 * a reason, which makes the next version.
 */
export async function saveProtocol(
  deps: MembershipDeps,
  cmd: {
    bodyId: string;
    sessionId: string;
    actor: Person;
    activityId: string;
    input: ProtocolNotes;
    release: boolean;
    correctionReason?: string;
  },
): Promise<
  | { readonly kind: 'saved' | 'released'; readonly document: ProtocolDocument }
  | { readonly kind: 'refused'; readonly reason: ProtocolRefusal; readonly date?: string }
> {
  const body = await spkContext(deps, cmd.bodyId, cmd.actor);
  if (typeof body === 'string') return { kind: 'refused', reason: body };
  const input: ProtocolNotes = {
    notes: Object.fromEntries(
      Object.entries(cmd.input.notes)
        .map(([k, v]) => [k, v.trim()] as const)
        .filter(([, v]) => v !== ''),
    ),
    remarks: cmd.input.remarks.trim(),
  };
  const reason = (cmd.correctionReason ?? '').trim();
  if (textProblem(reason, 'multiline')) return { kind: 'refused', reason: 'noteText' };
  if (reason.length > LIMITS.correctionReason.max) return { kind: 'refused', reason: 'noteTooLong' };
  return retryOnConflict(deps, async () => {
    const snapshot = await deps.store.loadSession(body.id, cmd.sessionId);
    if (!snapshot) return { kind: 'refused', reason: 'unknownSession' } as const;
    if (snapshot.session.value.status !== 'ended')
      return { kind: 'refused', reason: 'sessionNotEnded' } as const;
    const problem = checkNotes(snapshot, input);
    if (problem) return { kind: 'refused', reason: problem } as const;
    const protocol = await deps.store.loadProtocol(body.id, cmd.sessionId);
    const current = protocol.draft;
    if (current?.value.status === 'released') {
      // Planning is idempotent: a second press heals a release whose sending was never planned.
      const latest = protocol.versions.at(-1);
      if (latest)
        await deps.planner?.planProtocol(body, cmd.sessionId, latest.version, new Date(latest.releasedAt));
      return { kind: 'refused', reason: 'alreadyReleased', date: snapshot.session.value.date } as const;
    }
    const baseVersion = current?.value.baseVersion ?? 0;
    if (cmd.release && baseVersion > 0 && reason === '')
      return { kind: 'refused', reason: 'correctionReasonMissing' } as const;
    const now = deps.clock.now();
    const document = await buildProtocol(deps, body, snapshot, {
      version: baseVersion + 1,
      notes: input,
      writer: cmd.actor,
      releasedAt: now,
      correctionReason: cmd.release && baseVersion > 0 ? reason : '',
    });
    const draft: ProtocolDraftRow = {
      status: cmd.release ? 'released' : 'open',
      baseVersion: cmd.release ? baseVersion + 1 : baseVersion,
      notes: { ...input.notes },
      remarks: input.remarks,
      updatedAt: now.toISOString(),
      updatedBy: cmd.actor.aadObjectId,
    };
    const text = JSON.stringify(document);
    if (text.length > 300_000) return { kind: 'refused', reason: 'tooLarge' } as const;
    const version: ProtocolVersionRow | undefined = cmd.release
      ? {
          version: document.version,
          releasedAt: now.toISOString(),
          releasedBy: cmd.actor.aadObjectId,
          document: text,
        }
      : undefined;
    await deps.store.commitProtocol(
      body.id,
      cmd.sessionId,
      { value: draft, etag: current?.etag },
      version,
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: cmd.release
          ? baseVersion > 0
            ? 'protocol.corrected'
            : 'protocol.released'
          : 'protocol.draftSaved',
        target: `protocol/${cmd.sessionId}`,
        before: current ? { baseVersion } : undefined,
        after: {
          version: cmd.release ? document.version : baseVersion,
          ...(reason && cmd.release && baseVersion > 0 ? { reason } : {}),
        },
        activityId: cmd.activityId,
      }),
    );
    return { kind: cmd.release ? 'released' : 'saved', document } as const;
  }).then(async (result) => {
    // Planned after the commit. If the instance stops in between, the SPK's next press of
    // "Freigeben" (answered "already released") plans it; a sent one is not planned again.
    if (result.kind === 'released')
      await deps.planner?.planProtocol(
        body,
        cmd.sessionId,
        result.document.version,
        new Date(result.document.release.at),
      );
    return result;
  });
}

/** `protokoll korrigieren` (SPK): reopens the released protocol as a draft for its next version. */
export async function startCorrection(
  deps: MembershipDeps,
  cmd: { bodyId: string; sessionId: string; actor: Person; activityId: string },
): Promise<
  | { readonly kind: 'correcting'; readonly document: ProtocolDocument }
  | { readonly kind: 'refused'; readonly reason: ProtocolRefusal }
> {
  const body = await spkContext(deps, cmd.bodyId, cmd.actor);
  if (typeof body === 'string') return { kind: 'refused', reason: body };
  const result = await retryOnConflict(deps, async () => {
    const protocol = await deps.store.loadProtocol(body.id, cmd.sessionId);
    const current = protocol.draft;
    if (!current || protocol.versions.length === 0)
      return { kind: 'refused', reason: 'nothingReleased' } as const;
    if (current.value.status === 'open') return { kind: 'correcting' } as const;
    const now = deps.clock.now();
    await deps.store.commitProtocol(
      body.id,
      cmd.sessionId,
      {
        value: {
          ...current.value,
          status: 'open',
          updatedAt: now.toISOString(),
          updatedBy: cmd.actor.aadObjectId,
        },
        etag: current.etag,
      },
      undefined,
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: 'protocol.correctionStarted',
        target: `protocol/${cmd.sessionId}`,
        before: { version: current.value.baseVersion },
        after: { drafting: current.value.baseVersion + 1 },
        activityId: cmd.activityId,
      }),
    );
    return { kind: 'correcting' } as const;
  });
  if (result.kind === 'refused') return result;
  const draft = await protocolDraft(deps, body, cmd.sessionId, cmd.actor);
  if (typeof draft === 'string') return { kind: 'refused', reason: draft };
  return { kind: 'correcting', document: draft.document };
}

/** A released version as stored (the latest when no version is named). */
export async function releasedProtocolDocument(
  store: GremienStore,
  bodyId: string,
  sessionId: string,
  version?: number,
): Promise<ProtocolDocument | undefined> {
  const { versions } = await store.loadProtocol(bodyId, sessionId);
  const row = version === undefined ? versions.at(-1) : versions.find((v) => v.version === version);
  return row ? (JSON.parse(row.document) as ProtocolDocument) : undefined;
}

/**
 * The protocol a member asks for: of the session on `date`, or the body's latest released
 * one. `noSession`: no session that day; `notReleased`: the session has no released protocol.
 */
export async function findProtocol(
  deps: MembershipDeps,
  body: Body,
  date?: PlainDate,
): Promise<
  | { readonly kind: 'found'; readonly document: ProtocolDocument; readonly versions: number }
  | { readonly kind: 'noSession' | 'notReleased' | 'none' }
> {
  const today = localDateOf(deps.clock.now());
  const when = (s: { session: { date: string; startTime: string } }) =>
    `${s.session.date}T${s.session.startTime}`;
  const candidates = date
    ? (await sessionsOn(deps, body, date)).filter((s) => s.session.status !== 'cancelled')
    : (await deps.store.sessionsFrom(body.id, addDays(today, -LOOK_BACK_DAYS)))
        .filter((s) => s.session.status === 'ended')
        .sort((a, b) => when(b).localeCompare(when(a)));
  if (date && candidates.length === 0) return { kind: 'noSession' };
  for (const s of candidates) {
    const { versions } = await deps.store.loadProtocol(body.id, s.sessionId);
    const latest = versions.at(-1);
    if (latest)
      return {
        kind: 'found',
        document: JSON.parse(latest.document) as ProtocolDocument,
        versions: versions.length,
      };
  }
  return { kind: date ? 'notReleased' : 'none' };
}

/**
 * The ended session whose protocol is still being written (never released, or a correction
 * under way): on `date`, or the latest one. For the SPK, who may come back to a draft later.
 */
export async function findOpenDraft(
  deps: MembershipDeps,
  body: Body,
  date?: PlainDate,
): Promise<string | undefined> {
  const today = localDateOf(deps.clock.now());
  const ended = (
    date
      ? await sessionsOn(deps, body, date)
      : await deps.store.sessionsFrom(body.id, addDays(today, -LOOK_BACK_DAYS))
  )
    .filter((s) => s.session.status === 'ended')
    .sort((a, b) =>
      `${b.session.date}T${b.session.startTime}`.localeCompare(`${a.session.date}T${a.session.startTime}`),
    );
  const [latest] = ended;
  if (!latest) return undefined;
  const { draft, versions } = await deps.store.loadProtocol(body.id, latest.sessionId);
  const open = draft ? draft.value.status === 'open' : versions.length === 0;
  return open ? latest.sessionId : undefined;
}

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
async function buildProtocol(
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
  const [audit, members, umlaufs] = await Promise.all([
    deps.store.sessionAudit(body.id, snapshot.sessionId),
    deps.store.members(body.id),
    umlaufsSince(deps, body, snapshot, end),
  ]);
  const names = new Map(members.map((m) => [m.aadObjectId, m.value.displayName]));
  if (session.startedBy) names.set(session.startedBy, session.startedByName);
  const spk = officeById(body, body.secretariat)?.name ?? body.secretariat;
  const events = attendanceEvents(audit);
  const officeName = (id: string) => officeById(body, id)?.name ?? id;
  const time = (at: Date) => localTimeOf(at);

  const items = sessionAgenda(snapshot).map((entry) => {
    const row = entry.row;
    const vote = snapshot.votes.get(voteIdOf(row.itemId))?.value;
    const ballots = [...snapshot.ballots.values()]
      .map((b) => b.value)
      .filter((b) => b.voteId === voteIdOf(row.itemId))
      .map((b) => ({
        officeId: b.officeId,
        choice: b.choice,
        castAt: new Date(b.castAt),
        capacity: b.capacity,
        argument: b.argument,
        recordedBy: b.recordedBy,
      }));
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
            vote: protocolVote(body, {
              openedAt: new Date(vote.openedAt),
              closed: vote.status === 'closed',
              electorate: vote.electorate,
              grants: vote.grants,
              ballots,
            }),
          }
        : {}),
      result: meta.notes.notes[row.itemId] ?? '',
    };
  });

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
    attendance: attendanceOf(body, events, start, time).filter(
      (a) => a.officeId !== body.secretariat || a.status !== 'absent' || a.role === 'voting',
    ),
    quorumAtStart: quorumStatus(body, presentAt(events, start)),
    items,
    umlaufs,
    remarks: meta.notes.remarks,
    release: { at: meta.releasedAt.toISOString(), correctionReason: meta.correctionReason },
  };
}

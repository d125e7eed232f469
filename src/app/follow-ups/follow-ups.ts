import { createHash } from 'node:crypto';
import type { Body } from '../../domain/body.js';
import { officeNameOf } from '../../domain/body-versions.js';
import { localDateOf, type PlainDate } from '../../domain/calendar.js';
import type { FollowUpLine } from '../../domain/follow-up.js';
import {
  checkFollowUp,
  dueSession,
  type FollowUpFacts,
  type FollowUpProblem,
  isInReport,
  isOnAgenda,
  isOverdue,
  type SessionFacts,
} from '../../domain/follow-up.js';
import { LIMITS } from '../../domain/limits.js';
import { StorageConflictError } from '../../ports/errors.js';
import type { FollowUpRow } from '../../ports/records.js';
import { auditEntry } from '../shared/audit.js';
import type { SessionDeps } from '../shared/deps.js';
import { retryOnConflict } from '../shared/retry.js';
import { isSpk, type Person } from '../shared/secretariat.js';
import { sessionAgenda } from '../shared/session-agenda.js';

/** A follow-up as people see it: the office's name, its due session, whether it is overdue. */
export type FollowUpView = {
  readonly id: string;
  readonly row: FollowUpRow;
  readonly office: string;
  /** The session it is due at, where there is one. */
  readonly dueAt?: { readonly sessionId: string; readonly date: string };
  readonly overdue: boolean;
};

const factsOf = (row: FollowUpRow): FollowUpFacts => ({
  due: row.due as FollowUpFacts['due'],
  createdOn: localDateOf(new Date(row.createdAt)),
  status: row.status,
  doneOn: row.doneAt ? localDateOf(new Date(row.doneAt)) : '',
});

/** The body's follow-ups with the sessions they are measured against (from the oldest one's day). */
async function loadAll(deps: Pick<SessionDeps, 'store'>, body: Body) {
  const rows = await deps.store.followUps(body.id);
  const first = rows.reduce<string>((min, r) => {
    const day = localDateOf(new Date(r.value.createdAt));
    return min === '' || day < min ? day : min;
  }, '');
  const sessions = first ? await sessionFacts(deps, body, first) : [];
  return { rows, sessions };
}

/** The body's sessions from a day on, as the follow-up rules see them. */
async function sessionFacts(
  deps: Pick<SessionDeps, 'store'>,
  body: Body,
  from: string,
): Promise<SessionFacts[]> {
  return (await deps.store.sessionsFrom(body.id, from)).map((s) => ({
    sessionId: s.sessionId,
    date: s.session.date as PlainDate,
    status: s.session.status,
  }));
}

/** Names offices as people knew them: retired ones by their last name (the rules' history). */
function officeNamer(deps: Pick<SessionDeps, 'history'>, body: Body): (officeId: string) => string {
  const history = deps.history?.(body.id) ?? [];
  return (officeId) => officeNameOf(body, history, officeId);
}

function viewOf(
  nameOf: (officeId: string) => string,
  id: string,
  row: FollowUpRow,
  sessions: readonly SessionFacts[],
  today: PlainDate,
) {
  const facts = factsOf(row);
  const due = dueSession(facts, sessions);
  return {
    id,
    row,
    office: nameOf(row.officeId),
    ...(due ? { dueAt: { sessionId: due.sessionId, date: due.date } } : {}),
    overdue: isOverdue(facts, sessions, today),
  } satisfies FollowUpView;
}

/**
 * `wiedervorlagen`: the body's follow-ups, overdue first, then open by due date, then those done
 * in the last 90 days (the list shows what is still to do, and what was just done).
 */
export async function listFollowUps(
  deps: Pick<SessionDeps, 'store' | 'clock' | 'history'>,
  body: Body,
  filter: { readonly ref?: string } = {},
): Promise<FollowUpView[]> {
  const today = localDateOf(deps.clock.now());
  const { rows, sessions } = await loadAll(deps, body);
  const recent = new Date(deps.clock.now().getTime() - 90 * 86_400_000).toISOString();
  const views = rows
    .filter((r) => (filter.ref ? r.value.originRef === filter.ref : true))
    .filter((r) => filter.ref || r.value.status === 'open' || r.value.doneAt >= recent)
    .map((r) => viewOf(officeNamer(deps, body), r.id, r.value, sessions, today));
  const dueKey = (v: FollowUpView) => (v.row.due === 'next' ? (v.dueAt?.date ?? '9999') : v.row.due);
  const rank = (v: FollowUpView) => (v.overdue ? 0 : v.row.status === 'open' ? 1 : 2);
  return views.sort((a, b) => rank(a) - rank(b) || dueKey(a).localeCompare(dueKey(b)));
}

/** The follow-ups on a session's agenda (Wiedervorlagen), in the order they were set. */
export async function followUpsOnAgenda(
  deps: Pick<SessionDeps, 'store' | 'clock' | 'history'>,
  body: Body,
  session: SessionFacts,
): Promise<FollowUpView[]> {
  const today = localDateOf(deps.clock.now());
  const { rows, sessions } = await loadAll(deps, body);
  const all = sessions.some((s) => s.sessionId === session.sessionId) ? sessions : [...sessions, session];
  return rows
    .filter((r) => isOnAgenda(factsOf(r.value), session, all))
    .map((r) => viewOf(officeNamer(deps, body), r.id, r.value, all, today));
}

/** The follow-ups of a period's report: open ones and those set or done in it. */
export async function followUpsForReport(
  deps: Pick<SessionDeps, 'store' | 'clock' | 'history'>,
  body: Body,
  from: PlainDate,
  to: PlainDate,
): Promise<FollowUpView[]> {
  const today = localDateOf(deps.clock.now());
  const { rows, sessions } = await loadAll(deps, body);
  return rows
    .filter((r) =>
      isInReport(
        {
          setOn: localDateOf(new Date(r.value.createdAt)),
          status: r.value.status,
          ...(r.value.status === 'done' ? { doneOn: localDateOf(new Date(r.value.doneAt)) } : {}),
        },
        from,
        to,
      ),
    )
    .map((r) => viewOf(officeNamer(deps, body), r.id, r.value, sessions, today));
}

export type AddFollowUp = {
  readonly body: Body;
  readonly actor: Person;
  /** What it follows up, as the card showed it: a decision's or an item's reference. */
  readonly ref: string;
  readonly what: string;
  readonly officeId: string;
  readonly due: 'next' | string;
  readonly activityId: string;
};

export type AddResult =
  | { readonly kind: 'added'; readonly view: FollowUpView }
  | { readonly kind: 'refused'; readonly reason: 'notSecretariat' | 'unknownOrigin' }
  | { readonly kind: 'invalid'; readonly problems: readonly FollowUpProblem[] };

/**
 * The SPK sets a follow-up of a decision in the register or of an agenda item. Its id comes from
 * the click (a re-delivered submit finds the one it made). Audited.
 */
export async function addFollowUp(deps: SessionDeps, cmd: AddFollowUp): Promise<AddResult> {
  const { body } = cmd;
  if (!(await isSpk(deps, body, cmd.actor))) return { kind: 'refused', reason: 'notSecretariat' };
  const origin = await originOf(deps, body, cmd.ref);
  if (!origin) return { kind: 'refused', reason: 'unknownOrigin' };
  const now = deps.clock.now();
  const today = localDateOf(now);
  const problems = checkFollowUp(
    { what: cmd.what, officeId: cmd.officeId, due: cmd.due },
    new Set(body.offices.map((o) => o.id)),
    today,
  );
  if (problems.length) return { kind: 'invalid', problems };
  const id = `${today}-${createHash('sha256').update(cmd.activityId).digest('hex').slice(0, 10)}`;
  const row: FollowUpRow = {
    origin: origin.label.slice(0, 300),
    originRef: origin.ref,
    what: cmd.what.trim(),
    officeId: cmd.officeId,
    due: cmd.due === 'next' ? 'next' : cmd.due,
    createdAt: now.toISOString(),
    createdBy: cmd.actor.aadObjectId,
    status: 'open',
    doneAt: '',
    doneBy: '',
    doneNote: '',
  };
  // Read before the write: once it is stored, the answer says so whatever a later read does.
  const sessions = await sessionFacts(deps, body, today);
  try {
    await deps.store.saveFollowUp(
      body.id,
      id,
      row,
      undefined,
      auditEntry(deps, {
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: 'followUp.added',
        target: `followUp/${id}`,
        after: { origin: row.origin, office: row.officeId, due: row.due },
        activityId: cmd.activityId,
      }),
    );
  } catch (e) {
    // The same click delivered again: the follow-up it made stands (and is shown as stored).
    if (!(e instanceof StorageConflictError)) throw e;
    const stored = (await deps.store.followUps(body.id)).find((f) => f.id === id);
    if (!stored) throw e;
    return { kind: 'added', view: viewOf(officeNamer(deps, body), id, stored.value, sessions, today) };
  }
  return { kind: 'added', view: viewOf(officeNamer(deps, body), id, row, sessions, today) };
}

export const itemRef = (sessionId: string, itemId: string) => `item/${sessionId}/${itemId}`;

/**
 * What a follow-up follows up, looked up by its reference (never taken from a card): a decision
 * in the register (`AG Planung 2027/03`), or an item of a session ("TOP 3, 14.01.2027").
 */
export async function originOf(
  deps: Pick<SessionDeps, 'store'>,
  body: Body,
  ref: string,
): Promise<{ readonly label: string; readonly ref: string; readonly title: string } | undefined> {
  const item = /^item\/([^/]+)\/([^/]+)$/.exec(ref);
  if (item?.[1] && item[2]) {
    const snapshot = await deps.store.loadSession(body.id, item[1]);
    const row = snapshot?.items.get(item[2])?.value;
    if (!snapshot || !row) return undefined;
    const number = sessionAgenda(snapshot).find((i) => i.id === row.itemId)?.number;
    const [y, m, d] = snapshot.session.value.date.split('-');
    return { label: `TOP ${number ?? '–'}, ${d}.${m}.${y}`, ref, title: row.title };
  }
  const decision = await deps.store.decisionOf(body.id, ref);
  return decision ? { label: decision.label, ref, title: decision.title } : undefined;
}

/** A follow-up as the cards and documents show it. */
export function lineOf(v: FollowUpView): FollowUpLine {
  return {
    id: v.id,
    what: v.row.what,
    office: v.office,
    origin: v.row.origin,
    due: v.row.due,
    ...(v.dueAt ? { dueSession: v.dueAt.date } : {}),
    status: v.row.status,
    overdue: v.overdue,
    doneAt: v.row.doneAt,
    doneNote: v.row.doneNote,
  };
}

export type CompleteResult =
  | { readonly kind: 'done'; readonly view: FollowUpView; readonly already: boolean }
  | { readonly kind: 'refused'; readonly reason: 'unknown' | 'notResponsible' | 'noteTooLong' };

/**
 * The responsible office marks a follow-up done with a short note (any approved member of that
 * office, or the SPK). Once done it stays done: a second click is answered with the first.
 */
export async function completeFollowUp(
  deps: SessionDeps,
  cmd: {
    readonly body: Body;
    readonly id: string;
    readonly actor: Person;
    readonly note: string;
    readonly activityId: string;
  },
): Promise<CompleteResult> {
  const { body } = cmd;
  const note = cmd.note.trim();
  if (note.length > LIMITS.followUpNote.max) return { kind: 'refused', reason: 'noteTooLong' };
  return retryOnConflict(deps, async () => {
    const found = (await deps.store.followUps(body.id)).find((f) => f.id === cmd.id);
    if (!found) return { kind: 'refused', reason: 'unknown' } as const;
    const today = localDateOf(deps.clock.now());
    const sessions = await sessionFacts(deps, body, localDateOf(new Date(found.value.createdAt)));
    // A member acts for their office as their membership stands now: read once, and the save is
    // conditioned on it (removed or moved meanwhile: decided again, and refused).
    const membership = await deps.store.member(body.id, cmd.actor.aadObjectId);
    const responsible =
      membership?.value.status === 'approved' && membership.value.officeId === found.value.officeId;
    const spk = responsible ? false : await isSpk(deps, body, cmd.actor);
    if (!responsible && !spk) return { kind: 'refused', reason: 'notResponsible' } as const;
    if (found.value.status === 'done')
      return {
        kind: 'done',
        view: viewOf(officeNamer(deps, body), cmd.id, found.value, sessions, today),
        already: true,
      } as const;
    const row: FollowUpRow = {
      ...found.value,
      status: 'done',
      doneAt: deps.clock.now().toISOString(),
      doneBy: cmd.actor.aadObjectId,
      doneNote: note,
    };
    await deps.store.saveFollowUp(
      body.id,
      cmd.id,
      row,
      found.etag,
      auditEntry(deps, {
        actor: cmd.actor.aadObjectId,
        office: responsible ? found.value.officeId : body.secretariat,
        action: 'followUp.done',
        target: `followUp/${cmd.id}`,
        before: { status: 'open' },
        after: { status: 'done', note },
        activityId: cmd.activityId,
      }),
      responsible && membership
        ? { memberAadObjectId: cmd.actor.aadObjectId, etag: membership.etag }
        : undefined,
    );
    // Stored: the answer comes from what was written, not from a read that could fail now.
    return {
      kind: 'done',
      view: viewOf(officeNamer(deps, body), cmd.id, row, sessions, today),
      already: false,
    } as const;
  });
}

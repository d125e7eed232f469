import { type Body, parseLocalTime } from '../../domain/body.js';
import { instantAt, parseUserDate } from '../../domain/calendar.js';
import { checkUmlaufDeadline, defaultUmlaufDeadline } from '../../domain/notifications.js';
import { type UmlaufProblem, validateUmlaufDraft } from '../../domain/umlauf.js';
import { umlaufRulesOf } from '../../domain/vote-rules.js';
import { StorageConflictError } from '../../ports/errors.js';
import type { UmlaufRow } from '../../ports/records.js';
import { auditEntry } from '../shared/audit.js';
import { planQuietly } from '../shared/plan-quietly.js';
import { isSpk, type Person } from '../shared/secretariat.js';
import { splitDocuments } from '../shared/session-agenda.js';
import { type UmlaufDeps, type UmlaufView, umlaufIdOf, umlaufView } from './umlauf-view.js';

export type OpenUmlauf = {
  readonly bodyId: string;
  readonly actor: Person;
  readonly title: string;
  readonly text: string;
  readonly documents: string;
  /** Local date and time (Europe/Berlin); empty for the body's default. */
  readonly deadlineDate: string;
  readonly deadlineTime: string;
  readonly activityId: string;
};

export type OpenUmlaufResult =
  | { readonly kind: 'opened' | 'exists'; readonly body: Body; readonly view: UmlaufView }
  | { readonly kind: 'refused'; readonly reason: 'unknownBody' | 'notSecretariat' }
  | { readonly kind: 'invalid'; readonly problems: readonly UmlaufProblem[] };

export async function openUmlauf(deps: UmlaufDeps, cmd: OpenUmlauf): Promise<OpenUmlaufResult> {
  const body = deps.bodies.get(cmd.bodyId);
  if (!body) return { kind: 'refused', reason: 'unknownBody' };
  if (!(await isSpk(deps, body, cmd.actor))) {
    return { kind: 'refused', reason: 'notSecretariat' };
  }
  const now = deps.clock.now();
  const title = cmd.title.trim();
  const text = cmd.text.trim();
  const documents = splitDocuments(cmd.documents)
    .map((d) => String(d).trim())
    .filter((d) => d !== '');
  const problems = [...validateUmlaufDraft({ title, text, documents })];
  const deadline = deadlineOf(body, now, cmd.deadlineDate, cmd.deadlineTime);
  if ('problem' in deadline) problems.push(deadline.problem);
  if (problems.length > 0 || !('at' in deadline)) return { kind: 'invalid', problems };

  const umlaufId = umlaufIdOf(now, cmd.activityId);
  const row: UmlaufRow = {
    title,
    text,
    documents,
    deadline: deadline.at.toISOString(),
    objectionAllowed: body.umlauf.objectionAllowed,
    status: 'open',
    openedAt: now.toISOString(),
    openedBy: cmd.actor.aadObjectId,
    closeReason: '',
    closedAt: '',
    outcome: '',
    // The rules in force today, fixed: a later amendment never decides this Umlauf.
    rules: JSON.stringify(umlaufRulesOf(body)),
  };
  try {
    await deps.store.commitUmlauf(
      body.id,
      umlaufId,
      [{ kind: 'umlauf', value: row }],
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: 'umlauf.opened',
        target: `umlauf/${umlaufId}`,
        after: { title, deadline: row.deadline, documents: row.documents },
        activityId: cmd.activityId,
      }),
    );
  } catch (e) {
    if (!(e instanceof StorageConflictError)) throw e;
    const view = await umlaufView(deps, body, umlaufId);
    if (!view) throw e;
    // A repeated delivery: make sure its plan exists (planning twice is harmless).
    await planQuietly(() =>
      deps.planner.planUmlauf(body, umlaufId, new Date(view.umlauf.openedAt), new Date(view.umlauf.deadline)),
    );
    return { kind: 'exists', body, view };
  }
  // The card to everyone now, reminders before and the close at the deadline: all through
  // the scheduler, so each goes out exactly once even with several instances. The Umlauf is
  // stored: a planning that fails now does not make the answer "not saved" (which would invite a
  // second Umlauf); the scheduler's hourly check of open Umlaufs plans it.
  await planQuietly(() => deps.planner.planUmlauf(body, umlaufId, now, deadline.at));
  const view = await umlaufView(deps, body, umlaufId);
  if (!view) throw new Error(`Umlauf ${umlaufId} vanished after opening`);
  return { kind: 'opened', body, view };
}

/** Empty date: the body's default. A typed date and time are local (Europe/Berlin); time defaults to 12:00. */
function deadlineOf(
  body: Body,
  now: Date,
  dateText: string,
  timeText: string,
): { at: Date } | { problem: UmlaufProblem } {
  const date = dateText.trim();
  if (date === '') return { at: defaultUmlaufDeadline(body, now) };
  const day = parseUserDate(date);
  const time = parseLocalTime(timeText.trim() || '12:00');
  if (!day || !time) {
    return { problem: { field: 'deadline', code: 'invalid' } };
  }
  const checked = checkUmlaufDeadline(body, now, instantAt(day, time));
  if (checked.kind === 'past') return { problem: { field: 'deadline', code: 'past' } };
  if (checked.kind === 'tooFar')
    return { problem: { field: 'deadline', code: 'tooFar', limit: checked.maxHours } };
  return { at: checked.deadline };
}

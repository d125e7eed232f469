import { type Body, toBodyInput } from '../../domain/body.js';
import { type BodyFormFields, bodyFromForm, type FormProblem, slugOf } from '../../domain/body-form.js';
import {
  type AmendmentProblem,
  changesBetween,
  checkAmendment,
  checkFirstVersion,
  type RulesChange,
} from '../../domain/body-versions.js';
import { localDateOf, parseUserDate } from '../../domain/calendar.js';
import { StorageConflictError } from '../../ports/errors.js';
import { auditEntry } from '../shared/audit.js';
import type { SessionDeps } from '../shared/deps.js';
import { planQuietly } from '../shared/plan-quietly.js';
import { isSpk, type Person } from '../shared/secretariat.js';
import type { BodyRegistry } from './registry.js';
import { rowOf } from './registry.js';

/** What the version form adds to the body's settings: when, why, by which decision, confirmed when. */
export type VersionFields = {
  readonly effectiveFrom: string;
  readonly reason: string;
  readonly decision: string;
  readonly confirmedOn: string;
};

export type VersionProblem =
  | AmendmentProblem
  | 'effectiveInvalid'
  | 'confirmedInvalid'
  | 'decisionUnknown'
  | 'changedMeanwhile'
  | 'idTaken';

export type BodyDeps = SessionDeps & {
  readonly registry: BodyRegistry;
  /** People who may create bodies in any district (configuration: BODY_ADMINS). */
  readonly bodyAdmins: readonly string[];
};

export type SaveResult =
  | {
      readonly kind: 'saved';
      readonly body: Body;
      readonly version: number;
      /** The day it takes effect (what the answer names; known without reading it back). */
      readonly effectiveFrom: string;
      readonly changes: readonly RulesChange[];
    }
  | { readonly kind: 'preview'; readonly body: Body; readonly changes: readonly RulesChange[] }
  | { readonly kind: 'refused'; readonly reason: 'notSecretariat' | 'notAdmin' | 'unknownBody' }
  | {
      readonly kind: 'invalid';
      readonly form: readonly FormProblem[];
      readonly version: readonly VersionProblem[];
    };

/** Whether a person may create a body anywhere (to open the form): an admin or any body's SPK. */
export async function mayCreateAny(deps: BodyDeps, person: Person): Promise<boolean> {
  if (await isAdmin(deps, person)) return true;
  for (const body of deps.registry.values()) if (await isSpk(deps, body, person)) return true;
  return false;
}

/** A configured admin (BODY_ADMINS), by Entra object id or by the UPN/e-mail Teams reports. */
async function isAdmin(deps: BodyDeps, person: Person): Promise<boolean> {
  const admins = deps.bodyAdmins.map((a) => a.trim().toLowerCase());
  if (admins.includes(person.aadObjectId.toLowerCase())) return true;
  if (!admins.some((a) => a.includes('@'))) return false;
  const names = (await person.principalNames()).map((n) => n.toLowerCase());
  return names.some((n) => admins.includes(n));
}

/**
 * Whether a person may create a body in `district`: a configured admin, or an SPK person of a
 * body of that district (the district-level SPK).
 */
export async function mayCreateIn(deps: BodyDeps, person: Person, district: string): Promise<boolean> {
  if (await isAdmin(deps, person)) return true;
  for (const body of deps.registry.values())
    if (
      body.district.trim().toLowerCase() === district.trim().toLowerCase() &&
      (await isSpk(deps, body, person))
    )
      return true;
  return false;
}

/**
 * The SPK saves a body: `amend` makes a new version of the channel's body (only its SPK people;
 * `basedOn` is the version the form showed — if another was saved meanwhile, nothing is saved);
 * `create` makes a new body (its district's SPK or an admin) whose SPK people include the creator.
 * `preview` checks everything and says what would change, saving nothing. Audited with before and
 * after; sessions ahead are planned again under the new rules (reminders and dispatch).
 */
export async function saveBody(
  deps: BodyDeps,
  cmd: {
    readonly mode: 'amend' | 'create';
    readonly preview: boolean;
    /** The body amended (from the channel, never from card data); for `create`, the template. */
    readonly base: Body;
    readonly basedOn: number;
    readonly fields: BodyFormFields;
    readonly version: VersionFields;
    readonly actor: Person;
    readonly activityId: string;
  },
): Promise<SaveResult> {
  const now = deps.clock.now();
  const today = localDateOf(now);
  const amend = cmd.mode === 'amend';
  if (amend) {
    if (!deps.registry.has(cmd.base.id)) return { kind: 'refused', reason: 'unknownBody' };
    if (!(await isSpk(deps, cmd.base, cmd.actor))) return { kind: 'refused', reason: 'notSecretariat' };
  } else if (!(await mayCreateIn(deps, cmd.actor, cmd.fields.district))) {
    return { kind: 'refused', reason: 'notAdmin' };
  }
  const id = amend ? cmd.base.id : slugOf(`${cmd.fields.shortName} ${cmd.fields.district}`);
  const fields = amend
    ? cmd.fields
    : {
        ...cmd.fields,
        // The creator is one of the new body's SPK people.
        secretariatMembers: [cmd.fields.secretariatMembers, cmd.actor.aadObjectId]
          .filter((s) => s.trim())
          .join('\n'),
      };
  const read = bodyFromForm(cmd.base, id, fields);
  // Bodies that also receive agenda and protocol must exist (and not be this one).
  const unknownRecipients =
    'body' in read && read.body.agendaAlsoTo.some((other) => other === id || !deps.registry.has(other));
  const versionProblems: VersionProblem[] = [];
  const effectiveFrom = cmd.version.effectiveFrom.trim()
    ? parseUserDate(cmd.version.effectiveFrom.trim())
    : today;
  if (!effectiveFrom) versionProblems.push('effectiveInvalid');
  const confirmedOn = cmd.version.confirmedOn.trim() ? parseUserDate(cmd.version.confirmedOn.trim()) : '';
  if (confirmedOn === undefined) versionProblems.push('confirmedInvalid');
  let decision = '';
  const number = /^(\d{4})\s*\/\s*(\d{1,4})$/.exec(cmd.version.decision.trim());
  if (cmd.version.decision.trim()) {
    const found =
      number && amend ? await deps.store.decision(id, Number(number[1]), Number(number[2])) : undefined;
    if (!found) versionProblems.push('decisionUnknown');
    else decision = found.label;
  }
  const previous = amend ? deps.registry.history(id).at(-1) : undefined;
  if (amend && previous && 'body' in read) {
    versionProblems.push(
      ...checkAmendment(
        previous,
        { body: read.body, effectiveFrom: effectiveFrom ?? today, reason: cmd.version.reason },
        today,
      ),
    );
    if (previous.number !== cmd.basedOn) versionProblems.push('changedMeanwhile');
  }
  if (!amend) {
    versionProblems.push(
      ...checkFirstVersion({ effectiveFrom: effectiveFrom ?? today, reason: cmd.version.reason }, today),
    );
    if (deps.registry.has(id)) versionProblems.push('idTaken');
  }
  if (!('body' in read) || unknownRecipients || versionProblems.length > 0)
    return {
      kind: 'invalid',
      form:
        'body' in read
          ? unknownRecipients
            ? [{ field: 'agendaAlsoTo', problem: 'choice' }]
            : []
          : read.problems,
      version: versionProblems,
    };
  const changes = previous ? changesBetween(previous.body, read.body) : [];
  if (cmd.preview) return { kind: 'preview', body: read.body, changes };

  const versionNumber = (previous?.number ?? 0) + 1;
  try {
    await deps.store.commitBodyVersion(
      id,
      rowOf(read.body, {
        number: versionNumber,
        effectiveFrom: effectiveFrom ?? today,
        reason: cmd.version.reason.trim().slice(0, 1000),
        decision,
        confirmedOn: confirmedOn ?? '',
        createdAt: now.toISOString(),
        createdBy: cmd.actor.aadObjectId,
        source: 'teams',
      }),
      auditEntry(deps, {
        actor: cmd.actor.aadObjectId,
        office: read.body.secretariat,
        action: amend ? 'body.amended' : 'body.created',
        target: `body/${id}/v${versionNumber}`,
        before: previous ? toBodyInput(previous.body) : '',
        after: { ...toBodyInput(read.body), effectiveFrom, reason: cmd.version.reason.trim(), decision },
        activityId: cmd.activityId,
      }),
    );
  } catch (e) {
    if (!(e instanceof StorageConflictError)) throw e;
    return { kind: 'invalid', form: [], version: [amend ? 'changedMeanwhile' : 'idTaken'] };
  }
  // Saved: what follows may fail without making the answer untrue. The registry is read again at
  // every turn, and the hourly plan check plans the sessions ahead under the new rules anyway.
  await planQuietly(async () => {
    await deps.registry.reload(id);
    // Reminders and dispatch of the sessions ahead follow the new rules (nothing is sent twice).
    const current = deps.registry.get(id);
    if (!amend || !current || !deps.planner) return;
    const planner = deps.planner;
    for (const s of await deps.store.sessionsFrom(id, today))
      if (s.session.status === 'planned')
        await planQuietly(() => planner.planSession(current, s.sessionId, s.session, now, false));
  });
  return {
    kind: 'saved',
    body: read.body,
    version: versionNumber,
    effectiveFrom: effectiveFrom ?? today,
    changes,
  };
}

import { type Body, type OfficeRole, votingOffices } from './body.js';

/**
 * A body's rules over time: each amendment is a new version with the day it takes effect and why
 * (000 §5, §8: "Änderungen der Geschäftsordnung erfordern den Beschluss der AG und des
 * Bezirksamtes"). Whatever is opened — a vote, an Umlaufverfahren — runs under the version in
 * force that day and keeps it; a later version never changes what was announced.
 */
export type BodyVersion = {
  readonly number: number;
  /** The local day it takes effect (YYYY-MM-DD). */
  readonly effectiveFrom: string;
  readonly reason: string;
  /** The register number of the decision that adopted it (`AG Planung 2027/03`), if any. */
  readonly decision: string;
  /** The day the Bezirksamt confirmed it, if it did (YYYY-MM-DD). */
  readonly confirmedOn: string;
  readonly createdAt: string;
  readonly createdBy: string;
  /** Where it came from: `teams` (created or amended in Teams) or `file:<name>#<hash>`. */
  readonly source: string;
  readonly body: Body;
};

/**
 * The version in force on `day`: the latest that has taken effect by then; before the first
 * took effect, the first (a body is never without rules).
 */
export function versionInForce(versions: readonly BodyVersion[], day: string): BodyVersion | undefined {
  const ordered = [...versions].sort((a, b) => a.number - b.number);
  const inForce = ordered.filter((v) => v.effectiveFrom <= day);
  return inForce.at(-1) ?? ordered[0];
}

/**
 * An office's name as people knew it: its name now, or — for an office retired by an amendment —
 * its name in the latest version that had it; its id only when no version ever named it.
 */
export function officeNameOf(body: Body, history: readonly BodyVersion[], officeId: string): string {
  const now = body.offices.find((o) => o.id === officeId);
  if (now) return now.name;
  for (const version of [...history].reverse()) {
    const then = version.body.offices.find((o) => o.id === officeId);
    if (then) return then.name;
  }
  return officeId;
}

export type RulesChange =
  | { readonly kind: 'officeAdded'; readonly name: string; readonly role: OfficeRole }
  | { readonly kind: 'officeRenamed'; readonly from: string; readonly to: string }
  | { readonly kind: 'officeRetired'; readonly name: string }
  | {
      readonly kind: 'roleChanged';
      readonly name: string;
      readonly from: OfficeRole;
      readonly to: OfficeRole;
    }
  | {
      readonly kind: 'rule';
      readonly field:
        | 'name'
        | 'quorum'
        | 'majority'
        | 'umlauf'
        | 'deadlines'
        | 'cadence'
        | 'secretariat'
        | 'secretariatMembers'
        | 'agendaAlsoTo'
        | 'basis';
    };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What a new version changes against the one before, in the order people read it. */
export function changesBetween(before: Body, after: Body): RulesChange[] {
  const changes: RulesChange[] = [];
  const old = new Map(before.offices.map((o) => [o.id, o]));
  const now = new Map(after.offices.map((o) => [o.id, o]));
  for (const o of after.offices) {
    const was = old.get(o.id);
    if (!was) changes.push({ kind: 'officeAdded', name: o.name, role: o.role });
    else {
      if (was.name !== o.name) changes.push({ kind: 'officeRenamed', from: was.name, to: o.name });
      if (was.role !== o.role)
        changes.push({ kind: 'roleChanged', name: o.name, from: was.role, to: o.role });
    }
  }
  for (const o of before.offices) if (!now.has(o.id)) changes.push({ kind: 'officeRetired', name: o.name });
  const fields = [
    ['name', (b: Body) => [b.name, b.shortName, b.district]],
    ['quorum', (b: Body) => b.quorum],
    ['majority', (b: Body) => b.majority],
    ['umlauf', (b: Body) => b.umlauf],
    ['deadlines', (b: Body) => b.deadlines],
    ['cadence', (b: Body) => b.cadence],
    ['secretariat', (b: Body) => b.secretariat],
    ['secretariatMembers', (b: Body) => b.secretariatMembers],
    ['agendaAlsoTo', (b: Body) => b.agendaAlsoTo],
    ['basis', (b: Body) => b.basis],
  ] as const;
  for (const [field, of] of fields) if (!same(of(before), of(after))) changes.push({ kind: 'rule', field });
  return changes;
}

export type AmendmentProblem =
  | 'reasonMissing'
  | 'effectiveBeforeToday'
  | 'effectiveBeforePrevious'
  | 'nothingChanged'
  | 'idChanged';

/**
 * Checks an amendment beyond the rules core (which checks the body itself): a reason, a day from
 * today on and not before the version it follows, a change at all, the same body.
 */
export function checkAmendment(
  previous: BodyVersion,
  next: { readonly body: Body; readonly effectiveFrom: string; readonly reason: string },
  today: string,
): AmendmentProblem[] {
  const problems: AmendmentProblem[] = [];
  if (next.reason.trim().length < 3) problems.push('reasonMissing');
  if (next.effectiveFrom < today) problems.push('effectiveBeforeToday');
  else if (next.effectiveFrom < previous.effectiveFrom) problems.push('effectiveBeforePrevious');
  if (next.body.id !== previous.body.id) problems.push('idChanged');
  else if (changesBetween(previous.body, next.body).length === 0) problems.push('nothingChanged');
  return problems;
}

/**
 * Checks a new working group's first version: a reason, and a day from today on (its rules may
 * not be dated back, as an amendment's may not).
 */
export function checkFirstVersion(
  first: { readonly effectiveFrom: string; readonly reason: string },
  today: string,
): ('reasonMissing' | 'effectiveBeforeToday')[] {
  const problems: ('reasonMissing' | 'effectiveBeforeToday')[] = [];
  if (first.reason.trim().length < 3) problems.push('reasonMissing');
  if (first.effectiveFrom < today) problems.push('effectiveBeforeToday');
  return problems;
}

/** Whether a body has what a working group needs to decide (used before saving a version). */
export const canDecide = (body: Body) => votingOffices(body).length > 0;

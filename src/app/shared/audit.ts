import type { AuditEntry } from '../../ports/gremien-store.js';

/** The ids and the time an audit entry takes from the use case's dependencies. */
export type AuditSource = { readonly newId: () => string; readonly clock: { now(): Date } };

export type AuditFacts = {
  /** Who acted (`from.aadObjectId`); empty for the bot's own acts (a deadline closing an Umlauf). */
  readonly actor: string;
  /** The office the actor acted for (the SPK's office for its acts; empty when none). */
  readonly office: string;
  /** What happened, e.g. `vote.opened`. */
  readonly action: string;
  /** What it happened to, e.g. `vote/v-3`. */
  readonly target: string;
  /** The state before and after: stored as JSON (a string as it is); omitted: empty. */
  readonly before?: unknown;
  readonly after?: unknown;
  /** The Teams activity that caused it (re-deliveries are recognised by it). */
  readonly activityId: string;
  /** When; the clock's now unless the use case fixed its instant already. */
  readonly at?: Date;
};

const asText = (v: unknown): string => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** One audit entry, written in the same transaction as the change it records. */
export function auditEntry(deps: AuditSource, facts: AuditFacts): AuditEntry {
  return {
    id: deps.newId(),
    at: facts.at ?? deps.clock.now(),
    actorAadObjectId: facts.actor,
    actorOfficeId: facts.office,
    action: facts.action,
    target: facts.target,
    before: asText(facts.before),
    after: asText(facts.after),
    activityId: facts.activityId.slice(0, 200),
  };
}

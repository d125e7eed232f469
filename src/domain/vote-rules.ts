import { z } from 'zod';
import {
  type Body,
  MAJORITY_BASES,
  type MajorityRule,
  OFFICE_ROLES,
  type Office,
  type QuorumRule,
  type RulesVersion,
  type UmlaufRule,
} from './body.js';
import type { SessionOutcome } from './decision.js';

/**
 * The rules a vote runs under, fixed when it opens: the quorum, the majority and the offices
 * with their roles and names as they were. A later change of the body (another majority, an
 * office added, renamed or retired) never changes a vote that was opened before it, and never
 * an outcome that was announced.
 */
export type VoteRules = {
  readonly quorum: QuorumRule;
  readonly majority: MajorityRule;
  readonly offices: readonly Office[];
  /** The version of the body's rules in force when it opened (absent before versions existed). */
  readonly version?: RulesVersion;
};

const fraction = z.object({ numerator: z.number().int().min(0), denominator: z.number().int().min(1) });
const comparison = z.enum(['atLeast', 'moreThan']);
export const VoteRulesSchema = z.object({
  quorum: z.object({ fraction, comparison, base: z.literal('allVotingMembers') }),
  majority: z.object({ fraction, comparison, base: z.enum(MAJORITY_BASES) }),
  offices: z.array(z.object({ id: z.string().min(1), name: z.string(), role: z.enum(OFFICE_ROLES) })),
  version: z.object({ number: z.number().int().min(1), effectiveFrom: z.string() }).optional(),
});

/** The rules of a body now, to be fixed on a vote that opens. */
export function rulesOf(body: Body): VoteRules {
  return {
    quorum: body.quorum,
    majority: body.majority,
    offices: body.offices.map((o) => ({ id: o.id, name: o.name, role: o.role })),
    ...(body.version ? { version: body.version } : {}),
  };
}

/**
 * The body as a vote sees it: its settings now, but quorum, majority and offices as they were
 * when the vote opened (no rules stored: a vote of an older version, decided by today's rules).
 * An office retired since keeps its place and name.
 */
export function bodyUnder(body: Body, rules: VoteRules | undefined): Body {
  // No rules stored (a vote of an older version): today's rules, but no version is claimed.
  const { version: _now, ...rest } = body;
  if (!rules) return rest;
  return {
    ...rest,
    quorum: rules.quorum,
    majority: rules.majority,
    offices: rules.offices,
    ...(rules.version ? { version: rules.version } : {}),
  };
}

/**
 * The body as a session sees it: the quorum and offices fixed when it started (its attendance,
 * quorum and protocol follow them); before it started, or without stored rules, the body now.
 */
export function bodyOfSession(body: Body, rulesText: string): Body {
  const rules = parseVoteRules(rulesText);
  return rules ? bodyUnder(body, rules) : body;
}

/**
 * The rules an Umlaufverfahren runs under, fixed when it opens (as a vote's): its participation
 * and majority, the offices, the version.
 */
export type UmlaufRules = {
  readonly umlauf: UmlaufRule;
  readonly offices: readonly Office[];
  readonly version?: RulesVersion;
};

const umlaufThreshold = <B extends z.ZodTypeAny>(base: B) => z.object({ fraction, comparison, base });
export const UmlaufRulesSchema = z.object({
  umlauf: z.object({
    participation: umlaufThreshold(z.literal('allVotingMembers')),
    majority: umlaufThreshold(z.enum(['allVotingMembers', 'ballotsCast', 'yesAndNoVotes'])),
    defaultDeadlineHours: z.number().int(),
    maxDeadlineHours: z.number().int(),
    objectionAllowed: z.boolean(),
    writtenStatements: z.boolean(),
    reminderHoursBefore: z.array(z.number().int()),
  }),
  offices: z.array(z.object({ id: z.string().min(1), name: z.string(), role: z.enum(OFFICE_ROLES) })),
  version: z.object({ number: z.number().int().min(1), effectiveFrom: z.string() }).optional(),
});

export function umlaufRulesOf(body: Body): UmlaufRules {
  return {
    umlauf: body.umlauf,
    offices: body.offices.map((o) => ({ id: o.id, name: o.name, role: o.role })),
    ...(body.version ? { version: body.version } : {}),
  };
}

/** The body as an Umlaufverfahren sees it: its rules as they were when it opened. */
export function bodyUnderUmlauf(body: Body, rules: UmlaufRules | undefined): Body {
  const { version: _now, ...rest } = body;
  if (!rules) return rest;
  return {
    ...rest,
    umlauf: rules.umlauf,
    offices: rules.offices,
    ...(rules.version ? { version: rules.version } : {}),
  };
}

export function parseUmlaufRules(text: string): UmlaufRules | undefined {
  if (!text) return undefined;
  try {
    const parsed = UmlaufRulesSchema.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data as UmlaufRules) : undefined;
  } catch {
    return undefined;
  }
}

/** Stored rules as JSON text, read back (undefined when absent or unreadable). */
export function parseVoteRules(text: string): VoteRules | undefined {
  if (!text) return undefined;
  try {
    const parsed = VoteRulesSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const count = z.number().int().min(0);
const tallySchema = z.object({
  yes: count,
  no: count,
  abstain: count,
  objections: count,
  notVoted: z.array(z.string()),
  counted: z.array(
    z.object({
      officeId: z.string(),
      choice: z.enum(['yes', 'no', 'abstain', 'object']),
      castAt: z.coerce.date(),
    }),
  ),
});
const closedOutcome = z.union([
  z.object({
    kind: z.literal('notQuorate'),
    presentVoting: count,
    needed: count,
    tally: tallySchema,
  }),
  z.object({
    kind: z.enum(['adopted', 'rejected']),
    base: count,
    required: count,
    tally: tallySchema,
  }),
]);

/** The announced outcome of a closed vote, as stored when it closed. */
export function parseStoredOutcome(text: string): SessionOutcome | undefined {
  if (!text) return undefined;
  try {
    const parsed = closedOutcome.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

import { z } from 'zod';
import { type Fraction, parseFraction, type Threshold } from './threshold.js';

/**
 * A body (AG, UAG) as its rules of procedure define it. Read from one YAML file per body
 * (bodies/), validated here; everything numeric is a setting, the sources' values are the
 * defaults, and a default the sources do not fix is listed under `assumptions`.
 */

/** voting: a member office with one vote. commissioner: a Beauftragte, advisory unless granted a vote for one case.
 *  advisory: a standing member without a vote (e.g. Kinder- und Jugendbüro, FB Stadtplanung in the UAG).
 *  guest: invited experts and offices who may attend and advise. */
export const OFFICE_ROLES = ['voting', 'commissioner', 'advisory', 'guest'] as const;
export type OfficeRole = (typeof OFFICE_ROLES)[number];

export type Office = { readonly id: string; readonly name: string; readonly role: OfficeRole };

/** What a majority is taken of. */
export const MAJORITY_BASES = [
  'presentVotingMembers',
  'allVotingMembers',
  'ballotsCast',
  'yesAndNoVotes',
] as const;
export type MajorityBase = (typeof MAJORITY_BASES)[number];

export type QuorumRule = Threshold & { readonly base: 'allVotingMembers' };
export type MajorityRule = Threshold & { readonly base: MajorityBase };

export type UmlaufRule = {
  /** How many voting offices must take part (cast any ballot) for the result to count. */
  readonly participation: Threshold & { readonly base: 'allVotingMembers' };
  readonly majority: Threshold & { readonly base: Exclude<MajorityBase, 'presentVotingMembers'> };
  readonly defaultDeadlineHours: number;
  readonly maxDeadlineHours: number;
  /** Whether an office may object to deciding by circulation; one objection ends the procedure. */
  readonly objectionAllowed: boolean;
  /**
   * Whether an office may take part by a written statement to the Geschäftsstelle, which the SPK
   * records for it (an office without Teams); the Umlaufverfahren is a written procedure.
   */
  readonly writtenStatements: boolean;
  readonly reminderHoursBefore: readonly number[];
};

export type Cadence = {
  /** 1 = monthly, 2 = every two months, 3 = quarterly. */
  readonly intervalMonths: number;
  /** First month (1–12) of the series; with intervalMonths 2, 1 gives Jan, Mar, May … */
  readonly anchorMonth: number;
  readonly weekday: Weekday;
  /** 1–4, or -1 for the last such weekday of the month. */
  readonly weekOfMonth: 1 | 2 | 3 | 4 | -1;
  readonly startTime: LocalTime;
  readonly durationMinutes: number;
  /** Sessions are agreed as needed; the series is the minimum rhythm. */
  readonly onDemand: boolean;
};

export type LocalTime = `${number}:${number}`;
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type Deadlines = {
  /** Topics may be registered until the end of the day this many days before the session date. */
  readonly registrationDays: number;
  /** The agenda goes out on the day this many days before the session date … */
  readonly agendaDispatchDays: number;
  /** … at this local time. */
  readonly agendaDispatchTime: LocalTime;
  /** Reminders go out on the days this many days before the session date … */
  readonly reminderDays: readonly number[];
  /** … at this local time. */
  readonly reminderTime: LocalTime;
};

export type Body = {
  readonly id: string;
  readonly name: string;
  readonly shortName: string;
  readonly district: string;
  readonly timeZone: 'Europe/Berlin';
  /** Where the rules come from (document and section). */
  readonly basis: string;
  readonly cadence: Cadence;
  readonly deadlines: Deadlines;
  readonly offices: readonly Office[];
  /** The office that runs the body (Geschäftsstelle, usually the SPK). */
  readonly secretariat: string;
  readonly quorum: QuorumRule;
  readonly majority: MajorityRule;
  readonly umlauf: UmlaufRule;
  /** People of the SPK, by Entra object id or user principal name / e-mail (more can be added in chat). */
  readonly secretariatMembers: readonly string[];
  /**
   * Bodies whose members also receive this body's registration reminders, agenda and protocol,
   * and may open its files (AG and UAG in Mitte: 000 §5.1.1, §6).
   */
  readonly agendaAlsoTo: readonly string[];
  readonly assumptions: readonly { readonly setting: string; readonly note: string }[];
  /**
   * How long personal data are kept (docs/privacy.md, the deletion concept): the days after a
   * person left before their name and ids are pseudonymised in the body's records.
   */
  readonly retention: Retention;
  /**
   * The version of the body's rules this is (its Geschäftsordnung in the version in force), where
   * the body comes from storage: its number and the day it took effect. Absent for a body read
   * straight from a file (tests, tools).
   */
  readonly version?: RulesVersion;
};

export type Retention = { readonly formerMemberDays: number };

/** The deletion concept's default periods (docs/privacy.md); a body's file may set its own. */
export const DEFAULT_RETENTION: Retention = { formerMemberDays: 365 };

/** A version of a body's rules: "Fassung 2 vom 01.02.2027". */
export type RulesVersion = { readonly number: number; readonly effectiveFrom: string };

const ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

const fractionSchema = z
  .string({ error: 'must be a fraction such as "2/3"' })
  .transform((text, ctx): Fraction => {
    const fraction = parseFraction(text);
    if (!fraction) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a fraction between 0 and 1 such as "2/3", got "${text}"`,
      });
      return z.NEVER;
    }
    return fraction;
  });

const comparisonSchema = z.enum(['atLeast', 'moreThan'], { error: 'must be "atLeast" or "moreThan"' });

const thresholdFields = { fraction: fractionSchema, comparison: comparisonSchema };

/** A local time of day, "HH:MM" on the 24-hour clock. */
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A typed or configured time of day, or undefined when it is not "HH:MM" (24 h). */
export function parseLocalTime(text: string): LocalTime | undefined {
  const t = text.trim();
  return LOCAL_TIME.test(t) ? (t as LocalTime) : undefined;
}

const localTime = z
  .string()
  .regex(LOCAL_TIME, 'must be a time "HH:MM" (24 h)')
  .transform((s) => s as LocalTime);

const days = (what: string) =>
  z
    .number({ error: `must be a whole number of days (${what})` })
    .int(`must be a whole number of days (${what})`)
    .min(0, `must not be negative (${what})`)
    .max(60, `must be at most 60 days (${what})`);

const hours = (what: string) =>
  z
    .number({ error: `must be a whole number of hours (${what})` })
    .int(`must be a whole number of hours (${what})`)
    .min(1, `must be at least 1 hour (${what})`)
    .max(24 * 60, `must be at most 60 days (${what})`);

const officeSchema = z.object({
  id: z.string().regex(ID, 'must be lower-case letters, digits and dashes (2–63)'),
  name: z.string().trim().min(2, 'must be a name').max(120, 'must be at most 120 characters'),
  role: z.enum(OFFICE_ROLES, { error: `must be one of ${OFFICE_ROLES.join(', ')}` }),
});

export const BodySchema = z
  .object({
    id: z.string().regex(ID, 'must be lower-case letters, digits and dashes (2–63)'),
    name: z.string().trim().min(3).max(160),
    shortName: z.string().trim().min(2).max(40),
    district: z.string().trim().min(2).max(80),
    timeZone: z.literal('Europe/Berlin', { error: 'must be "Europe/Berlin"' }),
    basis: z.string().trim().min(3),
    cadence: z.object({
      intervalMonths: z.number().int().min(1, 'must be at least 1').max(12, 'must be at most 12'),
      anchorMonth: z.number().int().min(1).max(12).default(1),
      weekday: z.enum(WEEKDAYS, { error: `must be one of ${WEEKDAYS.join(', ')}` }),
      weekOfMonth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)], {
        error: 'must be 1, 2, 3, 4 or -1 (last)',
      }),
      startTime: localTime,
      durationMinutes: z.number().int().min(15).max(600),
      onDemand: z.boolean().default(false),
    }),
    deadlines: z.object({
      registrationDays: days('registration deadline'),
      agendaDispatchDays: days('agenda dispatch'),
      agendaDispatchTime: localTime,
      reminderDays: z.array(days('reminder')).min(1, 'needs at least one reminder day'),
      reminderTime: localTime,
    }),
    offices: z.array(officeSchema).min(2, 'a body needs at least two offices'),
    secretariat: z.string({ error: 'must name the office that runs the body' }),
    quorum: z.object({
      ...thresholdFields,
      base: z.literal('allVotingMembers', { error: 'must be "allVotingMembers"' }),
    }),
    majority: z.object({
      ...thresholdFields,
      base: z.enum(MAJORITY_BASES, { error: `must state its base: one of ${MAJORITY_BASES.join(', ')}` }),
    }),
    umlauf: z.object({
      participation: z.object({
        ...thresholdFields,
        base: z.literal('allVotingMembers', { error: 'must be "allVotingMembers"' }),
      }),
      majority: z.object({
        ...thresholdFields,
        base: z.enum(['allVotingMembers', 'ballotsCast', 'yesAndNoVotes'], {
          error: 'must state its base: one of allVotingMembers, ballotsCast, yesAndNoVotes',
        }),
      }),
      defaultDeadlineHours: hours('default deadline'),
      maxDeadlineHours: hours('maximum deadline'),
      objectionAllowed: z.boolean(),
      writtenStatements: z.boolean().default(true),
      reminderHoursBefore: z.array(hours('reminder')).default([48, 24]),
    }),
    secretariatMembers: z
      .array(z.string().trim().min(3, 'must be an Entra object id or an e-mail address').max(320))
      .default([]),
    agendaAlsoTo: z.array(z.string().regex(ID)).default([]),
    assumptions: z.array(z.object({ setting: z.string().min(1), note: z.string().min(1) })).default([]),
    retention: z
      .object({
        formerMemberDays: z
          .number({ error: 'must be a whole number of days' })
          .int('must be a whole number of days')
          .min(30, 'must be at least 30 days')
          .max(3650, 'must be at most 3650 days (10 years)')
          .default(DEFAULT_RETENTION.formerMemberDays),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.offices.forEach((office, i) => {
      if (seen.has(office.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['offices', i, 'id'],
          message: `duplicate office id "${office.id}"`,
        });
      }
      seen.add(office.id);
    });
    if (!seen.has(body.secretariat)) {
      ctx.addIssue({
        code: 'custom',
        path: ['secretariat'],
        message: `"${body.secretariat}" is not one of the body's offices`,
      });
    }
    if (!body.offices.some((o) => o.role === 'voting')) {
      ctx.addIssue({ code: 'custom', path: ['offices'], message: 'a body needs at least one voting office' });
    }
    const { registrationDays, agendaDispatchDays } = body.deadlines;
    if (agendaDispatchDays > registrationDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['deadlines', 'agendaDispatchDays'],
        message: `the agenda (${agendaDispatchDays} days before) cannot go out before registration closes (${registrationDays} days before)`,
      });
    }
    if (body.umlauf.defaultDeadlineHours > body.umlauf.maxDeadlineHours) {
      ctx.addIssue({
        code: 'custom',
        path: ['umlauf', 'defaultDeadlineHours'],
        message: 'must not exceed umlauf.maxDeadlineHours',
      });
    }
    if (body.agendaAlsoTo.includes(body.id)) {
      ctx.addIssue({ code: 'custom', path: ['agendaAlsoTo'], message: 'must not name the body itself' });
    }
  });

/** Thrown when a body file is invalid; each problem names the file, the field and what is wrong. */
export class BodyConfigError extends Error {
  readonly code = 'BODY_CONFIG_INVALID';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'BodyConfigError';
  }
}

/** Validates one body definition; `source` (usually the file name) prefixes every message. */
export function parseBody(raw: unknown, source: string): Body {
  const result = BodySchema.safeParse(raw);
  if (!result.success) {
    throw new BodyConfigError(
      result.error.issues.map(
        (issue) => `${source}: ${formatPath(issue.path) || '(root)'}: ${issue.message}`,
      ),
    );
  }
  return result.data as Body;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

export function officeById(body: Body, id: string): Office | undefined {
  return body.offices.find((o) => o.id === id);
}

export function votingOffices(body: Body): readonly Office[] {
  return body.offices.filter((o) => o.role === 'voting');
}

/** Checks what one file cannot: unique body ids and links between bodies (agendaAlsoTo). */
export function checkBodyLinks(entries: readonly { file: string; body: Body }[]): string[] {
  const problems: string[] = [];
  const ids = new Map<string, string>();
  for (const { file, body } of entries) {
    const earlier = ids.get(body.id);
    if (earlier) problems.push(`${file}: id: duplicate body id "${body.id}" (also in ${earlier})`);
    ids.set(body.id, file);
  }
  for (const { file, body } of entries) {
    for (const other of body.agendaAlsoTo) {
      if (!ids.has(other)) problems.push(`${file}: agendaAlsoTo: unknown body "${other}"`);
    }
  }
  return problems;
}

/** What a body's rules of procedure say in numbers, for the help card (never hard-coded texts). */
export type RulesSummary = {
  readonly bodyName: string;
  readonly registrationDays: number;
  readonly agendaDays: number;
  readonly quorum: Threshold;
  readonly majority: Threshold & { readonly base: MajorityBase };
};

export function rulesSummary(body: Body): RulesSummary {
  return {
    bodyName: body.name,
    registrationDays: body.deadlines.registrationDays,
    agendaDays: body.deadlines.agendaDispatchDays,
    quorum: body.quorum,
    majority: body.majority,
  };
}

/**
 * The bodies whose members receive a body's reminders, agenda and protocol (000 §6: the protocol
 * "wird den Mitgliedern der AG und UAG zeitnah übersandt"): the body itself and those it names.
 */
export function recipientBodies(body: Body): readonly string[] {
  return [body.id, ...body.agendaAlsoTo.filter((id) => id !== body.id)];
}

const fractionText = (t: { readonly fraction: Fraction }) =>
  `${t.fraction.numerator}/${t.fraction.denominator}`;

/**
 * A body as its file says it (the input `parseBody` reads: fractions as "2/3"), without its
 * version: what is stored for each version and exported as YAML. `parseBody(toBodyInput(b))`
 * gives `b` back (tested on every preset).
 */
export function toBodyInput(body: Body): Record<string, unknown> {
  const threshold = <T extends { fraction: Fraction; comparison: string; base: string }>(t: T) => ({
    fraction: fractionText(t),
    comparison: t.comparison,
    base: t.base,
  });
  return {
    id: body.id,
    name: body.name,
    shortName: body.shortName,
    district: body.district,
    timeZone: body.timeZone,
    basis: body.basis,
    cadence: { ...body.cadence },
    deadlines: { ...body.deadlines, reminderDays: [...body.deadlines.reminderDays] },
    secretariat: body.secretariat,
    offices: body.offices.map((o) => ({ id: o.id, name: o.name, role: o.role })),
    quorum: threshold(body.quorum),
    majority: threshold(body.majority),
    umlauf: {
      participation: threshold(body.umlauf.participation),
      majority: threshold(body.umlauf.majority),
      defaultDeadlineHours: body.umlauf.defaultDeadlineHours,
      maxDeadlineHours: body.umlauf.maxDeadlineHours,
      objectionAllowed: body.umlauf.objectionAllowed,
      writtenStatements: body.umlauf.writtenStatements,
      reminderHoursBefore: [...body.umlauf.reminderHoursBefore],
    },
    secretariatMembers: [...body.secretariatMembers],
    agendaAlsoTo: [...body.agendaAlsoTo],
    assumptions: body.assumptions.map((a) => ({ setting: a.setting, note: a.note })),
    // Only where it differs from the defaults: a file that never named it keeps its content hash.
    ...(body.retention.formerMemberDays !== DEFAULT_RETENTION.formerMemberDays
      ? { retention: { formerMemberDays: body.retention.formerMemberDays } }
      : {}),
  };
}

import {
  type Body,
  BodyConfigError,
  MAJORITY_BASES,
  OFFICE_ROLES,
  type OfficeRole,
  parseBody,
  parseLocalTime,
  toBodyInput,
  WEEKDAYS,
} from './body.js';
import { parseFraction } from './threshold.js';

/**
 * The SPK's form for a body (create or amend): every setting as the text a person types. The
 * offices are one line each — `Kennung | Name | Rolle` for an office the body has, `Name | Rolle`
 * for a new one; a line removed retires the office. Read into the body file's shape and checked
 * by the rules core; every problem names its field.
 */
export const BODY_FORM_FIELDS = [
  'name',
  'shortName',
  'district',
  'offices',
  'secretariat',
  'secretariatMembers',
  'quorumFraction',
  'quorumComparison',
  'majorityFraction',
  'majorityComparison',
  'majorityBase',
  'umlaufParticipation',
  'umlaufMajority',
  'umlaufDeadlineHours',
  'umlaufMaxDeadlineHours',
  'umlaufReminderHours',
  'umlaufObjection',
  'umlaufWrittenStatements',
  'agendaAlsoTo',
  'registrationDays',
  'agendaDispatchDays',
  'agendaDispatchTime',
  'reminderDays',
  'reminderTime',
  'intervalMonths',
  'anchorMonth',
  'onDemand',
  'weekday',
  'weekOfMonth',
  'startTime',
  'durationMinutes',
] as const;
export type BodyFormField = (typeof BODY_FORM_FIELDS)[number];
export type BodyFormFields = Record<BodyFormField, string>;

export type FormProblem = {
  readonly field: BodyFormField;
  readonly problem:
    | 'required'
    | 'fraction'
    | 'number'
    | 'time'
    | 'choice'
    | 'officeLine'
    | 'officeRole'
    | 'officeDuplicate'
    | 'noVotingOffice'
    | 'secretariat'
    | 'agendaBeforeRegistration'
    | 'invalid';
  /** The line of the offices field it is about (1-based), or the rules core's own words. */
  readonly detail?: string;
};

/** Role words people type (German first, English too). */
const ROLE_WORDS: Record<string, OfficeRole> = {
  stimmberechtigt: 'voting',
  voting: 'voting',
  beratend: 'advisory',
  advisory: 'advisory',
  beauftragte: 'commissioner',
  beauftragter: 'commissioner',
  commissioner: 'commissioner',
  gast: 'guest',
  guest: 'guest',
};

/** The word a role is written with in the form. */
export const ROLE_WORD: Record<OfficeRole, string> = {
  voting: 'stimmberechtigt',
  advisory: 'beratend',
  commissioner: 'Beauftragte',
  guest: 'Gast',
};

/** A body as the form shows it (the current version, or a template). */
export function formOf(body: Body): BodyFormFields {
  const f = (t: { fraction: { numerator: number; denominator: number } }) =>
    `${t.fraction.numerator}/${t.fraction.denominator}`;
  return {
    name: body.name,
    shortName: body.shortName,
    district: body.district,
    offices: body.offices.map((o) => `${o.id} | ${o.name} | ${ROLE_WORD[o.role]}`).join('\n'),
    secretariat: body.secretariat,
    secretariatMembers: body.secretariatMembers.join('\n'),
    quorumFraction: f(body.quorum),
    quorumComparison: body.quorum.comparison,
    majorityFraction: f(body.majority),
    majorityComparison: body.majority.comparison,
    majorityBase: body.majority.base,
    umlaufParticipation: f(body.umlauf.participation),
    umlaufMajority: f(body.umlauf.majority),
    umlaufDeadlineHours: String(body.umlauf.defaultDeadlineHours),
    umlaufMaxDeadlineHours: String(body.umlauf.maxDeadlineHours),
    umlaufReminderHours: body.umlauf.reminderHoursBefore.join(', '),
    umlaufObjection: body.umlauf.objectionAllowed ? 'true' : 'false',
    umlaufWrittenStatements: body.umlauf.writtenStatements ? 'true' : 'false',
    agendaAlsoTo: body.agendaAlsoTo.join(','),
    registrationDays: String(body.deadlines.registrationDays),
    agendaDispatchDays: String(body.deadlines.agendaDispatchDays),
    agendaDispatchTime: body.deadlines.agendaDispatchTime,
    reminderDays: body.deadlines.reminderDays.join(', '),
    reminderTime: body.deadlines.reminderTime,
    intervalMonths: String(body.cadence.intervalMonths),
    anchorMonth: String(body.cadence.anchorMonth),
    onDemand: body.cadence.onDemand ? 'true' : 'false',
    weekday: body.cadence.weekday,
    weekOfMonth: String(body.cadence.weekOfMonth),
    startTime: body.cadence.startTime,
    durationMinutes: String(body.cadence.durationMinutes),
  };
}

/** A readable id from a name: `Amt für Soziales` → `amt-fuer-soziales`. */
export function slugOf(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return s.length >= 2 ? s : `amt-${s || 'x'}`;
}

/**
 * Reads the form into a body: on the template or current version `base` (settings the form does
 * not show stay as they are), with `id`. Returns the body or every problem, by field.
 */
export function bodyFromForm(
  base: Body,
  id: string,
  f: BodyFormFields,
): { readonly body: Body } | { readonly problems: readonly FormProblem[] } {
  const problems: FormProblem[] = [];
  const text = (k: BodyFormField) => (f[k] ?? '').trim();
  for (const k of ['name', 'shortName', 'district'] as const)
    if (!text(k)) problems.push({ field: k, problem: 'required' });
  const fraction = (k: BodyFormField) => {
    const parsed = parseFraction(text(k));
    if (!parsed) problems.push({ field: k, problem: 'fraction' });
    return text(k);
  };
  const whole = (k: BodyFormField, min: number, max: number) => {
    const n = Number(text(k));
    if (!/^-?\d+$/.test(text(k)) || n < min || n > max)
      problems.push({ field: k, problem: 'number', detail: `${min}–${max}` });
    return n;
  };
  const time = (k: BodyFormField) => {
    if (!parseLocalTime(text(k))) problems.push({ field: k, problem: 'time' });
    return text(k);
  };
  const choice = <T extends string>(k: BodyFormField, allowed: readonly T[]) => {
    if (!allowed.includes(text(k) as T)) problems.push({ field: k, problem: 'choice' });
    return text(k) as T;
  };

  // Offices: one per line.
  const known = new Map(base.offices.map((o) => [o.id, o]));
  const offices: { id: string; name: string; role: OfficeRole }[] = [];
  const lines = text('offices')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  lines.forEach((line, i) => {
    const parts = line.split('|').map((p) => p.trim());
    const [first = '', second = '', third = ''] = parts;
    const existing = parts.length === 3 ? known.get(first) : undefined;
    if (parts.length < 2 || parts.length > 3 || (parts.length === 3 && !existing)) {
      problems.push({ field: 'offices', problem: 'officeLine', detail: String(i + 1) });
      return;
    }
    const name = parts.length === 3 ? second : first;
    const roleWord = (parts.length === 3 ? third : second).toLowerCase();
    const role = ROLE_WORDS[roleWord];
    if (!role || !OFFICE_ROLES.includes(role)) {
      problems.push({ field: 'offices', problem: 'officeRole', detail: String(i + 1) });
      return;
    }
    let officeId = existing?.id ?? slugOf(name);
    for (let n = 2; !existing && offices.some((o) => o.id === officeId); n++)
      officeId = `${slugOf(name)}-${n}`;
    if (!existing && known.has(officeId)) officeId = `${officeId}-neu`;
    if (offices.some((o) => o.name.toLowerCase() === name.toLowerCase()))
      problems.push({ field: 'offices', problem: 'officeDuplicate', detail: String(i + 1) });
    offices.push({ id: officeId, name, role });
  });
  if (lines.length > 0 && !offices.some((o) => o.role === 'voting'))
    problems.push({ field: 'offices', problem: 'noVotingOffice' });
  const secretariat = text('secretariat');
  if (!offices.some((o) => o.id === secretariat))
    problems.push({ field: 'secretariat', problem: 'secretariat' });

  const reminderDays = text('reminderDays')
    .split(/[,;\s]+/)
    .filter((d) => d !== '')
    .map(Number);
  if (reminderDays.length === 0 || reminderDays.some((d) => !Number.isInteger(d) || d < 0 || d > 60))
    problems.push({ field: 'reminderDays', problem: 'number', detail: '0–60' });
  const alsoTo = text('agendaAlsoTo')
    .split(/[,\s]+/)
    .filter((s) => s !== '');
  if (alsoTo.includes(id)) problems.push({ field: 'agendaAlsoTo', problem: 'choice' });
  const umlaufHours = whole('umlaufDeadlineHours', 1, 24 * 60);
  const umlaufReminders = text('umlaufReminderHours')
    .split(/[,;\s]+/)
    .filter((d) => d !== '')
    .map(Number);
  if (umlaufReminders.some((h) => !Number.isInteger(h) || h < 1 || h > 24 * 60))
    problems.push({ field: 'umlaufReminderHours', problem: 'number', detail: '1–1440' });
  const registrationDays = whole('registrationDays', 0, 60);
  const agendaDispatchDays = whole('agendaDispatchDays', 0, 60);
  if (agendaDispatchDays > registrationDays)
    problems.push({ field: 'agendaDispatchDays', problem: 'agendaBeforeRegistration' });

  const input = {
    ...toBodyInput(base),
    id,
    name: text('name'),
    shortName: text('shortName'),
    district: text('district'),
    offices,
    secretariat,
    secretariatMembers: text('secretariatMembers')
      .split(/[\r\n,;]+/)
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    quorum: {
      fraction: fraction('quorumFraction'),
      comparison: choice('quorumComparison', ['atLeast', 'moreThan']),
      base: 'allVotingMembers',
    },
    majority: {
      fraction: fraction('majorityFraction'),
      comparison: choice('majorityComparison', ['atLeast', 'moreThan']),
      base: choice('majorityBase', MAJORITY_BASES),
    },
    umlauf: {
      ...(toBodyInput(base).umlauf as Record<string, unknown>),
      participation: { ...base.umlauf.participation, fraction: fraction('umlaufParticipation') },
      majority: { ...base.umlauf.majority, fraction: fraction('umlaufMajority') },
      defaultDeadlineHours: umlaufHours,
      maxDeadlineHours: whole('umlaufMaxDeadlineHours', 1, 24 * 60),
      reminderHoursBefore: umlaufReminders,
      objectionAllowed: choice('umlaufObjection', ['true', 'false']) === 'true',
      writtenStatements: choice('umlaufWrittenStatements', ['true', 'false']) === 'true',
    },
    deadlines: {
      ...base.deadlines,
      registrationDays,
      agendaDispatchDays,
      reminderDays,
      reminderTime: time('reminderTime'),
      agendaDispatchTime: time('agendaDispatchTime'),
    },
    cadence: {
      ...base.cadence,
      intervalMonths: whole('intervalMonths', 1, 12),
      anchorMonth: whole('anchorMonth', 1, 12),
      onDemand: choice('onDemand', ['true', 'false']) === 'true',
      weekday: choice('weekday', WEEKDAYS),
      weekOfMonth: whole('weekOfMonth', -1, 4),
      startTime: time('startTime'),
      durationMinutes: whole('durationMinutes', 15, 600),
    },
    // Other bodies whose members also receive agenda and protocol (the UAG for its AG).
    agendaAlsoTo: alsoTo,
  };
  if (problems.length > 0) return { problems };
  try {
    return { body: parseBody(input, 'form') };
  } catch (e) {
    if (!(e instanceof BodyConfigError)) throw e;
    // What the rules core refuses beyond the checks above, by the field it names.
    return {
      problems: e.problems.map((p) => ({
        field: fieldOf(p),
        problem: 'invalid' as const,
        detail: p.replace(/^form: /, ''),
      })),
    };
  }
}

function fieldOf(problem: string): BodyFormField {
  const path = problem.replace(/^form: /, '');
  if (path.startsWith('offices')) return 'offices';
  if (path.startsWith('quorum')) return 'quorumFraction';
  if (path.startsWith('majority')) return 'majorityFraction';
  if (path.startsWith('umlauf.maxDeadlineHours') || path.startsWith('umlauf.defaultDeadlineHours'))
    return 'umlaufMaxDeadlineHours';
  if (path.startsWith('umlauf')) return 'umlaufMajority';
  if (path.startsWith('agendaAlsoTo')) return 'agendaAlsoTo';
  if (path.startsWith('deadlines.reminder')) return 'reminderDays';
  if (path.startsWith('deadlines')) return 'registrationDays';
  if (path.startsWith('cadence')) return 'intervalMonths';
  if (path.startsWith('secretariatMembers')) return 'secretariatMembers';
  if (path.startsWith('secretariat')) return 'secretariat';
  if (path.startsWith('shortName')) return 'shortName';
  if (path.startsWith('district')) return 'district';
  return 'name';
}

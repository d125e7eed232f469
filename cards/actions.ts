import { z } from 'zod';

/**
 * The data each card button sends (Action.Execute `data` merged with the card's inputs), one
 * zod schema per verb, used by the card that builds the button and by the handler that
 * receives it. Nothing here says who acts: that comes from the platform.
 */
const id = z.string().trim().min(1).max(64);

/**
 * The body form and its preview carry the whole form as typed (the SPK's own input, checked by
 * the rules core on every step). Which body is amended comes from the conversation, never from
 * here; `basedOn` only conditions the save on the version the form showed.
 */
const short = z.string().max(200).default('');
const bodyFormSchema = z.object({
  mode: z.enum(['amend', 'create']),
  basedOn: z.coerce.number().int().min(0).max(9999),
  template: z.string().max(64).default(''),
  name: short,
  shortName: short,
  district: short,
  secretariat: short,
  quorumFraction: short,
  quorumComparison: short,
  majorityFraction: short,
  majorityComparison: short,
  majorityBase: short,
  umlaufParticipation: short,
  umlaufMajority: short,
  umlaufDeadlineHours: short,
  umlaufObjection: short,
  umlaufMaxDeadlineHours: short,
  umlaufReminderHours: short,
  umlaufWrittenStatements: short,
  anchorMonth: short,
  onDemand: short,
  agendaDispatchTime: short,
  agendaAlsoTo: z.string().max(2000).default(''),
  registrationDays: short,
  agendaDispatchDays: short,
  reminderDays: short,
  reminderTime: short,
  intervalMonths: short,
  weekday: short,
  weekOfMonth: short,
  startTime: short,
  durationMinutes: short,
  effectiveFrom: short,
  decision: short,
  confirmedOn: short,
  offices: z.string().max(20_000).default(''),
  secretariatMembers: z.string().max(5_000).default(''),
  reason: z.string().max(1_000).default(''),
});

export const CardActions = {
  help: z.object({}),
  'body.link': z.object({ bodyId: id }),
  /** `choice` is "<bodyId>|<officeId>" from the office picker. */
  'member.request': z.object({
    choice: z
      .string()
      .max(140)
      .regex(/^[a-z0-9-]+\|[a-z0-9-]+$/, 'must be "<body>|<office>"')
      .transform((s) => {
        const [bodyId = '', officeId = ''] = s.split('|');
        return { bodyId, officeId };
      }),
  }),
  /**
   * The request as the card showed it: the office and when it was made. A decision on a card
   * whose request has since changed (asked again for another office) is refused.
   */
  'member.decide': z.object({
    bodyId: id,
    memberAadObjectId: id,
    decision: z.enum(['approve', 'decline']),
    officeId: id.optional(),
    requestedAt: z.string().max(40).optional(),
  }),
  /**
   * The SPK's forms on the roster: `person` is the chosen person as the card showed them
   * (`<aadObjectId>|<officeId>`), so a card acts only on the office it showed.
   */
  'member.remove': z.object({ bodyId: id, person: z.string().trim().min(3).max(400) }),
  'member.move': z.object({
    bodyId: id,
    person: z.string().trim().min(3).max(400),
    /** Empty when the SPK pressed the button without choosing the new office. */
    toOfficeId: z.string().trim().max(64).default(''),
  }),
  /** A person leaves a body by themselves (who leaves comes from the platform). */
  'member.leave': z.object({ bodyId: id }),
  /** From the session form (inputs) or a proposal button (fixed date and time). */
  'session.create': z.object({
    bodyId: id,
    date: z.string().trim().max(10),
    time: z.string().trim().max(5),
    place: z.string().max(400).default(''),
    /** The form's toggle: offer the body's Teams meeting ("false": not this time). */
    online: z.enum(['true', 'false']).optional(),
  }),
  /**
   * The body's standing Teams meeting (SPK): the link typed into the card, or `remove`; `shown` is
   * the link the card showed as in force (a card older than another change is refused).
   */
  'meeting.series': z.object({
    bodyId: id,
    shown: z.string().max(2048).default(''),
    joinUrl: z.string().max(4096).default(''),
    remove: z.enum(['true']).optional(),
  }),
  /** Opens the topic form (from a session card, or "thema anmelden"). */
  'topic.form': z.object({ bodyId: id, sessionId: id.optional() }),
  /** The topic form: inputs merged into the data. Lengths are checked by the rules core, with messages. */
  'topic.register': z.object({
    bodyId: id,
    sessionId: id,
    /** Set when the SPK edits an existing item. */
    itemId: id.optional(),
    /** Never set by the bot's form: a card that names an office other than the submitter's is refused. */
    officeId: id.optional(),
    title: z.string().max(1000).default(''),
    purpose: z.string().max(40).default(''),
    description: z.string().max(10_000).default(''),
    documents: z.string().max(30_000).default(''),
    conflictsOfGoals: z.string().max(20_000).default(''),
    submitLate: z
      .union([z.boolean(), z.enum(['true', 'false'])])
      .default(false)
      .transform((v) => v === true || v === 'true'),
  }),
  'topic.late': z.object({ bodyId: id, sessionId: id, itemId: id, decision: z.enum(['accept', 'decline']) }),
  'topic.withdraw': z.object({ bodyId: id, sessionId: id, itemId: id }),
  'topic.edit': z.object({ bodyId: id, sessionId: id, itemId: id }),
  'agenda.manage': z.object({ bodyId: id, sessionId: id }),
  /** `pos_<itemId>` inputs carry the new positions. */
  'agenda.reorder': z
    .object({ bodyId: id, sessionId: id })
    .catchall(z.union([z.string().max(10), z.number()]))
    .transform((d, ctx) => {
      const positions: { itemId: string; position: number }[] = [];
      for (const [key, value] of Object.entries(d)) {
        if (!key.startsWith('pos_')) continue;
        const position = Number(value);
        if (!Number.isInteger(position) || position < 1 || position > 999) {
          ctx.addIssue({
            code: 'custom',
            message: `position of ${key} must be a whole number from 1 to 999`,
          });
          return z.NEVER;
        }
        positions.push({ itemId: key.slice(4), position });
      }
      return { bodyId: String(d.bodyId), sessionId: String(d.sessionId), positions };
    }),
  /**
   * Data that acts for an office names none: the office is the clicker's, from membership.
   * A card that names one (`officeId`) is checked against it and refused if it differs;
   * any other field is refused outright (strict), so forged data cannot pass unnoticed.
   */
  'session.checkIn': z.object({ bodyId: id, sessionId: id, officeId: id.optional() }).strict(),
  /** "Sitzung beenden" on the meeting-end card (SPK): ends exactly the session the card showed. */
  'session.end': z.object({ bodyId: id, sessionId: id }).strict(),
  /** Ja / Nein / Enthaltung; the argument input is merged in. */
  'vote.cast': z
    .object({
      bodyId: id,
      sessionId: id,
      voteId: id,
      choice: z.enum(['yes', 'no', 'abstain']),
      argument: z.string().max(5000).default(''),
      officeId: id.optional(),
    })
    .strict(),
  /**
   * The SPK records the ballot of an office without Teams (the form on the vote card). The office
   * is named here — allowed only to SPK people, only for offices with nobody on Teams. The card's
   * own argument input is sent along and ignored.
   */
  'vote.record': z
    .object({
      bodyId: id,
      sessionId: id,
      voteId: id,
      recordOfficeId: z.string().trim().max(64).default(''),
      recordChoice: z.enum(['yes', 'no', 'abstain']),
      recordArgument: z.string().max(5000).default(''),
      argument: z.string().max(5000).optional(),
    })
    .strict(),
  /** Teams asks for a person's own copy of a vote card (refresh.userIds). */
  'vote.view': z.object({ bodyId: id, sessionId: id, voteId: id }),
  /** The SPK's Umlauf form; lengths and the deadline are checked by the rules core, with messages. */
  'umlauf.open': z.object({
    bodyId: id,
    title: z.string().max(1000).default(''),
    text: z.string().max(20_000).default(''),
    documents: z.string().max(30_000).default(''),
    deadlineDate: z.string().max(20).default(''),
    deadlineTime: z.string().max(10).default(''),
  }),
  /** A member asks for a download link (calendar invite of a session). */
  'file.link': z.object({
    kind: z.enum(['ics', 'protocol.docx', 'protocol.md', 'agenda.docx']),
    bodyId: id,
    sessionId: id,
    /** A protocol's version (absent: the latest). */
    version: z.coerce.number().int().min(1).max(9999).optional(),
  }),
  /**
   * The SPK saves the protocol draft or releases it. The result fields arrive as
   * `note_<itemId>` inputs; which items exist is checked against the session, not trusted.
   */
  'protocol.save': z
    .object({
      bodyId: id,
      sessionId: id,
      release: z.boolean().default(false),
      remarks: z.string().max(5000).default(''),
      correctionReason: z.string().max(5000).default(''),
    })
    .catchall(z.unknown()),
  /** A ballot in an Umlauf (like `vote.cast`). */
  'umlauf.cast': z
    .object({
      bodyId: id,
      umlaufId: id,
      choice: z.enum(['yes', 'no', 'abstain', 'object']),
      argument: z.string().max(5000).default(''),
      officeId: id.optional(),
    })
    .strict(),
  /** The SPK records an office's written statement in an Umlauf (like `vote.record`). */
  'umlauf.record': z
    .object({
      bodyId: id,
      umlaufId: id,
      recordOfficeId: z.string().trim().max(64).default(''),
      recordChoice: z.enum(['yes', 'no', 'abstain', 'object']),
      recordArgument: z.string().max(5000).default(''),
      argument: z.string().max(5000).optional(),
    })
    .strict(),
  'body.preview': bodyFormSchema,
  'body.save': bodyFormSchema,
  'body.edit': bodyFormSchema,
  /** The next page of `beschlüsse` (the same filter). */
  'register.page': z.object({
    bodyId: id,
    query: z.string().max(200).default(''),
    page: z.coerce.number().int().min(1).max(999),
  }),
  /** Opens the SPK's follow-up form for what the card showed (a decision or an item). */
  'followUp.form': z
    .object({
      bodyId: id,
      ref: z.string().trim().min(1).max(300),
      /** The protocol draft's picker sends an item id; the button names its session. */
      sessionId: id.optional(),
    })
    .transform((d) => ({
      bodyId: d.bodyId,
      ref: d.sessionId && !d.ref.includes('/') ? `item/${d.sessionId}/${d.ref}` : d.ref,
    })),
  /**
   * The SPK's follow-up form: what, the responsible office, due by the next session or a date.
   * The origin is the reference the form showed; its label is looked up again, never taken from here.
   */
  'followUp.add': z.object({
    bodyId: id,
    ref: z.string().trim().min(1).max(300),
    what: z.string().max(5000).default(''),
    officeId: z.string().trim().max(64).default(''),
    dueKind: z.enum(['next', 'date']).default('next'),
    dueDate: z.string().trim().max(20).default(''),
  }),
  /**
   * The responsible office marks a follow-up done; the note comes from the card's input
   * `note_<followUpId>` (a list card has one per follow-up). Who may is decided by membership.
   */
  'followUp.done': z
    .object({ bodyId: id, followUpId: id })
    .catchall(z.unknown())
    .transform((d) => {
      const note = d[`note_${d.followUpId}`];
      return { bodyId: d.bodyId, followUpId: d.followUpId, note: typeof note === 'string' ? note : '' };
    }),
} as const;

export type Verb = keyof typeof CardActions;
export type CardData<V extends Verb> = z.input<(typeof CardActions)[V]>;

export function isVerb(verb: unknown): verb is Verb {
  return typeof verb === 'string' && Object.hasOwn(CardActions, verb);
}

/**
 * Fields a card's inputs supply (the client merges them into the button's data), per verb, where
 * the schema requires them: the button itself need not carry them.
 */
type FromInputs = {
  'body.link': 'bodyId';
  'member.request': 'choice';
  'member.remove': 'person';
  'member.move': 'person';
  'session.create': 'date' | 'time';
  'topic.register': 'sessionId';
  'vote.record': 'recordChoice';
  'umlauf.record': 'recordChoice';
  'followUp.form': 'ref';
};

/** What a button of verb V carries: its verb's data, less what the card's inputs supply. */
export type ButtonData<V extends Verb> = V extends keyof FromInputs
  ? Omit<CardData<V>, FromInputs[V]> & Partial<Pick<CardData<V>, Extract<FromInputs[V], keyof CardData<V>>>>
  : CardData<V>;

export type ButtonStyle = 'default' | 'positive' | 'destructive';

/** An Action.Execute button whose data fits its verb's schema (the only way cards make one). */
export type ExecuteAction = {
  [V in Verb]: { type: 'Action.Execute'; title: string; verb: V; data: ButtonData<V>; style?: ButtonStyle };
}[Verb];

/** A button that sends `verb` with `data`; the compiler checks the data against the verb's schema. */
export function execute<V extends Verb>(
  verb: V,
  title: string,
  data: ButtonData<V>,
  style?: ButtonStyle,
): Extract<ExecuteAction, { verb: V }> {
  const action = { type: 'Action.Execute' as const, title, verb, data, ...(style ? { style } : {}) };
  // The object is exactly the variant for V; TypeScript cannot narrow the mapped union by a generic.
  return action as unknown as Extract<ExecuteAction, { verb: V }>;
}

import type { Body } from '../src/domain/body.js';
import { MAJORITY_BASES, WEEKDAYS } from '../src/domain/body.js';
import type { BodyFormField, BodyFormFields } from '../src/domain/body-form.js';
import type { RulesChange } from '../src/domain/body-versions.js';
import { execute } from './actions.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardElement,
  type CardInput,
  heading,
  paragraph,
} from './adaptive-card.js';
import { cardLang, type Locale } from './locale.js';
import { type MessageKey, t } from './messages.js';
import { plain } from './plain.js';
import { changeLines, rulesInWords } from './rules-cards.js';

export type BodyFormVersion = {
  effectiveFrom: string;
  reason: string;
  decision: string;
  confirmedOn: string;
};

export type BodyFormData = {
  mode: 'amend' | 'create';
  /** The version the form starts from (amend), so a save conditions on it. */
  basedOn: number;
  /** The template a new body starts from ('' for none). */
  template: string;
  title: string;
  fields: BodyFormFields;
  version: BodyFormVersion;
  /** Other bodies that may also receive agenda and protocol. */
  otherBodies: readonly { id: string; name: string }[];
  /** The offices of the template or current version (for the secretariat choice). */
  offices: readonly { id: string; name: string }[];
  /** Problems by field, in words. */
  problems?: readonly { field: BodyFormField | keyof BodyFormVersion | 'version'; message: string }[];
};

/** The data every button of the form and its preview carries: the whole form as typed. */
const formData = (d: BodyFormData) => ({
  mode: d.mode,
  basedOn: d.basedOn,
  template: d.template,
  ...d.fields,
  ...d.version,
});

/** `gremium ändern` / `gremium anlegen`: every setting of a body, with its version's when and why. */
export function bodyFormCard(locale: Locale, d: BodyFormData): AdaptiveCard {
  const problem = (field: string) => d.problems?.find((p) => p.field === field)?.message;
  const input = (element: CardInput): CardInput => {
    const message = problem(element.id);
    return { ...element, ...(message ? { errorMessage: message, isRequired: true } : {}) };
  };
  const text = (
    id: BodyFormField | keyof BodyFormVersion,
    value: string,
    extra: Partial<CardInput> = {},
  ): CardInput =>
    input({
      type: 'Input.Text',
      id,
      label: t(locale, `bodyForm.${id}` as MessageKey),
      value,
      ...(extra as object),
    } as CardInput);
  const choice = (id: BodyFormField, value: string, choices: { title: string; value: string }[]): CardInput =>
    input({
      type: 'Input.ChoiceSet',
      id,
      label: t(locale, `bodyForm.${id}` as MessageKey),
      value,
      choices,
      style: 'compact',
    });
  const comparisons = [
    { title: t(locale, 'vote.atLeast'), value: 'atLeast' },
    { title: t(locale, 'vote.moreThan'), value: 'moreThan' },
  ];
  const f = d.fields;
  const yesNo = [
    { title: t(locale, 'bodyForm.yes'), value: 'true' },
    { title: t(locale, 'bodyForm.no'), value: 'false' },
  ];
  const body: CardElement[] = [
    heading(d.title),
    paragraph(t(locale, d.mode === 'amend' ? 'bodyForm.introAmend' : 'bodyForm.introCreate'), {
      size: 'Small',
      isSubtle: true,
    }),
    ...(d.problems?.length
      ? [paragraph(d.problems.map((p) => `• ${p.message}`).join('\n'), { color: 'Attention' })]
      : []),
    text('name', f.name),
    text('shortName', f.shortName),
    text('district', f.district),
    text('offices', f.offices, { isMultiline: true }),
    choice(
      'secretariat',
      f.secretariat,
      d.offices.map((o) => ({ title: o.name, value: o.id })),
    ),
    text('secretariatMembers', f.secretariatMembers, { isMultiline: true }),
    text('quorumFraction', f.quorumFraction),
    choice('quorumComparison', f.quorumComparison, comparisons),
    text('majorityFraction', f.majorityFraction),
    choice('majorityComparison', f.majorityComparison, comparisons),
    choice(
      'majorityBase',
      f.majorityBase,
      MAJORITY_BASES.map((b) => ({ title: t(locale, `vote.base.${b}` as MessageKey), value: b })),
    ),
    text('umlaufParticipation', f.umlaufParticipation),
    text('umlaufMajority', f.umlaufMajority),
    text('umlaufDeadlineHours', f.umlaufDeadlineHours),
    text('umlaufMaxDeadlineHours', f.umlaufMaxDeadlineHours),
    text('umlaufReminderHours', f.umlaufReminderHours),
    choice('umlaufObjection', f.umlaufObjection, yesNo),
    choice('umlaufWrittenStatements', f.umlaufWrittenStatements, yesNo),
    text('registrationDays', f.registrationDays),
    text('agendaDispatchDays', f.agendaDispatchDays),
    text('agendaDispatchTime', f.agendaDispatchTime),
    text('reminderDays', f.reminderDays),
    text('reminderTime', f.reminderTime),
    text('intervalMonths', f.intervalMonths),
    text('anchorMonth', f.anchorMonth),
    choice('onDemand', f.onDemand, yesNo),
    choice(
      'weekday',
      f.weekday,
      WEEKDAYS.map((w) => ({ title: t(locale, `weekday.${w}` as MessageKey), value: w })),
    ),
    text('weekOfMonth', f.weekOfMonth),
    text('startTime', f.startTime),
    text('durationMinutes', f.durationMinutes),
    ...(d.otherBodies.length
      ? [
          input({
            type: 'Input.ChoiceSet',
            id: 'agendaAlsoTo',
            label: t(locale, 'bodyForm.agendaAlsoTo'),
            value: f.agendaAlsoTo,
            isMultiSelect: true,
            style: 'expanded',
            choices: d.otherBodies.map((b) => ({ title: b.name, value: b.id })),
          }),
        ]
      : []),
    paragraph(`**${t(locale, 'bodyForm.versionTitle')}**`),
    input({
      type: 'Input.Date',
      id: 'effectiveFrom',
      label: t(locale, 'bodyForm.effectiveFrom'),
      value: d.version.effectiveFrom,
    }),
    text('reason', d.version.reason, { isMultiline: true }),
    ...(d.mode === 'amend' ? [text('decision', d.version.decision)] : []),
    ...(d.mode === 'amend'
      ? [
          input({
            type: 'Input.Date',
            id: 'confirmedOn',
            label: t(locale, 'bodyForm.confirmedOn'),
            value: d.version.confirmedOn,
          }),
        ]
      : []),
  ];
  // The inputs supply the fields; the button names only the form's kind and version.
  return adaptiveCard(cardLang(locale), body, [
    execute(
      'body.preview',
      t(locale, 'bodyForm.preview'),
      { mode: d.mode, basedOn: d.basedOn, template: d.template },
      'positive',
    ),
  ]);
}

/** Before saving: the rules in words as members will read them, what changes, and the save. */
export function bodyPreviewCard(
  locale: Locale,
  d: BodyFormData & { body: Body; changes: readonly RulesChange[] },
): AdaptiveCard {
  return adaptiveCard(
    cardLang(locale),
    [
      heading(t(locale, 'bodyForm.previewTitle', { body: d.body.name })),
      paragraph(t(locale, 'bodyForm.previewIntro'), { size: 'Small', isSubtle: true }),
      ...rulesInWords(locale, d.body).map((line) => paragraph(line, { size: 'Small' })),
      {
        type: 'FactSet',
        facts: d.body.offices.map((o) => ({
          title: plain(o.name),
          value: t(locale, `role.${o.role}` as MessageKey),
        })),
      },
      ...(d.changes.length
        ? [
            paragraph(`**${t(locale, 'bodyForm.changes')}**`),
            paragraph(
              changeLines(locale, d.changes)
                .map((l) => `• ${l}`)
                .join('\n'),
              { size: 'Small' },
            ),
          ]
        : []),
    ],
    [
      execute(
        'body.save',
        t(locale, d.mode === 'amend' ? 'bodyForm.saveAmend' : 'bodyForm.saveCreate'),
        formData(d),
        'positive',
      ),
      execute('body.edit', t(locale, 'bodyForm.back'), formData(d)),
    ],
  );
}

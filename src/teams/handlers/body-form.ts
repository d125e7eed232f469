import type { z } from 'zod';
import type { CardActions } from '../../../cards/actions.js';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import { type BodyFormData, bodyFormCard, bodyPreviewCard } from '../../../cards/body-form-card.js';
import { formatDate } from '../../../cards/format.js';
import type { Locale } from '../../../cards/locale.js';
import { type MessageKey, textOf as t } from '../../../cards/messages.js';
import { mayCreateAny, saveBody } from '../../app/bodies/save-body.js';
import { isSpk } from '../../app/shared/secretariat.js';
import { type Body, DEFAULT_RETENTION } from '../../domain/body.js';
import { BODY_FORM_FIELDS, type BodyFormFields, formOf } from '../../domain/body-form.js';
import { localDateOf } from '../../domain/calendar.js';
import { notice, refusalCard } from '../refusals.js';
import { bodyOfChatOrChannel, type Ctx, personOf } from './context.js';
import type { BotDeps } from './deps.js';

type FormData = z.output<(typeof CardActions)['body.save']>;

/**
 * A working group from scratch: the Mitte rules of procedure as defaults (000 §4: half of the
 * voting offices, 2/3 of those present), its SPK as the secretariat, offices to be filled in.
 */
export function blankTemplate(): Body {
  return {
    id: 'neue-ag',
    name: '',
    shortName: '',
    district: '',
    timeZone: 'Europe/Berlin',
    basis: 'In Teams angelegt',
    cadence: {
      intervalMonths: 1,
      anchorMonth: 1,
      weekday: 'thursday',
      weekOfMonth: 2,
      startTime: '10:00',
      durationMinutes: 120,
      onDemand: false,
    },
    deadlines: {
      registrationDays: 7,
      agendaDispatchDays: 5,
      agendaDispatchTime: '08:00',
      reminderDays: [7, 5],
      reminderTime: '08:00',
    },
    offices: [{ id: 'spk', name: 'Sozialraumorientierte Planungskoordination (SPK)', role: 'advisory' }],
    secretariat: 'spk',
    quorum: { fraction: { numerator: 1, denominator: 2 }, comparison: 'atLeast', base: 'allVotingMembers' },
    majority: {
      fraction: { numerator: 2, denominator: 3 },
      comparison: 'atLeast',
      base: 'presentVotingMembers',
    },
    umlauf: {
      participation: {
        fraction: { numerator: 1, denominator: 2 },
        comparison: 'atLeast',
        base: 'allVotingMembers',
      },
      majority: { fraction: { numerator: 2, denominator: 3 }, comparison: 'atLeast', base: 'ballotsCast' },
      defaultDeadlineHours: 72,
      maxDeadlineHours: 336,
      objectionAllowed: true,
      writtenStatements: true,
      reminderHoursBefore: [48, 24],
    },
    secretariatMembers: [],
    agendaAlsoTo: [],
    assumptions: [],
    retention: DEFAULT_RETENTION,
  };
}

const fieldsOf = (d: FormData): BodyFormFields =>
  Object.fromEntries(BODY_FORM_FIELDS.map((k) => [k, String(d[k] ?? '')])) as BodyFormFields;

const versionOf = (d: FormData) => ({
  effectiveFrom: d.effectiveFrom,
  reason: d.reason,
  decision: d.decision,
  confirmedOn: d.confirmedOn,
});

/** The body the form is about: the channel's (amend), or the template (create); never card data for amend. */
async function baseOf(deps: BotDeps, ctx: Ctx, mode: 'amend' | 'create', template: string) {
  if (mode === 'amend') return bodyOfChatOrChannel(deps, ctx);
  return template ? deps.bodies.get(template) : blankTemplate();
}

function formCard(
  locale: Locale,
  bodies: ReadonlyMap<string, Body>,
  base: Body,
  d: Omit<BodyFormData, 'offices' | 'title' | 'otherBodies'>,
): AdaptiveCard {
  const template = d.template ? base.name : '';
  return bodyFormCard(locale, {
    ...d,
    title:
      d.mode === 'amend'
        ? t(locale, 'bodyForm.titleAmend', { body: base.name })
        : template
          ? t(locale, 'bodyForm.titleCreateFrom', { template })
          : t(locale, 'bodyForm.titleCreate'),
    offices: base.offices.map((o) => ({ id: o.id, name: o.name })),
    otherBodies: [...bodies.values()]
      .filter((b) => b.id !== (d.mode === 'amend' ? base.id : ''))
      .map((b) => ({ id: b.id, name: b.name })),
  });
}

/** `gremium ändern` (SPK of the channel's body): the form with the version in force. */
export async function amendBodyCommand(deps: BotDeps, ctx: Ctx, locale: Locale): Promise<AdaptiveCard> {
  const body = await bodyOfChatOrChannel(deps, ctx);
  if (!body) return refusalCard(locale, 'noBody');
  if (!(await isSpk(deps, body, personOf(ctx)))) return refusalCard(locale, 'notSecretariat');
  const version = deps.registry?.history(body.id).at(-1);
  return formCard(locale, deps.bodies, version?.body ?? body, {
    mode: 'amend',
    basedOn: version?.number ?? 0,
    template: '',
    fields: formOf(version?.body ?? body),
    version: { effectiveFrom: localDateOf(deps.clock.now()), reason: '', decision: '', confirmedOn: '' },
  });
}

/** `gremium anlegen [wie <Name>]`: the form, empty or from a template (any existing body). */
export async function createBodyCommand(
  deps: BotDeps,
  ctx: Ctx,
  locale: Locale,
  like: string,
): Promise<AdaptiveCard> {
  // Only who may create one anywhere gets the form (the district is checked again on saving).
  if (
    !deps.registry ||
    !(await mayCreateAny(
      { ...deps, registry: deps.registry, bodyAdmins: deps.config.bodyAdmins },
      personOf(ctx),
    ))
  )
    return notice(locale, 'bodyForm.notAdmin', {}, true);
  let base = blankTemplate();
  if (like.trim()) {
    const wanted = like.trim().toLowerCase();
    const found = [...deps.bodies.values()].find(
      (b) => b.name.toLowerCase() === wanted || b.shortName.toLowerCase() === wanted || b.id === wanted,
    );
    if (!found)
      return notice(
        locale,
        'bodyForm.unknownTemplate',
        { names: [...deps.bodies.values()].map((b) => b.shortName).join(', ') },
        true,
      );
    base = found;
  }
  const fields = formOf(base);
  return formCard(locale, deps.bodies, base, {
    mode: 'create',
    basedOn: 0,
    template: like.trim() ? base.id : '',
    // A new body: its own names and SPK people.
    fields: {
      ...fields,
      name: '',
      shortName: '',
      district: like.trim() ? base.district : '',
      secretariatMembers: '',
    },
    version: { effectiveFrom: localDateOf(deps.clock.now()), reason: '', decision: '', confirmedOn: '' },
  });
}

/** Preview, save and back: one handler, the step named by the verb. */
export async function bodyFormAction(
  step: 'preview' | 'save' | 'edit',
  deps: BotDeps,
  ctx: Ctx,
  locale: Locale,
  data: FormData,
): Promise<AdaptiveCard> {
  const base = await baseOf(deps, ctx, data.mode, data.template);
  if (!base) return refusalCard(locale, data.mode === 'amend' ? 'noBody' : 'unknownBody');
  const form = {
    mode: data.mode,
    basedOn: data.basedOn,
    template: data.template,
    fields: fieldsOf(data),
    version: versionOf(data),
  };
  if (step === 'edit') return formCard(locale, deps.bodies, base, form);
  if (!deps.registry) return refusalCard(locale, 'unknownBody');
  const result = await saveBody(
    { ...deps, registry: deps.registry, bodyAdmins: deps.config.bodyAdmins },
    {
      mode: data.mode,
      preview: step === 'preview',
      base,
      basedOn: data.basedOn,
      fields: form.fields,
      version: form.version,
      actor: personOf(ctx),
      activityId: ctx.activity.id,
    },
  );
  if (result.kind === 'refused')
    return result.reason === 'notAdmin'
      ? notice(locale, 'bodyForm.notAdmin', {}, true)
      : refusalCard(locale, result.reason);
  // The rules changed since the form was opened: nothing to correct in it — the clicked card
  // stays (preview or form), with the message; the SPK opens the form anew.
  if (result.kind === 'invalid' && result.form.length === 0 && result.version.includes('changedMeanwhile'))
    return notice(locale, 'bodyForm.problem.changedMeanwhile', {}, true);
  if (result.kind === 'invalid') {
    const problems = [
      ...result.form.map((p) => ({
        field: p.field,
        message: t(locale, `bodyForm.problem.${p.problem}` as MessageKey, {
          line: p.detail ?? '',
          range: p.detail ?? '',
          detail: p.detail ?? '',
        }),
      })),
      ...result.version.map((p) => ({
        field:
          p === 'reasonMissing'
            ? ('reason' as const)
            : p === 'decisionUnknown'
              ? ('decision' as const)
              : p === 'confirmedInvalid'
                ? ('confirmedOn' as const)
                : p.startsWith('effective')
                  ? ('effectiveFrom' as const)
                  : ('version' as const),
        message: t(locale, `bodyForm.problem.${p}` as MessageKey),
      })),
    ];
    return formCard(locale, deps.bodies, base, { ...form, problems });
  }
  if (result.kind === 'preview')
    return bodyPreviewCard(locale, {
      ...form,
      title: '',
      offices: base.offices.map((o) => ({ id: o.id, name: o.name })),
      otherBodies: [],
      body: result.body,
      changes: result.changes,
    });
  return data.mode === 'amend'
    ? notice(locale, 'bodyForm.savedAmend', {
        number: result.version,
        body: result.body.name,
        date: formatDate(locale, result.effectiveFrom),
      })
    : notice(locale, 'bodyForm.savedCreate', { body: result.body.name });
}

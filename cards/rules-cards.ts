import type { Body, OfficeRole } from '../src/domain/body.js';
import type { BodyVersion, RulesChange } from '../src/domain/body-versions.js';
import { quorumStatus } from '../src/domain/quorum.js';
import { type AdaptiveCard, adaptiveCard, type CardElement, heading, paragraph } from './adaptive-card.js';
import { formatDate } from './format.js';
import { cardLang, type Locale } from './locale.js';
import { type MessageKey, t } from './messages.js';
import { plain } from './plain.js';
import { rulesVersionText } from './rules-version.js';

const threshold = (
  locale: Locale,
  r: { fraction: { numerator: number; denominator: number }; comparison: string; base: string },
) =>
  `${t(locale, r.comparison === 'atLeast' ? 'vote.atLeast' : 'vote.moreThan')} ${r.fraction.numerator}/${r.fraction.denominator} ${t(locale, `vote.base.${r.base}` as MessageKey)}`;

const roleText = (locale: Locale, role: OfficeRole) => t(locale, `role.${role}` as MessageKey);

/** A body's rules in words, as members read them (the `geschäftsordnung` card and the preview). */
export function rulesInWords(locale: Locale, body: Body): string[] {
  // Counted by the rules core: voting offices and the quorum of none present yet.
  const quorum = quorumStatus(body, []);
  const weekday = t(locale, `weekday.${body.cadence.weekday}` as MessageKey);
  return [
    t(locale, 'rules.quorum', {
      needed: quorum.needed,
      of: quorum.votingMembers,
      rule: threshold(locale, body.quorum),
    }),
    t(locale, 'rules.majority', { rule: threshold(locale, body.majority) }),
    t(locale, 'rules.umlauf', {
      participation: threshold(locale, body.umlauf.participation),
      majority: threshold(locale, body.umlauf.majority),
      hours: body.umlauf.defaultDeadlineHours,
      objection: t(locale, body.umlauf.objectionAllowed ? 'rules.objectionYes' : 'rules.objectionNo'),
    }),
    t(locale, 'rules.deadlines', {
      registration: body.deadlines.registrationDays,
      agenda: body.deadlines.agendaDispatchDays,
      agendaTime: body.deadlines.agendaDispatchTime,
      reminders: body.deadlines.reminderDays.join(', '),
      reminderTime: body.deadlines.reminderTime,
    }),
    t(locale, 'rules.cadence', {
      months: body.cadence.intervalMonths,
      week: body.cadence.weekOfMonth === -1 ? t(locale, 'rules.lastWeek') : `${body.cadence.weekOfMonth}.`,
      weekday,
      time: body.cadence.startTime,
      minutes: body.cadence.durationMinutes,
    }),
  ];
}

/** What a version changed, one line each. */
export function changeLines(locale: Locale, changes: readonly RulesChange[]): string[] {
  return changes.map((c) => {
    switch (c.kind) {
      case 'officeAdded':
        return t(locale, 'rules.change.added', { name: c.name, role: roleText(locale, c.role) });
      case 'officeRenamed':
        return t(locale, 'rules.change.renamed', { from: c.from, to: c.to });
      case 'officeRetired':
        return t(locale, 'rules.change.retired', { name: c.name });
      case 'roleChanged':
        return t(locale, 'rules.change.role', {
          name: c.name,
          from: roleText(locale, c.from),
          to: roleText(locale, c.to),
        });
      default:
        return t(locale, `rules.field.${c.field}` as MessageKey);
    }
  });
}

/** Where a version came from and why: "gültig ab 01.02.2027 · Grund · Beschluss … · bestätigt am …". */
export function versionLine(locale: Locale, v: Omit<BodyVersion, 'body'>): string {
  return [
    t(locale, 'rules.validFrom', { date: formatDate(locale, v.effectiveFrom) }),
    plain(v.reason),
    ...(v.decision ? [t(locale, 'rules.adoptedBy', { decision: v.decision })] : []),
    ...(v.confirmedOn ? [t(locale, 'rules.confirmedOn', { date: formatDate(locale, v.confirmedOn) })] : []),
  ].join(' · ');
}

/** `geschäftsordnung`: the version in force, in words, with the offices and their roles. */
export function rulesCard(
  locale: Locale,
  d: { version: BodyVersion; upcoming?: Omit<BodyVersion, 'body'> },
): AdaptiveCard {
  const body = d.version.body;
  const items: CardElement[] = [
    heading(t(locale, 'rules.title', { body: body.name })),
    paragraph(rulesVersionText(locale, d.version), { weight: 'Bolder' }),
    paragraph(versionLine(locale, d.version), { size: 'Small', isSubtle: true }),
    ...rulesInWords(locale, body).map((line) => paragraph(line, { size: 'Small' })),
    {
      type: 'FactSet',
      facts: body.offices.map((o) => ({
        title: plain(o.name),
        value: `${roleText(locale, o.role)}${o.id === body.secretariat ? ` · ${t(locale, 'rules.secretariat')}` : ''}`,
      })),
    },
    ...(d.upcoming
      ? [
          paragraph(
            t(locale, 'rules.upcoming', {
              number: d.upcoming.number,
              date: formatDate(locale, d.upcoming.effectiveFrom),
            }),
            { size: 'Small', color: 'Accent' },
          ),
        ]
      : []),
    paragraph(t(locale, 'rules.historyHint'), { size: 'Small', isSubtle: true }),
  ];
  return adaptiveCard(cardLang(locale), items);
}

/** `geschäftsordnung verlauf`: every version, latest first, with what it changed. */
export function rulesHistoryCard(
  locale: Locale,
  d: { bodyName: string; versions: readonly (BodyVersion & { changes: readonly RulesChange[] })[] },
): AdaptiveCard {
  return adaptiveCard(cardLang(locale), [
    heading(t(locale, 'rules.historyTitle', { body: d.bodyName })),
    ...[...d.versions].reverse().map(
      (v): CardElement => ({
        type: 'Container',
        separator: true,
        items: [
          paragraph(
            `**${t(locale, 'rules.versionNumber', { number: v.number })}** · ${versionLine(locale, v)}`,
            {
              size: 'Small',
            },
          ),
          ...(v.changes.length
            ? [
                paragraph(
                  changeLines(locale, v.changes)
                    .map((l) => `• ${l}`)
                    .join('\n'),
                  { size: 'Small' },
                ),
              ]
            : []),
        ],
      }),
    ),
  ]);
}

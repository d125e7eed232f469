import type { RulesSummary } from '../src/domain/body.js';
import { type AdaptiveCard, adaptiveCard, heading, paragraph } from './adaptive-card.js';
import { cardLang, type Locale } from './locale.js';
import { type MessageKey, t } from './messages.js';

/** One command as the help card lists it: an example in each language and what it does. */
export type HelpLine = { readonly de: string; readonly en: string; readonly description: MessageKey };

export type HelpCardData = {
  readonly locale: Locale;
  /** Every command a person can type (the bot's command table gives them). */
  readonly commands: readonly HelpLine[];
  /** The rules of the body the help is asked in (its channel, or the person's body). */
  readonly rules?: RulesSummary;
};

/** The body's rules in one line, from its settings. */
function rulesLine(locale: Locale, r: RulesSummary): string {
  const fraction = (f: { numerator: number; denominator: number }) =>
    f.numerator * 2 === f.denominator ? t(locale, 'help.half') : `${f.numerator}/${f.denominator}`;
  return t(locale, 'help.rules.text', {
    registrationDays: r.registrationDays,
    agendaDays: r.agendaDays,
    quorum: `${t(locale, r.quorum.comparison === 'atLeast' ? 'vote.atLeast' : 'vote.moreThan')} ${fraction(r.quorum.fraction)}`,
    majority: `${t(locale, r.majority.comparison === 'atLeast' ? 'vote.atLeast' : 'vote.moreThan')} ${fraction(r.majority.fraction)} ${t(locale, `vote.base.${r.majority.base}` as MessageKey)}`,
  });
}

/** Lists what the bot does and every command it understands, in the reader's language. */
export function helpCard({ locale, commands, rules }: HelpCardData): AdaptiveCard {
  return adaptiveCard(cardLang(locale), [
    heading(`${t(locale, 'bot.name')} – ${t(locale, 'help.title')}`),
    paragraph(t(locale, 'bot.tagline')),
    paragraph(t(locale, 'help.commands'), { weight: 'Bolder', size: 'Medium', spacing: 'Medium' }),
    {
      type: 'FactSet' as const,
      facts: commands.map((entry) => ({
        title: locale === 'en' ? entry.en : entry.de,
        value: t(locale, entry.description),
      })),
    },
    paragraph(t(locale, 'help.mention'), { isSubtle: true, size: 'Small' }),
    {
      type: 'Container' as const,
      style: 'emphasis',
      spacing: 'Medium',
      items: [
        paragraph(
          rules ? t(locale, 'help.rules.titleOf', { body: rules.bodyName }) : t(locale, 'help.rules.title'),
          {
            weight: 'Bolder',
          },
        ),
        paragraph(rules ? rulesLine(locale, rules) : t(locale, 'help.rules.generic'), { size: 'Small' }),
      ],
    },
  ]);
}

import { type AdaptiveCard, adaptiveCard, heading, paragraph } from './adaptive-card.js';
import { COMMAND_CATALOG } from './command-catalog.js';
import { cardLang, type Locale } from './locale.js';
import { t } from './messages.js';

export type HelpCardData = { readonly locale: Locale };

/** Lists what the bot does and every command it understands, in the reader's language. */
export function helpCard({ locale }: HelpCardData): AdaptiveCard {
  return adaptiveCard(cardLang(locale), [
    heading(`${t(locale, 'bot.name')} – ${t(locale, 'help.title')}`),
    paragraph(t(locale, 'bot.tagline')),
    paragraph(t(locale, 'help.commands'), { weight: 'Bolder', size: 'Medium', spacing: 'Medium' }),
    {
      type: 'FactSet',
      facts: COMMAND_CATALOG.map((entry) => ({
        title: locale === 'en' ? entry.en : entry.de,
        value: t(locale, entry.description),
      })),
    },
    paragraph(t(locale, 'help.mention'), { isSubtle: true, size: 'Small' }),
    {
      type: 'Container',
      style: 'emphasis',
      spacing: 'Medium',
      items: [
        paragraph(t(locale, 'help.rules.title'), { weight: 'Bolder' }),
        paragraph(t(locale, 'help.rules.text'), { size: 'Small' }),
      ],
    },
  ]);
}

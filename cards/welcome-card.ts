import { execute } from './actions.js';
import { type AdaptiveCard, adaptiveCard, heading, paragraph } from './adaptive-card.js';
import { cardLang, type Locale } from './locale.js';
import { t } from './messages.js';

export type WelcomeCardData = {
  readonly locale: Locale;
  readonly conversationKind: 'personal' | 'groupChat' | 'channel';
};

/** Posted once when the bot is installed in a chat or a team. */
export function welcomeCard(data: WelcomeCardData): AdaptiveCard {
  const { locale } = data;
  const where =
    data.conversationKind === 'personal'
      ? 'welcome.personal'
      : data.conversationKind === 'channel'
        ? 'welcome.channel'
        : 'welcome.groupChat';
  return adaptiveCard(
    cardLang(locale),
    [
      heading(t(locale, 'welcome.title')),
      paragraph(t(locale, 'bot.tagline')),
      paragraph(t(locale, where)),
      paragraph(t(locale, 'welcome.next'), { weight: 'Bolder' }),
    ],
    [execute('help', t(locale, 'help.title'), {})],
  );
}

import type { AdaptiveCard } from './adaptive-card.js';
import { helpCard } from './help-card.js';
import type { Locale } from './locale.js';
import { noticeCard } from './notice-card.js';
import { welcomeCard } from './welcome-card.js';

/**
 * Every card the bot can send, rendered with representative data in both languages.
 * The card test parses each of these with the adaptivecards library; a new card
 * must be added here or it is not checked.
 */
export function everyCard(): { name: string; card: AdaptiveCard }[] {
  const locales: Locale[] = ['de', 'en'];
  return locales.flatMap((locale) => [
    { name: `welcome/personal/${locale}`, card: welcomeCard({ locale, conversationKind: 'personal' }) },
    { name: `welcome/channel/${locale}`, card: welcomeCard({ locale, conversationKind: 'channel' }) },
    { name: `welcome/groupChat/${locale}`, card: welcomeCard({ locale, conversationKind: 'groupChat' }) },
    { name: `help/${locale}`, card: helpCard({ locale }) },
    {
      name: `unknown-command/${locale}`,
      card: noticeCard({
        locale,
        tone: 'info',
        title: 'unknown.title',
        text: 'unknown.text',
        params: { text: 'xyz' },
      }),
    },
    {
      name: `error-storage/${locale}`,
      card: noticeCard({ locale, tone: 'error', title: 'error.storage.title', text: 'error.storage.text' }),
    },
    {
      name: `error-generic/${locale}`,
      card: noticeCard({ locale, tone: 'error', title: 'error.generic.title', text: 'error.generic.text' }),
    },
  ]);
}

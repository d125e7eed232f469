/** The languages the bot speaks. German is the default; English when the client says so. */
import type { Locale } from '../src/domain/locale.js';

export type { Locale };

/** Maps a Teams client locale ("en-US", "de-DE", undefined) to the bot's language. */
export function localeFrom(clientLocale: string | undefined): Locale {
  return clientLocale?.trim().toLowerCase().startsWith('en') ? 'en' : 'de';
}

/** The card's `lang` (ISO 639-1, two letters, as the Adaptive Card schema requires). */
export function cardLang(locale: Locale): string {
  return locale;
}

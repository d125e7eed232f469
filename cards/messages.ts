import { de, type MessageKey } from './i18n/de.js';
import { en } from './i18n/en.js';
import type { Locale } from './locale.js';
import { plain } from './plain.js';

export type { MessageKey };

/** The texts, German first (cards/i18n/de.ts) and English (cards/i18n/en.ts). */
const catalogs: Record<Locale, Record<MessageKey, string>> = { de, en };

/**
 * Fills a template: `{name}` with the value (through `escapeValue`), and ICU-style plurals
 * `{n, plural, one {…} other {…}}` by the language's plural rules (Intl.PluralRules), with `#`
 * for the number — "es fehlt 1 Ja-Stimme", "es fehlen 2 Ja-Stimmen".
 */
function fill(
  locale: Locale,
  template: string,
  params: Record<string, string | number>,
  escapeValue: (s: string) => string,
): string {
  const rules = new Intl.PluralRules(locale === 'en' ? 'en' : 'de');
  const plural = /\{(\w+), plural, one \{((?:[^{}]|\{\w+\})*)\} other \{((?:[^{}]|\{\w+\})*)\}\}/g;
  const withPlurals = template.replace(plural, (_, name: string, one: string, other: string) => {
    const n = Number(params[name]);
    return (rules.select(n) === 'one' ? one : other).replace(/#/g, String(n));
  });
  return withPlurals.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    return value === undefined ? `{${name}}` : typeof value === 'number' ? String(value) : escapeValue(value);
  });
}

/**
 * A text for a card: placeholders are filled with the values escaped for the card's Markdown
 * (cards/plain.ts), so a value can never format or link. For files and other plain-text
 * targets use `textOf`.
 */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return fill(locale, catalogs[locale][key], params, plain);
}

/** A text with its placeholders filled as they are: for files (Word, CSV, calendar), not cards. */
export function textOf(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return fill(locale, catalogs[locale][key], params, (s) => s);
}

/**
 * How typed commands are read: German and English words alike; case, @mentions, surrounding
 * punctuation and extra spaces do not matter. The commands themselves are in ./table.ts.
 */

/** As typed, without mention markup, invisible characters and extra white space: for quoting it back. */
export function cleanCommandText(text: string): string {
  return text
    .replace(/<at[^>]*>.*?<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s/!.]+|[\s!.]+$/g, '');
}

/** Lower-cases, removes mention markup and invisible characters, and folds white space. */
export function normalizeCommandText(text: string): string {
  return cleanCommandText(text).toLocaleLowerCase('de-DE');
}

/** A typed text, as matched (normalized) and as typed (for arguments quoted back). */
export type CommandText = { readonly normalized: string; readonly raw: string };

export function commandText(text: string | undefined): CommandText {
  const raw = text ?? '';
  return { raw, normalized: normalizeCommandText(raw) };
}

/**
 * Matches a pattern against the normalized text; `typed(n)` gives group n as the person typed it
 * (an office's name keeps its case), `group(n)` as normalized.
 */
export function matchText(
  text: CommandText,
  pattern: RegExp,
): { group: (n: number) => string | undefined; typed: (n: number) => string } | undefined {
  const m = pattern.exec(text.normalized);
  if (!m) return undefined;
  const asTyped = new RegExp(pattern.source, 'i').exec(cleanCommandText(text.raw));
  return { group: (n) => m[n], typed: (n) => asTyped?.[n] ?? m[n] ?? '' };
}

/** The choice words of a ballot recorded by command. */
export const CHOICE_WORDS = {
  ja: 'yes',
  yes: 'yes',
  nein: 'no',
  no: 'no',
  enthaltung: 'abstain',
  abstain: 'abstain',
  einspruch: 'object',
  object: 'object',
} as const;
export type ChoiceWord = keyof typeof CHOICE_WORDS;

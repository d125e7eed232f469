/**
 * What people may type into the bot's forms. Besides the length limits (limits.ts), text is
 * refused when it carries characters that change how it, or the text around it, is shown:
 * control characters (only tab and line breaks, and those only in multi-line fields; the Unicode
 * line and paragraph separators U+2028/U+2029 are refused everywhere: Azurite's transactions fail
 * on them, found by the backup test),
 * bidirectional embeddings, overrides and isolates (a title that reads differently from what
 * it says), unpaired UTF-16 surrogates (no character at all), or nothing visible at all.
 */
export const TEXT_PROBLEMS = ['controlCharacters', 'bidiControls', 'loneSurrogate', 'invisibleOnly'] as const;
export type TextProblem = (typeof TEXT_PROBLEMS)[number];

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** White space and the format characters that show nothing (zero-width space, joiners, BOM, soft hyphen…). */
const INVISIBLE = /[\s\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/gu;

export function textProblem(text: string, kind: 'line' | 'multiline'): TextProblem | undefined {
  if (text === '') return undefined;
  if (LONE_SURROGATE.test(text)) return 'loneSurrogate';
  if ((kind === 'line' ? CONTROL_LINE : CONTROL_MULTILINE).test(text)) return 'controlCharacters';
  if (BIDI.test(text)) return 'bidiControls';
  if (text.replace(INVISIBLE, '') === '') return 'invisibleOnly';
  return undefined;
}

import { describe, expect, it } from 'vitest';
import { textProblem } from '../../src/domain/text.js';

describe('textProblem: what typed text may contain', () => {
  it.each([
    ['plain German text', 'Spielplatz Gärtnerstraße – Umbau (2. BA)', 'line', undefined],
    ['emoji (a valid surrogate pair)', 'Kita 🚸 Süd', 'line', undefined],
    ['Arabic with its own direction marks', 'مدرسة \u200F1', 'line', undefined],
    ['line breaks and tabs in a multi-line field', 'Erstens\n\tZweitens\r\n', 'multiline', undefined],
    ['a line break in a one-line field', 'Titel\nZweite Zeile', 'line', 'controlCharacters'],
    ['a bell character', 'Ding\u0007', 'multiline', 'controlCharacters'],
    ['a C1 control', 'Text\u0085', 'multiline', 'controlCharacters'],
    ['DEL', 'Text\u007F', 'line', 'controlCharacters'],
    ['a Unicode line separator', 'Titel\u2028Zeile', 'line', 'controlCharacters'],
    [
      'a Unicode paragraph separator in a multi-line field',
      'Absatz\u2029Absatz',
      'multiline',
      'controlCharacters',
    ],
    ['a right-to-left override', 'Rechnung\u202Efdp.exe', 'line', 'bidiControls'],
    ['a left-to-right embedding', '\u202AText', 'multiline', 'bidiControls'],
    ['a directional isolate', 'Text\u2067x\u2069', 'line', 'bidiControls'],
    ['a lone high surrogate', 'Text \uD83D', 'line', 'loneSurrogate'],
    ['a lone low surrogate', '\uDE00 Text', 'multiline', 'loneSurrogate'],
    ['zero-width characters only', '\u200B\u200C\u200D\u2060', 'line', 'invisibleOnly'],
    ['a byte-order mark and spaces', '\uFEFF  \u00A0', 'multiline', 'invisibleOnly'],
    ['Hangul filler only', '\u3164\u3164', 'line', 'invisibleOnly'],
    ['empty (the required check is the caller’s)', '', 'line', undefined],
  ] as const)('%s', (_name, text, kind, expected) => {
    expect(textProblem(text, kind)).toBe(expected);
  });
});

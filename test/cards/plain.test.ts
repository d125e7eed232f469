import { describe, expect, it } from 'vitest';
import { linkTarget, plain } from '../../cards/plain.js';

describe('plain: user text in a card’s Markdown', () => {
  it.each([
    ['a link', '[Hier](https://evil.example)', '\\[Hier\\](https://evil.example)'],
    ['bold and italic', '**laut** _leise_', '\\*\\*laut\\*\\* \\_leise\\_'],
    ['code', '`rm -rf`', '\\`rm -rf\\`'],
    ['a backslash', 'C:\\Pfad', 'C:\\\\Pfad'],
    ['a list line', '- erstens\n+ zweitens', '\\- erstens\n\\+ zweitens'],
    ['an ordered list line', '1. Punkt', '1\\. Punkt'],
    ['a heading line', '# Groß', '\\# Groß'],
    ['a date is left alone', 'Sitzung am 10.12.2026 (verschoben)', 'Sitzung am 10.12.2026 (verschoben)'],
    ['a dash inside a line is left alone', 'Kita – Süd - Nord', 'Kita – Süd - Nord'],
  ])('%s', (_name, text, expected) => {
    expect(plain(text)).toBe(expected);
  });

  it('a link target cannot end the link early or carry Markdown', () => {
    expect(linkTarget('https://a.example/x_(y) z')).toBe('https://a.example/x%5F%28y%29%20z');
    expect(linkTarget('https://a.example/ok.pdf')).toBe('https://a.example/ok.pdf');
  });
});

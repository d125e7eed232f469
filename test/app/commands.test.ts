import { describe, expect, it } from 'vitest';
import { normalizeCommandText, parseCommand } from '../../src/app/commands.js';

describe('parseCommand', () => {
  it.each([
    ['hilfe', 'help'],
    ['Hilfe', 'help'],
    ['  HILFE  ', 'help'],
    ['help', 'help'],
    ['<at>Gremienbot</at> hilfe', 'help'],
    ['<at>Gremienbot</at>&nbsp;Help', 'help'],
    ['hilfe!', 'help'],
    ['/help', 'help'],
    ['hilfe\u200B', 'help'],
  ])('%j → %s', (text, name) => {
    expect(parseCommand(text).name).toBe(name);
  });

  it('keeps unknown text, normalized, for the answer', () => {
    expect(parseCommand('  Was   ist LOS ')).toEqual({ name: 'unknown', text: 'was ist los' });
  });

  it('treats a missing text as unknown', () => {
    expect(parseCommand(undefined)).toEqual({ name: 'unknown', text: '' });
  });

  it('folds every kind of white space', () => {
    expect(normalizeCommandText('a\t\n b')).toBe('a b');
  });
});

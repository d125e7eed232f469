import { describe, expect, it } from 'vitest';
import { normalizeCommandText } from '../../src/teams/commands/grammar.js';
import { parseCommand } from '../../src/teams/commands/table.js';

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

  it('keeps unknown text as typed (white space folded) for the answer', () => {
    expect(parseCommand('  Was   ist LOS ')).toEqual({ name: 'unknown', text: 'Was ist LOS' });
  });

  it('quotes an office as typed, whatever case matched the command', () => {
    expect(parseCommand('Anwesend Umweltamt')).toEqual({ name: 'markPresent', office: 'Umweltamt' });
    expect(parseCommand('stimmrecht gewähren Integrationsbeauftragte TOP 2')).toEqual({
      name: 'grantVote',
      office: 'Integrationsbeauftragte',
      item: 2,
    });
  });

  it('treats a missing text as unknown', () => {
    expect(parseCommand(undefined)).toEqual({ name: 'unknown', text: '' });
  });

  it('folds every kind of white space', () => {
    expect(normalizeCommandText('a\t\n b')).toBe('a b');
  });
});

describe('moving and cancelling a session, opening an Umlauf', () => {
  it.each([
    [
      'sitzung verschieben 10.12.2026 auf 17.12.2026 14:00',
      { date: '10.12.2026', toDate: '17.12.2026', toTime: '14:00' },
    ],
    [
      'Sitzung verschieben vom 10.12.2026 auf 17.12.2026 um 9:30 Uhr',
      { date: '10.12.2026', toDate: '17.12.2026', toTime: '09:30' },
    ],
    ['move session 2026-12-10 to 2026-12-17', { date: '2026-12-10', toDate: '2026-12-17', toTime: '' }],
  ])('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual({ name: 'moveSession', ...expected });
  });

  it('cancel, and the bare commands explain themselves', () => {
    expect(parseCommand('sitzung absagen am 10.12.2026')).toEqual({
      name: 'cancelSession',
      date: '10.12.2026',
    });
    expect(parseCommand('cancel session 2026-12-10')).toEqual({ name: 'cancelSession', date: '2026-12-10' });
    expect(parseCommand('sitzung verschieben').name).toBe('moveSessionUsage');
    expect(parseCommand('sitzung absagen').name).toBe('cancelSessionUsage');
    expect(parseCommand('Umlauf').name).toBe('umlauf');
    expect(parseCommand('circular vote').name).toBe('umlauf');
  });
});

import { describe, expect, it } from 'vitest';
import { helpCard } from '../../cards/help-card.js';
import { parseBody, rulesSummary } from '../../src/domain/body.js';
import { helpEntries } from '../../src/teams/commands/table.js';
import { bodyInput } from '../support/bodies.js';
import { cardText } from '../support/bot.js';

describe('the help card states the rules of the body it is asked in, from its settings', () => {
  const input = bodyInput();
  const other = parseBody(
    {
      ...input,
      name: 'AG Test',
      deadlines: { ...input.deadlines, registrationDays: 10, agendaDispatchDays: 6 },
      quorum: { fraction: '2/3', comparison: 'moreThan', base: 'allVotingMembers' },
      majority: { fraction: '1/2', comparison: 'moreThan', base: 'ballotsCast' },
    },
    'test.yaml',
  );

  it('German: the body’s deadlines, quorum and majority', () => {
    const text = cardText(helpCard({ locale: 'de', commands: helpEntries(), rules: rulesSummary(other) }));
    expect(text).toContain('Die Regeln der AG Test');
    expect(text).toContain('Themen bis 10 Tage vor der Sitzung anmelden · Tagesordnung 6 Tage vorher');
    expect(text).toContain('beschlussfähig mit mehr als 2/3 der stimmberechtigten Mitglieder');
    expect(text).toContain('Beschluss mit mehr als der Hälfte der abgegebenen Stimmen');
    expect(text).not.toContain('7 Tage');
  });

  it('English, and without a body no numbers at all', () => {
    expect(
      cardText(helpCard({ locale: 'en', commands: helpEntries(), rules: rulesSummary(other) })),
    ).toContain('Register topics up to 10 days before the session · agenda 6 days before');
    const generic = cardText(helpCard({ locale: 'de', commands: helpEntries() }));
    expect(generic).toContain('Geschäftsordnung jeder Arbeitsgruppe');
    expect(generic).not.toMatch(/\d+ Tage|2\/3/);
  });
});

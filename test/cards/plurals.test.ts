import { describe, expect, it } from 'vitest';
import { t } from '../../cards/messages.js';

describe('plurals and grammar', () => {
  it.each([
    ['de', 1, 'es fehlt 1 Ja-Stimme.'],
    ['de', 2, 'es fehlen 2 Ja-Stimmen.'],
    ['en', 1, '1 more yes vote needed.'],
    ['en', 3, '3 more yes votes needed.'],
  ] as const)('%s, %i missing', (locale, missing, text) => {
    expect(t(locale, 'tally.notReached', { missing })).toContain(text);
  });

  it('participation and the yes-votes needed agree in number', () => {
    expect(t('de', 'umlauf.participationValue', { cast: 1, of: 11, needed: 6 })).toBe(
      '1 von 11 Ämtern hat abgestimmt; nötig sind 6.',
    );
    expect(t('de', 'umlauf.participationValue', { cast: 5, of: 11, needed: 1 })).toBe(
      '5 von 11 Ämtern haben abgestimmt; nötig ist 1.',
    );
    expect(t('de', 'umlauf.required', { required: 1, base: 1 })).toBe('Nötig war 1 Ja-Stimme von 1.');
    expect(t('en', 'umlauf.required', { required: 4, base: 6 })).toBe('4 yes votes of 6 were needed.');
  });

  it('an office name needs no article', () => {
    expect(t('de', 'topic.spkNotice', { office: 'Jugendamt', session: 'Do, 10. Dez.' })).toBe(
      'Neues Thema für die Sitzung am Do, 10. Dez. – eingereicht von: Jugendamt',
    );
  });
});

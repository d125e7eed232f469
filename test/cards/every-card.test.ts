import { describe, expect, it } from 'vitest';
import { everyCard } from '../support/card-gallery.js';
import { validateCard } from '../support/card-validation.js';

describe('every card the bot can send', () => {
  const cards = everyCard();

  it('covers both languages', () => {
    expect(cards.filter((c) => c.name.endsWith('/de'))).toHaveLength(cards.length / 2);
  });

  it.each(cards)('$name parses as an Adaptive Card 1.5 without errors or warnings', ({ card }) => {
    expect(card.version).toBe('1.5');
    expect(validateCard(card)).toEqual([]);
  });

  it.each(cards)('$name stays well under the 28 KB Teams limit', ({ card }) => {
    expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(20_000);
  });
});

describe('validateCard', () => {
  it('fails a card with an unknown element (so the test above can fail)', () => {
    const problems = validateCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus' }] });
    expect(problems.length).toBeGreaterThan(0);
  });

  it('accepts Chart.* only with a fallback', () => {
    const withFallback = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Chart.Pie', data: [], fallback: { type: 'TextBlock', text: 'x' } }],
    };
    const without = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Chart.Pie', data: [] }] };
    expect(validateCard(withFallback)).toEqual([]);
    expect(validateCard(without).length).toBeGreaterThan(0);
  });
});

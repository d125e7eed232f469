import { describe, expect, it } from 'vitest';
import { spoken } from '../../cards/adaptive-card.js';
import { everyCard } from '../support/card-gallery.js';

/**
 * What BITV 2.0 / EN 301 549 ask of the bot's cards that can be checked here, over every card the
 * bot can send (the gallery, both languages). What only a person with assistive technology in
 * Teams can judge is named in docs/accessibility.md.
 */
type Node = Record<string, unknown>;

function walk(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) for (const x of node) walk(x, visit);
  else if (node && typeof node === 'object') {
    visit(node as Node);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

const cards = everyCard();

describe('every card, checked for accessibility', () => {
  it.each(cards)('$name: every input has a visible label', ({ card }) => {
    const unlabelled: string[] = [];
    walk(card, (n) => {
      if (typeof n.type === 'string' && n.type.startsWith('Input.') && !String(n.label ?? '').trim())
        unlabelled.push(String(n.id));
    });
    expect(unlabelled).toEqual([]);
  });

  it.each(cards)('$name: every chart has a text alternative that says the same counts', ({ card }) => {
    walk(card, (n) => {
      if (typeof n.type === 'string' && n.type.startsWith('Chart.')) {
        const fallback = n.fallback as Node | undefined;
        expect(fallback?.type).toBe('TextBlock');
        expect(String(fallback?.text ?? '')).toMatch(/\d/);
      }
    });
  });

  it.each(cards)('$name: colour never carries information alone, and no colour of its own', ({ card }) => {
    walk(card, (n) => {
      // A coloured text has words; a coloured container holds text (the words say it, not the colour).
      if (n.type === 'TextBlock' && n.color) expect(String(n.text).trim().length).toBeGreaterThan(0);
      if (n.type === 'Container' && n.style && n.style !== 'default' && n.style !== 'emphasis') {
        let words = 0;
        walk(n.items, (m) => {
          if (m.type === 'TextBlock' && String(m.text).trim()) words += 1;
        });
        expect(words).toBeGreaterThan(0);
      }
    });
    // Only the host's named colours (Teams keeps them at a readable contrast in every theme):
    // no hex colour anywhere in a card.
    expect(JSON.stringify(card)).not.toMatch(/#[0-9a-fA-F]{3,8}\b/);
  });

  it.each(cards)('$name: one heading at most, and nothing bigger before it', ({ card }) => {
    const order: string[] = [];
    walk(card.body, (n) => {
      if (n.type === 'TextBlock') order.push(n.style === 'heading' ? 'heading' : String(n.size ?? 'Default'));
    });
    const headings = order.filter((o) => o === 'heading').length;
    expect(headings).toBeLessThanOrEqual(1);
    const at = order.indexOf('heading');
    if (at > 0) expect(order.slice(0, at).filter((o) => o === 'Large' || o === 'ExtraLarge')).toEqual([]);
  });

  it.each(cards)('$name: says what it is (speak) in its own language', ({ card }) => {
    expect(card.lang).toMatch(/^(de|en)/);
    expect(String(card.speak ?? '').trim().length).toBeGreaterThan(0);
    expect(card.speak).not.toMatch(/\*\*|\]\(/);
  });

  it('the spoken text drops Markdown and keeps the words', () => {
    expect(spoken('**TOP 1:** [Vorlage](https://x.example/a) \\[kein Link\\]')).toBe(
      'TOP 1: Vorlage [kein Link]',
    );
  });
});

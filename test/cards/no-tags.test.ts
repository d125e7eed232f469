import { describe, expect, it } from 'vitest';
import { de } from '../../cards/i18n/de.js';
import { en } from '../../cards/i18n/en.js';

/**
 * Teams (and the Playground) drop anything in a card's text that looks like an HTML tag: a usage
 * hint "abwesend <Amt>" showed as "abwesend " (seen in the browser walkthrough's screenshot).
 * Placeholders in what users read are written ‹Amt›.
 */
describe('texts users read', () => {
  it.each([
    ['de', de],
    ['en', en],
  ] as const)('%s: nothing that looks like an HTML tag', (_lang, catalog) => {
    const tagged = Object.entries(catalog).filter(([, text]) => /<\/?[A-Za-zÄÖÜäöü][^>]*>/.test(text));
    expect(tagged).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { de } from '../../cards/i18n/de.js';
import { en } from '../../cards/i18n/en.js';

/** The placeholder names of a template: `{name}` and the number of a plural `{n, plural, …}`. */
function placeholders(template: string): string[] {
  const names = new Set<string>();
  // A plural block counts as its number's name; the words in its branches are text.
  const plural = /\{(\w+), plural, one \{((?:[^{}]|\{\w+\})*)\} other \{((?:[^{}]|\{\w+\})*)\}\}/g;
  const rest = template.replace(plural, (_, name: string, one: string, other: string) => {
    names.add(name);
    return `${one} ${other}`.replace(/#/g, '');
  });
  for (const m of rest.matchAll(/\{(\w+)\}/g)) if (m[1]) names.add(m[1]);
  return [...names].sort();
}

describe('the text catalog', () => {
  it('has the same keys in German and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
  });

  it('every English text uses exactly the placeholders of its German text', () => {
    const mismatches = Object.entries(de)
      .filter(([key, text]) => placeholders(text).join() !== placeholders(en[key as keyof typeof en]).join())
      .map(([key]) => key);
    expect(mismatches).toEqual([]);
  });
});

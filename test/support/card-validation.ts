import { createRequire } from 'node:module';

// The package's ESM build uses extensionless imports Node cannot load; its UMD bundle works.
const AC = createRequire(import.meta.url)(
  'adaptivecards/dist/adaptivecards.js',
) as typeof import('adaptivecards');

export type CardProblem = { phase: string; message: string };

/**
 * Parses a card with the Adaptive Cards reference library (schema 1.5) and returns
 * everything it reported. Teams-only `Chart.*` elements are unknown to the library;
 * they are accepted only when they carry a fallback, and only those warnings are dropped.
 */
export function validateCard(card: unknown): CardProblem[] {
  // The library validates `lang` with a global (/g) regex and .test(), which keeps
  // lastIndex between calls and rejects every second valid value; reset it per card.
  const langRegex = (AC.CardElement.langProperty as unknown as { regEx?: RegExp }).regEx;
  if (langRegex) langRegex.lastIndex = 0;
  const serializer = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card as object, serializer);
  const problems: CardProblem[] = [];
  for (let i = 0; i < serializer.eventCount; i++) {
    const event = serializer.getEventAt(i);
    const chart = /Unknown element type "(Chart\.[A-Za-z]+)"/.exec(event.message);
    if (chart && everyChartHasFallback(card, chart[1] ?? '')) continue;
    problems.push({ phase: String(event.phase), message: event.message });
  }
  for (const event of parsed.validateProperties().validationEvents) {
    problems.push({ phase: 'validate', message: event.message });
  }
  return problems;
}

function everyChartHasFallback(node: unknown, type: string): boolean {
  if (Array.isArray(node)) return node.every((n) => everyChartHasFallback(n, type));
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === type && o.fallback === undefined) return false;
    return Object.values(o).every((v) => everyChartHasFallback(v, type));
  }
  return true;
}

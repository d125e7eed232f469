import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * Keeps row keys out of telemetry. A Table Storage request names its row in the URL
 * (`…/gremien(PartitionKey='…',RowKey='member|<Entra id>')`), and a membership's row key is the
 * person's Entra object id; the Azure SDK's dependency spans carry that URL. When such a span
 * starts (before any processor exports it), its URL attributes and name keep the table and drop
 * the keys: `…/gremien(…)`. Query strings are dropped as well (a filter names keys too).
 */
const URL_KEYS = ['url.full', 'http.url', 'http.target', 'url.path'] as const;

export function redactStorageUrl(text: string): string {
  return text.replace(/\?.*$/, '').replace(/\(([^)]*)\)/g, (_, inner: string) => (inner ? '(…)' : '()'));
}

export class RedactingSpanProcessor implements SpanProcessor {
  onStart(span: Span, _parentContext: Context): void {
    for (const key of URL_KEYS) {
      const value = span.attributes[key];
      if (typeof value === 'string') span.setAttribute(key, redactStorageUrl(value));
    }
    if (span.name.includes('(')) span.updateName(redactStorageUrl(span.name));
  }
  onEnd(_span: ReadableSpan): void {}
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

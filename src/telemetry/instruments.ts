import {
  type Attributes,
  type Counter,
  type Histogram,
  metrics,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { PassReport } from '../app/notifications/scheduler-deps.js';

/**
 * The project's own spans and metrics, through the vendor-neutral OpenTelemetry API: without a
 * registered provider (local runs, tests) they cost nothing; in production
 * (src/telemetry/setup.ts) they go to Application Insights. Attributes are kinds, outcomes and
 * counts — never a name, an id of a person or typed text.
 */
const NAME = 'gremienbot';

type Instruments = {
  readonly passes: Counter;
  readonly passDuration: Histogram;
  readonly notifications: Counter;
  readonly filings: Counter;
  readonly storage: Counter;
  readonly storageDuration: Histogram;
};

// Instruments belong to the meter provider in place when they are made: made again when it changes.
let made: { meter: unknown; instruments: Instruments } | undefined;

function instruments(): Instruments {
  const meter = metrics.getMeter(NAME);
  if (made?.meter === meter) return made.instruments;
  const instruments: Instruments = {
    passes: meter.createCounter('gremienbot.scheduler.passes', {
      description: 'Scheduler passes, by outcome (ok, failed)',
    }),
    passDuration: meter.createHistogram('gremienbot.scheduler.pass.duration', {
      description: 'Duration of a scheduler pass',
      unit: 'ms',
    }),
    notifications: meter.createCounter('gremienbot.notifications', {
      description: 'Notifications by kind and outcome (sent, deferred, unknown, failed, skipped)',
    }),
    filings: meter.createCounter('gremienbot.filings', {
      description: 'Documents filed in the group drive, by outcome (filed, failed)',
    }),
    storage: meter.createCounter('gremienbot.storage.operations', {
      description: 'Table Storage operations by access (read, write) and outcome',
    }),
    storageDuration: meter.createHistogram('gremienbot.storage.duration', {
      description: 'Duration of a Table Storage operation',
      unit: 'ms',
    }),
  };
  made = { meter, instruments };
  return instruments;
}

export const tracer = () => trace.getTracer(NAME);

/** Runs `work` in a span of its own; a thrown error marks the span failed and is thrown on. */
export async function inSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (e) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: e instanceof Error ? e.name : 'error' });
      throw e;
    } finally {
      span.end();
    }
  });
}

const isFiling = (kind: string) => kind === 'fileProtocol' || kind === 'fileAgenda';

/** A scheduler pass: its outcome and duration, and what it sent, deferred, flagged and filed. */
export function observePass(report: PassReport | undefined, durationMs: number): void {
  const i = instruments();
  i.passes.add(1, { outcome: report ? 'ok' : 'failed' });
  i.passDuration.record(durationMs, { outcome: report ? 'ok' : 'failed' });
  if (!report) return;
  const span = trace.getActiveSpan();
  span?.setAttributes({
    'gremienbot.pass.due': report.due,
    'gremienbot.pass.sent': report.sent.length,
    'gremienbot.pass.skipped': report.skipped.length,
    'gremienbot.pass.deferred': report.deferred.length,
    'gremienbot.pass.flagged': report.flagged.length,
    'gremienbot.pass.busy': report.busy,
  });
  for (const s of report.sent) {
    if (isFiling(s.kind)) i.filings.add(1, { kind: s.kind, outcome: 'filed' });
    else i.notifications.add(s.recipients, { kind: s.kind, outcome: 'sent' });
  }
  for (const s of report.skipped) i.notifications.add(1, { kind: s.kind, outcome: 'skipped' });
  if (report.deferred.length > 0) i.notifications.add(report.deferred.length, { outcome: 'deferred' });
  for (const f of report.flagged) {
    if (f.recipient === 'drive') i.filings.add(1, { outcome: 'failed' });
    else i.notifications.add(1, { outcome: f.state });
  }
}

/** A document the SPK had filed at once (Entscheidungsgrundlage, report). */
export function observeFiling(kind: string, filed: boolean): void {
  instruments().filings.add(1, { kind, outcome: filed ? 'filed' : 'failed' });
}

/** One Table Storage operation: `outcome` is ok, unavailable, unknown (a write whose answer was lost) or refused (4xx). */
export function observeStorage(write: boolean, outcome: string, durationMs: number): void {
  const i = instruments();
  const attributes = { access: write ? 'write' : 'read', outcome };
  i.storage.add(1, attributes);
  i.storageDuration.record(durationMs, attributes);
}

import { ManagedIdentityCredential } from '@azure/identity';
import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { MetricReader } from '@opentelemetry/sdk-metrics';
import {
  ConsoleMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { BasicTracerProvider, ConsoleSpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Config } from '../config.js';
import { RedactingSpanProcessor } from './redact.js';

/**
 * Where traces and metrics go (`config.telemetry`): to Application Insights in production
 * (its connection string from the Bicep template, ingestion authenticated with the bot's managed
 * identity where one is configured), to the console on request (`TELEMETRY=console`), or nowhere
 * (the default locally). Started before the bot, so the Teams SDK's own spans and metrics flow
 * into the same place. Returns how to flush and stop it.
 */
export type Telemetry = { readonly kind: Config['telemetry']['kind']; shutdown(): Promise<void> };

export function startTelemetry(
  config: Pick<Config, 'telemetry' | 'auth'>,
  extra: { spanProcessors?: SpanProcessor[]; metricReaders?: MetricReader[] } = {},
): Telemetry {
  const t = config.telemetry;
  if (t.kind === 'azure-monitor') {
    // SDK self-reporting (statsbeat) and live metrics would talk to Microsoft endpoints of their own.
    process.env.APPLICATIONINSIGHTS_STATSBEAT_DISABLED ??= 'true';
    process.env.APPLICATION_INSIGHTS_NO_STATSBEAT ??= 'true';
    const clientId = config.auth.mode === 'bot-framework' ? config.auth.managedIdentityClientId : undefined;
    useAzureMonitor({
      azureMonitorExporterOptions: {
        connectionString: t.connectionString,
        ...(t.managedIdentity
          ? { credential: new ManagedIdentityCredential(clientId ? { clientId } : {}) }
          : {}),
      },
      enableLiveMetrics: false,
      // Every trace: a district's bot sees hundreds of turns a day, not thousands a second (the
      // default rate limit of 5 per second drops the first spans after a start).
      samplingRatio: 1,
      tracesPerSecond: 0,
      enableStandardMetrics: true,
      // Incoming HTTP is not traced: a download link's path is a signed token naming its holder.
      // The Azure SDK's requests are, with the row keys taken out of their URLs (redact.ts).
      instrumentationOptions: {
        http: { enabled: false },
        azureSdk: { enabled: true },
        mongoDb: { enabled: false },
        mySql: { enabled: false },
        postgreSql: { enabled: false },
        redis: { enabled: false },
        redis4: { enabled: false },
      },
      spanProcessors: [new RedactingSpanProcessor(), ...(extra.spanProcessors ?? [])],
      ...(extra.metricReaders ? { metricReaders: extra.metricReaders } : {}),
    });
    return { kind: t.kind, shutdown: () => shutdownAzureMonitor() };
  }
  if (t.kind === 'console') {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const tracerProvider = new BasicTracerProvider({
      spanProcessors: [
        new RedactingSpanProcessor(),
        new SimpleSpanProcessor(new ConsoleSpanExporter()),
        ...(extra.spanProcessors ?? []),
      ],
    });
    trace.setGlobalTracerProvider(tracerProvider);
    const meterProvider = new MeterProvider({
      readers: [
        new PeriodicExportingMetricReader({
          exporter: new ConsoleMetricExporter(),
          exportIntervalMillis: 60_000,
        }),
        ...(extra.metricReaders ?? []),
      ],
    });
    metrics.setGlobalMeterProvider(meterProvider);
    return {
      kind: t.kind,
      shutdown: async () => {
        await tracerProvider.shutdown();
        await meterProvider.shutdown();
      },
    };
  }
  return { kind: 'off', shutdown: async () => undefined };
}

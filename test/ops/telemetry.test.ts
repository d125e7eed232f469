import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import path from 'node:path';
import { rootCertificates, setDefaultCACertificates } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/load-config.js';
import { redactStorageUrl } from '../../src/telemetry/redact.js';
import { startTelemetry, type Telemetry } from '../../src/telemetry/setup.js';
import {
  eventually,
  fixture,
  postActivity,
  runScheduler,
  startTestBot,
  type TestBot,
} from '../support/bot.js';
import { devEnv } from '../support/test-env.js';

/**
 * Telemetry as production starts it: an Application Insights connection string whose ingestion
 * endpoint is a local server (never the internet). A turn and a scheduler pass later, the
 * project's spans and metrics and the Teams SDK's own arrive there; nothing personal does.
 */
const MARKER = 'Zqxjmarker';
const envelopes: { name: string; data?: { baseType?: string; baseData?: Record<string, unknown> } }[] = [];
let raw = '';
let ingestion: Server;
let telemetry: Telemetry;
let bot: TestBot;
const spans = new InMemorySpanExporter();
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 60_000 });

const tls = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/tls');
const cert = readFileSync(path.join(tls, 'loopback.crt'), 'utf8');

beforeAll(async () => {
  // The exporter speaks HTTPS only: a loopback server with a test certificate this process trusts.
  setDefaultCACertificates([...rootCertificates, cert]);
  ingestion = createServer({ cert, key: readFileSync(path.join(tls, 'loopback.key')) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const text = body.toString('utf8');
      raw += `${text}\n`;
      try {
        const parsed = JSON.parse(text) as typeof envelopes | (typeof envelopes)[number];
        envelopes.push(...(Array.isArray(parsed) ? parsed : [parsed]));
      } catch {
        // Newline-delimited envelopes.
        for (const line of text.split('\n')) if (line.trim()) envelopes.push(JSON.parse(line));
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: 1, itemsAccepted: 1, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => ingestion.listen(0, '127.0.0.1', resolve));
  const address = ingestion.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const overrides = {
    APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-1111-4222-8333-444444444444;IngestionEndpoint=https://127.0.0.1:${port}/`,
  };
  telemetry = startTelemetry(loadConfig(devEnv(overrides)), {
    spanProcessors: [new SimpleSpanProcessor(spans)],
    metricReaders: [reader],
  });
  expect(telemetry.kind).toBe('azure-monitor');
  bot = await startTestBot(overrides);
});
afterAll(async () => {
  await bot?.close();
  await new Promise<void>((resolve) => ingestion.close(() => resolve()));
});

describe('redactStorageUrl', () => {
  it('keeps the table and drops keys and filters', () => {
    expect(
      redactStorageUrl(
        "https://a.table.core.windows.net/gbgremien(PartitionKey='b%7Cx',RowKey='member%7C5a1d')",
      ),
    ).toBe('https://a.table.core.windows.net/gbgremien(…)');
    expect(redactStorageUrl("GET /devstoreaccount1/gbgremien()?$filter=PartitionKey eq 'x'")).toBe(
      'GET /devstoreaccount1/gbgremien()',
    );
  });
});

describe('telemetry (Application Insights through @azure/monitor-opentelemetry)', () => {
  it('a turn and a scheduler pass reach the ingestion endpoint: our spans and metrics and the Teams SDK’s', async () => {
    await postActivity(
      bot,
      fixture('personal-message-hilfe', {
        text: `hilfe ${MARKER}`,
        from: {
          id: `29:1${MARKER}`,
          name: `${MARKER} Person`,
          aadObjectId: '5a1d0c6e-2222-4a00-8000-000000000099',
        },
      }),
    );
    expect((await runScheduler(bot)).status).toBe(200);
    // Spans wait for the resource's attributes (the platform detectors run asynchronously).
    await eventually(
      () => spans.getFinishedSpans().some((s) => s.name === 'gremienbot.scheduler.pass'),
      15_000,
    );
    const names = spans.getFinishedSpans().map((s) => s.name);
    expect(names).toContain('gremienbot.scheduler.pass');
    expect(names).toContain('microsoft.teams.activity.process');
    await reader.forceFlush();
    const metricNames = metricExporter
      .getMetrics()
      .flatMap((m) => m.scopeMetrics.flatMap((s) => s.metrics.map((x) => x.descriptor.name)));
    expect(metricNames).toEqual(
      expect.arrayContaining([
        'gremienbot.scheduler.passes',
        'gremienbot.storage.operations',
        'microsoft.teams.activities.received',
      ]),
    );
    // Shutting down flushes every span and metric to Application Insights' exporter, and it to the endpoint.
    await telemetry.shutdown();

    // What Application Insights received.
    const sentNames = envelopes.map((e) => String(e.data?.baseData?.name ?? ''));
    expect(sentNames).toContain('gremienbot.scheduler.pass');
    expect(raw).toContain('gremienbot.storage.operations');
    expect(raw).toContain('microsoft.teams.activities.received');
    // The Azure SDK's storage requests are there, their row keys taken out of the URL.
    expect(raw).toMatch(/(gremien|conversations)\(…\)/);
    expect(raw).not.toContain('RowKey=');
    // Nothing personal: not the name, not the typed text, not the person's id.
    expect(raw).not.toContain(MARKER);
    expect(raw).not.toContain('5a1d0c6e-2222-4a00-8000-000000000099');
  }, 60_000);
});

/**
 * Started by the benchmark in a process of its own: starts the bot (local development, storage
 * on the benchmark's Azurite), waits until it is idle, and prints start-up time and memory as JSON.
 */
import { startBot } from '../../../src/bootstrap.js';
import { loadConfig } from '../../../src/load-config.js';
import { RecordingLogger } from '../../../src/ports/logger.js';

const [connectionString = ''] = process.argv.slice(2);
const server = await startBot(
  loadConfig({
    LOCAL_DEV_MODE: 'true',
    PORT: '0',
    ALLOWED_TENANT_IDS: '7e3f2b1a-0c4d-4e5f-8a9b-2d1c0e9f8a7b',
    STORAGE_CONNECTION_STRING: connectionString,
    TABLE_PREFIX: 'probe',
    LOG_LEVEL: 'error',
    SCHEDULER_INTERVAL_SECONDS: '0',
  }),
  new RecordingLogger(),
);
// From the process's start (module loading included) to listening.
const startupMs = performance.now();
await new Promise((r) => setTimeout(r, 3000));
globalThis.gc?.();
const { rss, heapUsed } = process.memoryUsage();
await server.close();
process.stdout.write(JSON.stringify({ startupMs, rssMb: rss / 2 ** 20, heapMb: heapUsed / 2 ** 20 }));
process.exit(0);

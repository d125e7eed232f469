import { ConfigError } from './config.js';
import { createConsoleLogger } from './console-logger.js';
import { loadConfig } from './load-config.js';
import { isSupportedNode } from './runtime.js';
import { startTelemetry } from './telemetry/setup.js';

/** Production entry point: configuration from the environment, fail fast, stop cleanly. */
async function main(): Promise<void> {
  if (!isSupportedNode(process.version)) {
    process.stderr.write(
      `Node.js ${process.version} is not supported: run through npm (npm start) so the project's Node.js 22 is used.\n`,
    );
    process.exit(1);
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const logger = createConsoleLogger(config.logLevel);
  // Before the bot is loaded: the Teams SDK's spans and metrics go where ours go.
  const telemetry = startTelemetry(config);
  if (telemetry.kind === 'off' && config.nodeEnv === 'production')
    logger.warn('no telemetry: set APPLICATIONINSIGHTS_CONNECTION_STRING (the template does)');
  const { startBot } = await import('./bootstrap.js');
  const server = await startBot(config, logger);
  const stop = async (signal: string) => {
    logger.info('stopping', { signal });
    await server.close();
    await telemetry.shutdown().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`Start-up failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

import { startBot } from './bootstrap.js';
import { ConfigError } from './config.js';
import { createConsoleLogger } from './console-logger.js';
import { loadConfig } from './load-config.js';
import { isSupportedNode } from './runtime.js';

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
  const server = await startBot(config, logger);
  const stop = async (signal: string) => {
    logger.info('stopping', { signal });
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`Start-up failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

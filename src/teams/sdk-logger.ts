import type { ILogger, ILoggerOptions, LogLevel } from '@microsoft/teams.common';
import type { Config } from '../config.js';
import type { Logger } from '../ports/logger.js';

/**
 * The Teams SDK's logger, routed into the bot's structured log. The SDK logs free-form
 * arguments (sometimes a whole activity or an HTTP error with its request); only short
 * strings and error names and messages are kept, so no request body, token or user text
 * reaches the log through the SDK.
 */
export function sdkLogger(logger: Logger, name: string, level: Config['logLevel']): ILogger {
  const order: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3, trace: 4 };
  const write = (l: LogLevel, args: unknown[]) => {
    if (order[l] > order[level]) return;
    const [first, ...rest] = args;
    const message = typeof first === 'string' ? first.slice(0, 200) : summarise(first);
    const context = {
      source: name,
      ...(rest.length > 0 ? { details: rest.slice(0, 3).map(summarise) } : {}),
    };
    logger[l === 'trace' ? 'debug' : l](message, context);
  };
  const self: ILogger = {
    loggerOptions: { level },
    debug: (...msg) => write('debug', msg),
    info: (...msg) => write('info', msg),
    warn: (...msg) => write('warn', msg),
    error: (...msg) => write('error', msg),
    trace: (...msg) => write('trace', msg),
    log: (l, ...msg) => write(l, msg),
    child: (child: string, _overrides?: ILoggerOptions) => sdkLogger(logger, `${name}/${child}`, level),
  };
  return self;
}

function summarise(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message.split('\n')[0]?.slice(0, 200) ?? ''}`;
  if (typeof value === 'string') return value.slice(0, 200);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return String(value);
  return `[${Array.isArray(value) ? 'array' : 'object'}]`;
}

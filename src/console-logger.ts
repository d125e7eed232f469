import { errorFacts, safeContext, scrub } from './ports/log-safety.js';
import type { Logger } from './ports/logger.js';

type Level = 'error' | 'warn' | 'info' | 'debug';
const ORDER: Record<Level, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/**
 * One JSON object per line (time, level, logger, message, context), so that no user input can
 * start a line of its own or pass for another entry. Stderr for warnings and errors.
 */
export function createConsoleLogger(level: Level, name = 'gremienbot'): Logger {
  const write = (l: Level, message: string, context?: Record<string, unknown>) => {
    if (ORDER[l] > ORDER[level]) return;
    const safe = context ? safeContext(context) : undefined;
    const line = `${safeJson({ time: new Date().toISOString(), level: l, logger: name, message: scrub(message), ...(safe ? { context: safe } : {}) })}\n`;
    (l === 'error' || l === 'warn' ? process.stderr : process.stdout).write(line);
  };
  return {
    debug: (m, c) => write('debug', m, c),
    info: (m, c) => write('info', m, c),
    warn: (m, c) => write('warn', m, c),
    error: (m, c) => write('error', m, c),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v) => (v instanceof Error ? errorFacts(v) : v));
  } catch {
    return '"<unserializable>"';
  }
}

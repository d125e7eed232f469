import type { Logger } from './ports/logger.js';

type Level = 'error' | 'warn' | 'info' | 'debug';
const ORDER: Record<Level, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** One line per entry: time, level, message and a JSON context. Stderr for warnings and errors. */
export function createConsoleLogger(level: Level, name = 'gremienbot'): Logger {
  const write = (l: Level, message: string, context?: Record<string, unknown>) => {
    if (ORDER[l] > ORDER[level]) return;
    const line = `${new Date().toISOString()} ${l.toUpperCase().padEnd(5)} [${name}] ${message}${
      context ? ` ${safeJson(context)}` : ''
    }\n`;
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
    return JSON.stringify(value, (_k, v) => (v instanceof Error ? { name: v.name, message: v.message } : v));
  } catch {
    return '"<unserializable>"';
  }
}

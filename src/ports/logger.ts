/** Structured logging port: a message plus a flat context object, never string-built secrets. */
export interface Logger {
  debug(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

/** A logger that records entries, for tests that assert something was (or was not) logged. */
export class RecordingLogger implements Logger {
  readonly entries: { level: string; message: string; context?: Record<string, unknown> }[] = [];
  debug(message: string, context?: Record<string, unknown>): void {
    this.entries.push({ level: 'debug', message, ...(context ? { context } : {}) });
  }
  info(message: string, context?: Record<string, unknown>): void {
    this.entries.push({ level: 'info', message, ...(context ? { context } : {}) });
  }
  warn(message: string, context?: Record<string, unknown>): void {
    this.entries.push({ level: 'warn', message, ...(context ? { context } : {}) });
  }
  error(message: string, context?: Record<string, unknown>): void {
    this.entries.push({ level: 'error', message, ...(context ? { context } : {}) });
  }
}

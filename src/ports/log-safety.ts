import type { Logger } from './logger.js';

/**
 * What may reach a log of an error, whatever failed: its name, the first line of its message
 * (with anything that looks like a credential removed), an HTTP status and an error code. An HTTP
 * client's error carries its request (headers with `Authorization: Bearer <the bot's token>`) and
 * response; none of that is kept.
 */
export type ErrorFacts = {
  readonly name: string;
  readonly message: string;
  readonly status?: number;
  readonly code?: string;
};

const CREDENTIAL = [
  /\bBearer\s+[A-Za-z0-9\-._~+/]+=*/gi,
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  /\b(AccountKey|SharedAccessSignature|sig|client_secret|password)=[^;&\s]+/gi,
];

/** A string with anything that looks like a token, key or signature replaced. */
export function scrub(text: string): string {
  return CREDENTIAL.reduce((t, re) => t.replace(re, '[redacted]'), text);
}

function numberIn(...values: unknown[]): number | undefined {
  for (const v of values) if (typeof v === 'number' && Number.isInteger(v)) return v;
  return undefined;
}

function get(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

export function errorFacts(error: unknown): ErrorFacts {
  const name = typeof get(error, 'name') === 'string' ? String(get(error, 'name')) : typeof error;
  const rawMessage =
    error instanceof Error || typeof get(error, 'message') === 'string'
      ? String(get(error, 'message'))
      : typeof error === 'string'
        ? error
        : '';
  const status = numberIn(
    get(error, 'status'),
    get(error, 'statusCode'),
    get(get(error, 'response'), 'status'),
    get(get(error, 'response'), 'statusCode'),
  );
  const code = get(error, 'code');
  return {
    name: scrub(name).slice(0, 80),
    message: scrub(rawMessage.split('\n')[0] ?? '').slice(0, 300),
    ...(status !== undefined ? { status } : {}),
    ...(typeof code === 'string' || typeof code === 'number'
      ? { code: scrub(String(code)).slice(0, 80) }
      : {}),
  };
}

/** Keys whose values are never logged: transport details that carry credentials or bodies. */
const DROPPED = new Set([
  'headers',
  'config',
  'request',
  'response',
  'authorization',
  'cookie',
  'set-cookie',
  'socket',
  'agent',
  'token',
  'accesstoken',
  'clientsecret',
  'secret',
  'password',
]);

function looksLikeError(value: object): boolean {
  return (
    value instanceof Error ||
    ('message' in value && ('stack' in value || 'config' in value || 'response' in value || 'code' in value))
  );
}

/** A log entry's context made safe: errors as `ErrorFacts`, transport objects dropped, strings scrubbed. */
export function safeContext(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object') return value;
  if (looksLikeError(value)) return errorFacts(value);
  if (depth >= 4) return '[object]';
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => safeContext(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (DROPPED.has(k.toLowerCase())) continue;
    out[k] = safeContext(v, depth + 1);
  }
  return out;
}

const SAFE = Symbol('log-safe');

/** A logger whose every entry passes through `safeContext` (and whose messages are scrubbed). */
export function logSafely(inner: Logger): Logger {
  if ((inner as { [SAFE]?: boolean })[SAFE]) return inner;
  const wrap =
    (level: keyof Logger) =>
    (message: string, context?: Record<string, unknown>): void => {
      inner[level](scrub(message), context ? (safeContext(context) as Record<string, unknown>) : undefined);
    };
  return Object.assign(
    { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') },
    { [SAFE]: true },
  );
}

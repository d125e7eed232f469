import { hostname } from 'node:os';
import { z } from 'zod';
import {
  type Config,
  ConfigError,
  DEFAULT_SERVICE_URLS,
  LOOPBACK_HOSTS,
  SECRET_VARIABLES,
} from './config.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const optionalText = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s === '' ? undefined : s));

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().trim().min(1, 'must not be empty').default('127.0.0.1'),
  PORT: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3978),
  LOCAL_DEV_MODE: z
    .enum(['true', 'false', '1', '0', ''], { error: 'must be "true" or "false"' })
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  CLIENT_ID: optionalText,
  CLIENT_SECRET: optionalText,
  MANAGED_IDENTITY_CLIENT_ID: optionalText,
  TENANT_ID: optionalText,
  ALLOWED_TENANT_IDS: optionalText,
  ALLOWED_SERVICE_URLS: optionalText,
  STORAGE_CONNECTION_STRING: optionalText,
  STORAGE_ACCOUNT_URL: optionalText,
  TABLE_PREFIX: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,19}$/, 'must start with a letter and have at most 20 letters or digits')
    .default('gb'),
  STORAGE_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a whole number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(100, 'must be at least 100')
    .max(60_000, 'must be at most 60000')
    .default(5000),
  BODIES_DIR: z.string().trim().min(1).default('bodies'),
  GROUP_DRIVE_DIR: optionalText,
  GROUP_DRIVE: z.enum(['graph', 'disk', 'off'], { error: 'must be graph, disk or off' }).optional(),
  SECRETARIAT_MEMBERS: optionalText,
  BODY_ADMINS: optionalText,
  LOG_LEVEL: z
    .enum(['error', 'warn', 'info', 'debug'], { error: 'must be error, warn, info or debug' })
    .default('info'),
  SCHEDULER_INTERVAL_SECONDS: z.coerce
    .number({ error: 'must be a whole number of seconds' })
    .int('must be a whole number of seconds')
    .min(0, 'must be 0 (off) or more')
    .max(3600, 'must be at most 3600')
    .default(60),
  SCHEDULER_TRIGGER_SECRET: optionalText.refine((s) => s === undefined || s.length >= 32, {
    message: 'must be at least 32 characters',
  }),
  INSTANCE_ID: optionalText,
  SEND_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a whole number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(100, 'must be at least 100')
    .max(60_000, 'must be at most 60000')
    .default(20_000),
  FILES_SIGNING_SECRET: optionalText.refine((s) => s === undefined || s.length >= 32, {
    message: 'must be at least 32 characters',
  }),
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalText.refine(
    (s) => s === undefined || /(^|;)\s*InstrumentationKey=[0-9a-f-]{36}\s*(;|$)/i.test(s),
    {
      message:
        'is not an Application Insights connection string (InstrumentationKey=<GUID>;IngestionEndpoint=…)',
    },
  ),
  TELEMETRY: z
    .enum(['azure-monitor', 'console', 'off'], { error: 'must be azure-monitor, console or off' })
    .optional(),
  TEAMS_APP_ID: optionalText.refine((s) => s === undefined || GUID.test(s), { message: 'must be a GUID' }),
  PUBLIC_BASE_URL: optionalText.refine((s) => s === undefined || /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(s), {
    message: 'must be an http(s) URL',
  }),
});

/** "ag-sro-mitte:anna@ba-mitte.berlin.de,*:5a1d0c6e-…" → body id → people. */
export function resolveSecretariat(raw: string | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const entry of (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^([a-z0-9*][a-z0-9-]*):(\S{3,320})$/.exec(entry);
    if (!match?.[1] || !match[2]) {
      throw new ConfigError(
        'SECRETARIAT_MEMBERS',
        `"${entry}" is not "<body id or *>:<object id or e-mail>"`,
      );
    }
    map.set(match[1], [...(map.get(match[1]) ?? []), match[2]]);
  }
  return map;
}

type ParsedEnv = z.infer<typeof EnvSchema>;

/**
 * The group drive: a folder where GROUP_DRIVE_DIR names one; the channel's files through Graph
 * where GROUP_DRIVE=graph, and in production unless GROUP_DRIVE=off; otherwise none.
 */
function resolveGroupDrive(e: ParsedEnv): Pick<Config, 'groupDrive'> {
  if (e.GROUP_DRIVE === 'off') return {};
  if (e.GROUP_DRIVE_DIR && e.GROUP_DRIVE !== 'graph')
    return { groupDrive: { kind: 'disk', dir: e.GROUP_DRIVE_DIR } };
  if (e.GROUP_DRIVE === 'disk') throw new ConfigError('GROUP_DRIVE', 'disk needs GROUP_DRIVE_DIR');
  if (e.GROUP_DRIVE === 'graph' || e.NODE_ENV === 'production') return { groupDrive: { kind: 'graph' } };
  return {};
}

export function resolveAuth(e: ParsedEnv): Config['auth'] {
  const anyCredential = e.CLIENT_ID ?? e.CLIENT_SECRET ?? e.TENANT_ID ?? e.MANAGED_IDENTITY_CLIENT_ID;
  if (anyCredential === undefined) {
    if (e.NODE_ENV === 'production') {
      throw new ConfigError(
        'CLIENT_ID',
        'NODE_ENV=production requires credentials (CLIENT_ID, TENANT_ID and CLIENT_SECRET or MANAGED_IDENTITY_CLIENT_ID)',
      );
    }
    if (!e.LOCAL_DEV_MODE) {
      throw new ConfigError(
        'LOCAL_DEV_MODE',
        'no credentials configured: set CLIENT_ID, TENANT_ID and CLIENT_SECRET, or LOCAL_DEV_MODE=true for an unauthenticated local run',
      );
    }
    return { mode: 'local-dev' };
  }
  if (e.LOCAL_DEV_MODE) {
    throw new ConfigError('LOCAL_DEV_MODE', 'must not be true while credentials are configured');
  }
  if (!e.CLIENT_ID) throw new ConfigError('CLIENT_ID', 'missing (the bot’s Entra app id)');
  if (!GUID.test(e.CLIENT_ID)) throw new ConfigError('CLIENT_ID', `must be a GUID (got "${e.CLIENT_ID}")`);
  if (!e.TENANT_ID) throw new ConfigError('TENANT_ID', 'missing (the tenant the bot is registered in)');
  if (!GUID.test(e.TENANT_ID)) throw new ConfigError('TENANT_ID', `must be a GUID (got "${e.TENANT_ID}")`);
  if (!e.CLIENT_SECRET && !e.MANAGED_IDENTITY_CLIENT_ID) {
    throw new ConfigError('CLIENT_SECRET', 'missing: set CLIENT_SECRET or MANAGED_IDENTITY_CLIENT_ID');
  }
  return {
    mode: 'bot-framework',
    clientId: e.CLIENT_ID,
    tenantId: e.TENANT_ID,
    ...(e.CLIENT_SECRET ? { clientSecret: e.CLIENT_SECRET } : {}),
    ...(e.MANAGED_IDENTITY_CLIENT_ID ? { managedIdentityClientId: e.MANAGED_IDENTITY_CLIENT_ID } : {}),
  };
}

export function resolveTenants(raw: string | undefined, auth: Config['auth']): string[] {
  const ids = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const id of ids) {
    if (!GUID.test(id) && !/^[0-9a-f-]{8,64}$/i.test(id)) {
      throw new ConfigError('ALLOWED_TENANT_IDS', `"${id}" is not a tenant id`);
    }
  }
  if (ids.length === 0 && auth.mode === 'bot-framework') return [auth.tenantId];
  if (ids.length === 0) {
    throw new ConfigError(
      'ALLOWED_TENANT_IDS',
      'missing: list the tenant ids the bot serves, separated by commas',
    );
  }
  return ids;
}

/** "https://smba.trafficmanager.net/,https://…" → normalised prefixes, each ending in "/". */
export function resolveServiceUrls(raw: string | undefined): string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (entries.length === 0) return [...DEFAULT_SERVICE_URLS];
  return entries.map((entry) => {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new ConfigError('ALLOWED_SERVICE_URLS', `"${entry}" is not a URL`);
    }
    if (url.protocol !== 'https:' || url.search || url.hash || url.username || url.password) {
      throw new ConfigError('ALLOWED_SERVICE_URLS', `"${entry}" must be a plain https URL`);
    }
    return `${url.origin}${url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`}`;
  });
}

/** Application Insights when its connection string is set (unless TELEMETRY says otherwise). */
function resolveTelemetry(e: z.infer<typeof EnvSchema>, auth: Config['auth']): Config['telemetry'] {
  const kind = e.TELEMETRY ?? (e.APPLICATIONINSIGHTS_CONNECTION_STRING ? 'azure-monitor' : 'off');
  if (kind === 'azure-monitor') {
    if (!e.APPLICATIONINSIGHTS_CONNECTION_STRING)
      throw new ConfigError(
        'APPLICATIONINSIGHTS_CONNECTION_STRING',
        'missing: TELEMETRY=azure-monitor needs it',
      );
    return {
      kind,
      connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING,
      // With a managed identity the ingestion is authenticated with it (the template disables local auth).
      managedIdentity: auth.mode === 'bot-framework' && auth.managedIdentityClientId !== undefined,
    };
  }
  return { kind };
}

export function resolveStorage(
  connectionString: string | undefined,
  accountUrl: string | undefined,
): Config['storage'] {
  if (connectionString && accountUrl) {
    throw new ConfigError(
      'STORAGE_ACCOUNT_URL',
      'set either STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL, not both',
    );
  }
  if (connectionString) {
    if (
      !/(^|;)\s*(AccountName|TableEndpoint)=/i.test(connectionString) &&
      connectionString !== 'UseDevelopmentStorage=true'
    ) {
      throw new ConfigError('STORAGE_CONNECTION_STRING', 'is not an Azure Storage connection string');
    }
    return { kind: 'connection-string', connectionString };
  }
  if (accountUrl) {
    let url: URL;
    try {
      url = new URL(accountUrl);
    } catch {
      throw new ConfigError('STORAGE_ACCOUNT_URL', `is not a URL (got "${accountUrl}")`);
    }
    if (url.protocol !== 'https:') throw new ConfigError('STORAGE_ACCOUNT_URL', 'must be an https URL');
    return { kind: 'account-url', accountUrl };
  }
  throw new ConfigError(
    'STORAGE_CONNECTION_STRING',
    'missing: set STORAGE_CONNECTION_STRING (or STORAGE_ACCOUNT_URL for a managed identity)',
  );
}

/**
 * Parses and cross-checks the environment.
 * @throws ConfigError with a single readable line naming the offending variable.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    const got = SECRET_VARIABLES.has(variable) ? undefined : env[variable];
    throw new ConfigError(
      variable,
      `${issue?.message ?? 'invalid'}${got === undefined ? '' : ` (got "${got}")`}`,
    );
  }
  const e = parsed.data;

  const auth = resolveAuth(e);
  if (!LOOPBACK_HOSTS.has(e.HOST)) {
    // Only a production process, which has credentials (resolveAuth), faces a network.
    if (auth.mode === 'local-dev') {
      throw new ConfigError(
        'HOST',
        `local development mode binds only to loopback (127.0.0.1), got "${e.HOST}"`,
      );
    }
    if (e.NODE_ENV !== 'production') {
      throw new ConfigError(
        'HOST',
        `listening on "${e.HOST}" (not loopback) requires NODE_ENV=production; use 127.0.0.1 for development and tests`,
      );
    }
  }
  if (e.NODE_ENV === 'production') {
    if (!e.FILES_SIGNING_SECRET) {
      throw new ConfigError(
        'FILES_SIGNING_SECRET',
        'missing: production needs a key of at least 32 characters, the same on every instance, to sign download links',
      );
    }
    if (!e.PUBLIC_BASE_URL?.startsWith('https://')) {
      throw new ConfigError(
        'PUBLIC_BASE_URL',
        'missing: production needs the bot’s public https address, for download links',
      );
    }
  }

  const allowedTenantIds = resolveTenants(e.ALLOWED_TENANT_IDS, auth);
  const storage = resolveStorage(e.STORAGE_CONNECTION_STRING, e.STORAGE_ACCOUNT_URL);

  return {
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    auth,
    allowedTenantIds,
    allowedServiceUrls: resolveServiceUrls(e.ALLOWED_SERVICE_URLS),
    storage,
    tablePrefix: e.TABLE_PREFIX,
    storageTimeoutMs: e.STORAGE_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    bodiesDir: e.BODIES_DIR,
    ...resolveGroupDrive(e),
    secretariatMembers: resolveSecretariat(e.SECRETARIAT_MEMBERS),
    bodyAdmins: (e.BODY_ADMINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length >= 3),
    ...(e.FILES_SIGNING_SECRET ? { filesSigningSecret: e.FILES_SIGNING_SECRET } : {}),
    ...(e.PUBLIC_BASE_URL ? { publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/+$/, '') } : {}),
    ...((e.TEAMS_APP_ID ?? e.CLIENT_ID) ? { teamsAppId: e.TEAMS_APP_ID ?? e.CLIENT_ID } : {}),
    telemetry: resolveTelemetry(e, auth),
    scheduler: {
      intervalSeconds: e.SCHEDULER_INTERVAL_SECONDS,
      ...(e.SCHEDULER_TRIGGER_SECRET ? { triggerSecret: e.SCHEDULER_TRIGGER_SECRET } : {}),
      instanceId: e.INSTANCE_ID ?? `${hostname()}-${process.pid}`,
      sendTimeoutMs: e.SEND_TIMEOUT_MS,
    },
  };
}

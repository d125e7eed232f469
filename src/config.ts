/**
 * The bot's configuration, read once from the environment at start-up.
 * Every rule about which combinations are allowed lives here, so a misconfigured
 * process stops before it binds a port or touches storage.
 */
export type Config = {
  readonly nodeEnv: 'development' | 'test' | 'production';
  readonly host: string;
  readonly port: number;
  /** `bot-framework`: every request carries a validated JWT. `local-dev`: unauthenticated, loopback only. */
  readonly auth:
    | {
        readonly mode: 'bot-framework';
        readonly clientId: string;
        readonly clientSecret?: string;
        readonly managedIdentityClientId?: string;
        readonly tenantId: string;
      }
    | { readonly mode: 'local-dev' };
  readonly allowedTenantIds: readonly string[];
  /**
   * Where the Bot Connector may live: an activity whose serviceUrl is not under one of these
   * is refused and never stored (replies would carry the bot's token there). Local
   * development adds loopback, for the Agents Playground.
   */
  readonly allowedServiceUrls: readonly string[];
  readonly storage:
    | { readonly kind: 'connection-string'; readonly connectionString: string }
    | { readonly kind: 'account-url'; readonly accountUrl: string };
  readonly tablePrefix: string;
  readonly storageTimeoutMs: number;
  readonly logLevel: 'error' | 'warn' | 'info' | 'debug';
  /** Folder with one YAML file per body. */
  readonly bodiesDir: string;
  /** Extra SPK people per body id ("*" for every body), by Entra object id or UPN/e-mail. */
  readonly secretariatMembers: ReadonlyMap<string, readonly string[]>;
  /** People who may create working groups in any district (Entra object id or UPN/e-mail). */
  readonly bodyAdmins: readonly string[];
  /** Signs download links (calendar invites); a random per-process key in local development. */
  readonly filesSigningSecret?: string;
  /**
   * Where released protocols are filed (000 §6): a folder on disk (local development, a mounted
   * share), or the linked channel's files through Microsoft Graph (production's default). Absent:
   * nothing is filed.
   */
  readonly groupDrive?: { readonly kind: 'disk'; readonly dir: string } | { readonly kind: 'graph' };
  /** The bot's public https address, for download links (default: the address it listens on). */
  readonly publicBaseUrl?: string;
  /**
   * The Teams app's id (the manifest's `id`; default: the bot's CLIENT_ID, as `npm run package`
   * makes it): the in-meeting notification of a channel meeting names the app whose page it shows.
   */
  readonly teamsAppId?: string;
  /**
   * Where traces and metrics go (src/telemetry/setup.ts): Application Insights (its connection
   * string; ingestion authenticated with the managed identity where the bot has one), the console
   * on request, or nowhere.
   */
  readonly telemetry:
    | { readonly kind: 'azure-monitor'; readonly connectionString: string; readonly managedIdentity: boolean }
    | { readonly kind: 'console' }
    | { readonly kind: 'off' };
  readonly scheduler: {
    /** Seconds between in-process passes; 0 leaves passes to the trigger endpoint. */
    readonly intervalSeconds: number;
    /** Shared secret of the HMAC-signed trigger endpoint; without it (outside local development) the endpoint is off. */
    readonly triggerSecret?: string;
    /** Names this instance in notification leases. */
    readonly instanceId: string;
    /** Upper bound for one outbound send (token request included); past it the send is recorded unknown. */
    readonly sendTimeoutMs: number;
  };
};

/** Thrown for an invalid environment; `message` is one line that names the variable. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Configuration error: ${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

export const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** The Bot Connector of the Teams public cloud (every region is a path below it). */
export const DEFAULT_SERVICE_URLS = ['https://smba.trafficmanager.net/'] as const;

/**
 * Variables whose values are never repeated in an error message or a log line: secrets, and
 * connection strings (they hold account keys). Every other variable's value is quoted.
 */
export const SECRET_VARIABLES = new Set([
  'CLIENT_SECRET',
  'SCHEDULER_TRIGGER_SECRET',
  'FILES_SIGNING_SECRET',
  'STORAGE_CONNECTION_STRING',
]);

/** Settings production cannot run without (infra/main.bicep must set each; a test checks). */
export const PRODUCTION_REQUIRED = [
  'NODE_ENV',
  'CLIENT_ID',
  'TENANT_ID',
  'STORAGE_ACCOUNT_URL|STORAGE_CONNECTION_STRING',
  'CLIENT_SECRET|MANAGED_IDENTITY_CLIENT_ID',
  'FILES_SIGNING_SECRET',
  'PUBLIC_BASE_URL',
] as const;

import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config.js';
import { loadConfig } from '../src/load-config.js';

const STORAGE =
  'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;';
const TENANT = '7e3f2b1a-0c4d-4e5f-8a9b-2d1c0e9f8a7b';
const CLIENT = '0c1b2a39-8e7d-4c6b-9a5f-4e3d2c1b0a99';
const dev = { LOCAL_DEV_MODE: 'true', ALLOWED_TENANT_IDS: TENANT, STORAGE_CONNECTION_STRING: STORAGE };
const prod = {
  NODE_ENV: 'production',
  CLIENT_ID: CLIENT,
  CLIENT_SECRET: 's3cret',
  TENANT_ID: TENANT,
  STORAGE_CONNECTION_STRING: STORAGE,
  FILES_SIGNING_SECRET: 'files-signing-secret-0123456789abcdef',
  PUBLIC_BASE_URL: 'https://gremienbot.example.org',
};

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('accepts a local development environment with defaults', () => {
    const config = loadConfig(dev);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3978,
      auth: { mode: 'local-dev' },
      allowedTenantIds: [TENANT],
      tablePrefix: 'gb',
      storageTimeoutMs: 5000,
    });
  });

  it('accepts production credentials and defaults the tenant allow-list to TENANT_ID', () => {
    const config = loadConfig(prod);
    expect(config.auth).toEqual({
      mode: 'bot-framework',
      clientId: CLIENT,
      clientSecret: 's3cret',
      tenantId: TENANT,
    });
    expect(config.allowedTenantIds).toEqual([TENANT]);
  });

  it('telemetry: off unless asked for; Application Insights by its connection string, with the managed identity where there is one', () => {
    expect(loadConfig(dev).telemetry).toEqual({ kind: 'off' });
    expect(loadConfig({ ...dev, TELEMETRY: 'console' }).telemetry).toEqual({ kind: 'console' });
    const cs =
      'InstrumentationKey=00000000-1111-4222-8333-444444444444;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/';
    expect(loadConfig({ ...prod, APPLICATIONINSIGHTS_CONNECTION_STRING: cs }).telemetry).toEqual({
      kind: 'azure-monitor',
      connectionString: cs,
      managedIdentity: false,
    });
    const { CLIENT_SECRET: _secret, ...withIdentity } = prod;
    expect(
      loadConfig({
        ...withIdentity,
        MANAGED_IDENTITY_CLIENT_ID: CLIENT,
        APPLICATIONINSIGHTS_CONNECTION_STRING: cs,
      }).telemetry,
    ).toMatchObject({ kind: 'azure-monitor', managedIdentity: true });
    expect(
      loadConfig({ ...prod, APPLICATIONINSIGHTS_CONNECTION_STRING: cs, TELEMETRY: 'off' }).telemetry,
    ).toEqual({
      kind: 'off',
    });
    expect(
      errorOf({ ...dev, APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=nope' }).variable,
    ).toBe('APPLICATIONINSIGHTS_CONNECTION_STRING');
    expect(errorOf({ ...dev, TELEMETRY: 'azure-monitor' }).message).toContain('needs it');
    expect(errorOf({ ...dev, TELEMETRY: 'jaeger' }).variable).toBe('TELEMETRY');
  });

  it('accepts a managed identity instead of a secret', () => {
    const { CLIENT_SECRET: _, ...rest } = prod;
    expect(loadConfig({ ...rest, MANAGED_IDENTITY_CLIENT_ID: CLIENT }).auth).toMatchObject({
      managedIdentityClientId: CLIENT,
    });
  });

  const cases: { name: string; env: Record<string, string>; variable: string; message: RegExp }[] = [
    {
      name: 'port is not a number',
      env: { ...dev, PORT: 'abc' },
      variable: 'PORT',
      message: /whole number.*got "abc"/,
    },
    {
      name: 'port out of range',
      env: { ...dev, PORT: '70000' },
      variable: 'PORT',
      message: /between 0 and 65535/,
    },
    {
      name: 'unknown NODE_ENV',
      env: { ...dev, NODE_ENV: 'staging' },
      variable: 'NODE_ENV',
      message: /got "staging"/,
    },
    {
      name: 'LOCAL_DEV_MODE not a boolean',
      env: { ...dev, LOCAL_DEV_MODE: 'yes' },
      variable: 'LOCAL_DEV_MODE',
      message: /"true" or "false"/,
    },
    {
      name: 'production without credentials',
      env: { NODE_ENV: 'production', STORAGE_CONNECTION_STRING: STORAGE, ALLOWED_TENANT_IDS: TENANT },
      variable: 'CLIENT_ID',
      message: /production requires credentials/,
    },
    {
      name: 'production with LOCAL_DEV_MODE',
      env: { ...dev, NODE_ENV: 'production' },
      variable: 'CLIENT_ID',
      message: /production requires credentials/,
    },
    {
      name: 'no credentials and no dev mode',
      env: { STORAGE_CONNECTION_STRING: STORAGE, ALLOWED_TENANT_IDS: TENANT },
      variable: 'LOCAL_DEV_MODE',
      message: /no credentials configured/,
    },
    {
      name: 'dev mode on all interfaces',
      env: { ...dev, HOST: '0.0.0.0' },
      variable: 'HOST',
      message: /loopback/,
    },
    {
      name: 'dev mode together with credentials',
      env: { ...prod, NODE_ENV: 'development', LOCAL_DEV_MODE: 'true' },
      variable: 'LOCAL_DEV_MODE',
      message: /must not be true/,
    },
    { name: 'client id missing', env: { ...prod, CLIENT_ID: '' }, variable: 'CLIENT_ID', message: /missing/ },
    {
      name: 'client id not a GUID',
      env: { ...prod, CLIENT_ID: 'bot' },
      variable: 'CLIENT_ID',
      message: /GUID/,
    },
    { name: 'tenant id missing', env: { ...prod, TENANT_ID: '' }, variable: 'TENANT_ID', message: /missing/ },
    {
      name: 'no secret and no managed identity',
      env: { ...prod, CLIENT_SECRET: '' },
      variable: 'CLIENT_SECRET',
      message: /MANAGED_IDENTITY_CLIENT_ID/,
    },
    {
      name: 'no tenant allow-list in dev mode',
      env: { ...dev, ALLOWED_TENANT_IDS: '' },
      variable: 'ALLOWED_TENANT_IDS',
      message: /missing/,
    },
    {
      name: 'tenant allow-list entry malformed',
      env: { ...dev, ALLOWED_TENANT_IDS: `${TENANT},not a tenant` },
      variable: 'ALLOWED_TENANT_IDS',
      message: /not a tenant id/,
    },
    {
      name: 'no storage',
      env: { LOCAL_DEV_MODE: 'true', ALLOWED_TENANT_IDS: TENANT },
      variable: 'STORAGE_CONNECTION_STRING',
      message: /missing/,
    },
    {
      name: 'storage string malformed',
      env: { ...dev, STORAGE_CONNECTION_STRING: 'hello' },
      variable: 'STORAGE_CONNECTION_STRING',
      message: /not an Azure Storage connection string/,
    },
    {
      name: 'both storage settings',
      env: { ...dev, STORAGE_ACCOUNT_URL: 'https://x.table.core.windows.net' },
      variable: 'STORAGE_ACCOUNT_URL',
      message: /not both/,
    },
    {
      name: 'storage URL over http',
      env: {
        LOCAL_DEV_MODE: 'true',
        ALLOWED_TENANT_IDS: TENANT,
        STORAGE_ACCOUNT_URL: 'http://x.table.core.windows.net',
      },
      variable: 'STORAGE_ACCOUNT_URL',
      message: /https/,
    },
    {
      name: 'table prefix with symbols',
      env: { ...dev, TABLE_PREFIX: 'gb-1' },
      variable: 'TABLE_PREFIX',
      message: /letters or digits/,
    },
    {
      name: 'storage timeout too small',
      env: { ...dev, STORAGE_TIMEOUT_MS: '5' },
      variable: 'STORAGE_TIMEOUT_MS',
      message: /at least 100/,
    },
    {
      name: 'credentials on all interfaces outside production',
      env: { ...prod, NODE_ENV: 'development', HOST: '0.0.0.0' },
      variable: 'HOST',
      message: /requires NODE_ENV=production/,
    },
    {
      name: 'production without a files signing key',
      env: { ...prod, FILES_SIGNING_SECRET: '' },
      variable: 'FILES_SIGNING_SECRET',
      message: /missing/,
    },
    {
      name: 'production without a public https address',
      env: { ...prod, PUBLIC_BASE_URL: 'http://gremienbot.example.org' },
      variable: 'PUBLIC_BASE_URL',
      message: /https/,
    },
    {
      name: 'a service URL over http',
      env: { ...dev, ALLOWED_SERVICE_URLS: 'http://smba.trafficmanager.net/' },
      variable: 'ALLOWED_SERVICE_URLS',
      message: /plain https URL/,
    },
    {
      name: 'unknown log level',
      env: { ...dev, LOG_LEVEL: 'verbose' },
      variable: 'LOG_LEVEL',
      message: /error, warn, info or debug/,
    },
  ];

  it.each(cases)('rejects: $name', ({ env, variable, message }) => {
    const error = errorOf(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`Configuration error: ${variable}: `)).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  it('accepts production on all interfaces, and lists the Teams connector by default', () => {
    const config = loadConfig({ ...prod, HOST: '0.0.0.0' });
    expect(config.host).toBe('0.0.0.0');
    expect(config.allowedServiceUrls).toEqual(['https://smba.trafficmanager.net/']);
    expect(
      loadConfig({ ...prod, ALLOWED_SERVICE_URLS: 'https://a.example/x, https://b.example' })
        .allowedServiceUrls,
    ).toEqual(['https://a.example/x/', 'https://b.example/']);
  });

  const secrets = {
    SCHEDULER_TRIGGER_SECRET: 'too-short-trigger-secret',
    FILES_SIGNING_SECRET: 'too-short-files-secret',
    STORAGE_CONNECTION_STRING: 'AccountKey=c2VjcmV0LWtleQ==',
  } as const;
  it.each(Object.entries(secrets))('never repeats the value of %s in its error', (variable, value) => {
    const error = errorOf({ ...prod, [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message).not.toContain(value);
  });
});

describe('the group drive', () => {
  it('production files through Graph unless turned off; a folder where one is named; none locally by default', () => {
    expect(loadConfig(prod).groupDrive).toEqual({ kind: 'graph' });
    expect(loadConfig({ ...prod, GROUP_DRIVE: 'off' }).groupDrive).toBeUndefined();
    expect(loadConfig({ ...prod, GROUP_DRIVE_DIR: '/mnt/share' }).groupDrive).toEqual({
      kind: 'disk',
      dir: '/mnt/share',
    });
    expect(loadConfig(dev).groupDrive).toBeUndefined();
    expect(loadConfig({ ...dev, GROUP_DRIVE_DIR: '.data/gruppenlaufwerk' }).groupDrive).toEqual({
      kind: 'disk',
      dir: '.data/gruppenlaufwerk',
    });
    expect(errorOf({ ...dev, GROUP_DRIVE: 'disk' }).message).toContain('GROUP_DRIVE');
    expect(errorOf({ ...dev, GROUP_DRIVE: 'cloud' }).message).toContain('graph, disk or off');
  });
});

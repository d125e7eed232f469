import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PRODUCTION_REQUIRED } from '../../src/config.js';
import { loadConfig } from '../../src/load-config.js';

const template = readFileSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../infra/main.bicep'),
  'utf8',
);

/** The web app's settings as the template writes them: name → value expression. */
function appSettings(): Map<string, string> {
  const settings = new Map<string, string>();
  for (const match of template.matchAll(/\{\s*name:\s*'([A-Z0-9_]+)',\s*value:\s*(.+?)\s*\}\s*$/gm)) {
    settings.set(match[1] ?? '', match[2] ?? '');
  }
  return settings;
}

const SECRETS = [
  'CLIENT_SECRET',
  'SCHEDULER_TRIGGER_SECRET',
  'FILES_SIGNING_SECRET',
  'STORAGE_CONNECTION_STRING',
];

describe('infra/main.bicep', () => {
  const settings = appSettings();

  it('names the first SPK of a fresh deployment and where the body files are', () => {
    expect(template).toMatch(/param firstSpk string/);
    expect(settings.get('SECRETARIAT_MEMBERS')).toContain('firstSpk');
    expect(settings.get('BODIES_DIR')).toBe("'bodies'");
  });

  it('sets every variable production requires', () => {
    expect(settings.get('NODE_ENV')).toBe("'production'");
    for (const required of PRODUCTION_REQUIRED) {
      const alternatives = required.split('|');
      expect(
        alternatives.some((name) => settings.has(name)),
        `${required} is not set`,
      ).toBe(true);
    }
  });

  it('keeps secrets in Key Vault: a secret setting is only ever a Key Vault reference', () => {
    for (const name of SECRETS) {
      const value = settings.get(name);
      if (value !== undefined)
        expect(value, name).toMatch(/^'@Microsoft\.KeyVault\(SecretUri=\$\{[^}]+\}\)'$/);
    }
    expect(template).toMatch(
      /@secure\(\)\s*\nparam filesSigningSecret string = '\$\{newGuid\(\)\}\$\{newGuid\(\)\}'/,
    );
    expect(template).toMatch(/keyVaultReferenceIdentity: identity\.id/);
    // The identity may read secrets (Key Vault Secrets User), nothing more.
    expect(template).toContain("'4633458b-17de-408a-b874-0445c86b69e6'");
  });

  it('the settings it writes are a configuration the bot starts with', () => {
    const guid = '0c1b2a39-8e7d-4c6b-9a5f-4e3d2c1b0a99';
    const env: Record<string, string> = {};
    for (const [name, value] of settings) {
      env[name] = value
        .replace(/^'|'$/g, '')
        .replace(/^@Microsoft\.KeyVault\(.*\)$/, 'resolved-by-app-service-0123456789abcdef-0123456789')
        .replace(/identity\.properties\.clientId|subscription\(\)\.tenantId|allowedTenantIds/g, guid)
        .replace(/storage\.properties\.primaryEndpoints\.table/, 'https://gbstore.table.core.windows.net/')
        .replace(/\$\{siteName\}/g, 'gb-bot-abc')
        .replace(
          /^appInsights\.properties\.ConnectionString$/,
          'InstrumentationKey=00000000-1111-4222-8333-444444444444;IngestionEndpoint=https://germanywestcentral-1.in.applicationinsights.azure.com/',
        )
        // The operator's first SPK, as the template turns it into the setting.
        .replace(/^contains\(firstSpk.*$/, '*:sabine.petersen@bezirksamt.example');
    }
    const config = loadConfig(env);
    expect(config.nodeEnv).toBe('production');
    expect(config.auth.mode).toBe('bot-framework');
    expect(config.publicBaseUrl).toBe('https://gb-bot-abc.azurewebsites.net');
    expect(config.filesSigningSecret).toBeDefined();
    expect(config.secretariatMembers.get('*')).toEqual(['sabine.petersen@bezirksamt.example']);
    // Protocols are filed in the channels' files through Graph (permission: infra/README.md).
    expect(config.groupDrive).toEqual({ kind: 'graph' });
    // Telemetry to Application Insights, sent with the managed identity (local auth is off).
    expect(config.telemetry).toMatchObject({ kind: 'azure-monitor', managedIdentity: true });
  });

  it('watches the bot: Application Insights with local auth off, the identity publishing, alerts to the operator', () => {
    expect(settings.get('APPLICATIONINSIGHTS_CONNECTION_STRING')).toBe(
      'appInsights.properties.ConnectionString',
    );
    expect(template).toMatch(
      /resource appInsights 'Microsoft\.Insights\/components@[^']+' = \{[\s\S]*?DisableLocalAuth: true/,
    );
    // Monitoring Metrics Publisher on Application Insights, for the managed identity.
    expect(template).toContain("'3913510d-42f4-4e42-8a64-420c390055eb'");
    expect(template).toMatch(/scope: appInsights[\s\S]*?monitoringMetricsPublisher/);
    expect(template).toMatch(/param alertEmail string/);
    expect(template).toMatch(/healthCheckPath: '\/healthz'/);
    for (const metric of ['HealthCheckStatus', 'Http5xx'])
      expect(template).toContain(`metricName: '${metric}'`);
    // The log alert counts exactly the metrics and outcomes the bot records (src/telemetry/instruments.ts).
    const query = /query: '([^']+)'/.exec(template)?.[1] ?? '';
    for (const name of ['gremienbot.notifications', 'gremienbot.filings', 'gremienbot.scheduler.passes'])
      expect(query).toContain(`"${name}"`);
    expect(query).toContain('"failed", "unknown"');
    // Every alert rule sends to the action group.
    const rules =
      template.match(/resource \w+ 'Microsoft\.Insights\/(metricAlerts|scheduledQueryRules)@/g) ?? [];
    expect(rules).toHaveLength(3);
    expect(template.match(/actionGroupId: alerts\.id|actionGroups: \[alerts\.id\]/g)).toHaveLength(3);
  });

  it('azd up: azure.yaml deploys the service the template tags, and packages the Teams app with its output', () => {
    const azure = readFileSync(
      path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../azure.yaml'),
      'utf8',
    );
    expect(azure).toMatch(/path: infra\s+module: main/);
    expect(azure).toMatch(/services:\s+bot:/);
    expect(template).toContain("tags: { 'azd-service-name': 'bot' }");
    expect(azure).toContain('run: npm run package');
    expect(template).toMatch(/output BOT_ID string/);
    const parameters = JSON.parse(
      readFileSync(
        path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../infra/main.parameters.json'),
        'utf8',
      ),
    ) as { parameters: Record<string, unknown> };
    // What only the operator knows is asked for, not written down.
    expect(Object.keys(parameters.parameters).sort()).toEqual(['location', 'name']);
    for (const asked of ['firstSpk', 'alertEmail'])
      expect(template).toMatch(new RegExp(`param ${asked} string\n`));
  });
});

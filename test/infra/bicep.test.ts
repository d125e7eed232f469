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
  });
});

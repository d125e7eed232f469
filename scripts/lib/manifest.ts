import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const manifestDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../manifest');

export type ManifestValues = {
  TEAMS_APP_ID: string;
  BOT_ID: string;
  APP_VERSION: string;
  DEVELOPER_NAME: string;
  WEBSITE_URL: string;
  PRIVACY_URL: string;
  TERMS_URL: string;
  /**
   * The bot's public host (e.g. gremienbot.azurewebsites.net): the page the in-meeting
   * notification shows is served there, and Teams frames only pages of the app's valid domains.
   */
  BOT_DOMAIN?: string;
};

/** A host name as the manifest's validDomains takes it (no scheme, path, port or wildcard). */
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** Fills the `${{NAME}}` placeholders of manifest/manifest.json; an unknown placeholder is an error. */
export function renderManifest(values: ManifestValues): Record<string, unknown> {
  const template = readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8');
  const rendered = template.replace(/\$\{\{([A-Z_]+)\}\}/g, (_, name: string) => {
    const value = (values as Record<string, string>)[name];
    if (value === undefined) throw new Error(`manifest placeholder \${{${name}}} has no value`);
    return JSON.stringify(value).slice(1, -1);
  });
  const manifest = JSON.parse(rendered) as Record<string, unknown>;
  if (values.BOT_DOMAIN !== undefined) {
    if (!HOST.test(values.BOT_DOMAIN)) throw new Error(`BOT_DOMAIN is not a host name: ${values.BOT_DOMAIN}`);
    manifest.validDomains = [values.BOT_DOMAIN];
  }
  return manifest;
}

export function readLocalization(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(manifestDir, file), 'utf8')) as Record<string, unknown>;
}

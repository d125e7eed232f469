/**
 * `npm run package`: builds the Teams app package (manifest/build/gremienbot.zip) from
 * manifest/, filling placeholders from the environment:
 *   BOT_ID (required: the bot's Entra app id, usually CLIENT_ID), TEAMS_APP_ID (defaults to BOT_ID),
 *   APP_VERSION (package.json), DEVELOPER_NAME, WEBSITE_URL, PRIVACY_URL, TERMS_URL,
 *   BOT_DOMAIN (defaults to the host of PUBLIC_BASE_URL, or of azd's `endpoint` output).
 */
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { manifestDir, renderManifest } from './lib/manifest.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const env = process.env;
const botId = env.BOT_ID ?? env.CLIENT_ID;
if (!botId || !GUID.test(botId)) {
  process.stderr.write('BOT_ID: set it to the bot’s Entra app id (a GUID), e.g. BOT_ID=… npm run package\n');
  process.exit(1);
}
const pkg = JSON.parse(readFileSync(path.join(manifestDir, '../package.json'), 'utf8')) as {
  version: string;
};
// Where the bot is reachable: the in-meeting notification's page is served there (validDomains).
const hostOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).hostname : undefined;
  } catch {
    return undefined;
  }
};
const botDomain = env.BOT_DOMAIN ?? hostOf(env.PUBLIC_BASE_URL) ?? hostOf(env.endpoint);
if (!botDomain)
  process.stderr.write(
    'BOT_DOMAIN (or PUBLIC_BASE_URL) not set: without it Teams will not show the in-meeting notification of a vote (the vote card in the meeting chat still comes).\n',
  );
const manifest = renderManifest({
  ...(botDomain ? { BOT_DOMAIN: botDomain } : {}),
  BOT_ID: botId,
  TEAMS_APP_ID: env.TEAMS_APP_ID ?? botId,
  APP_VERSION: env.APP_VERSION ?? pkg.version,
  DEVELOPER_NAME: env.DEVELOPER_NAME ?? 'Bezirksamt – Sozialraumorientierte Planungskoordination',
  WEBSITE_URL: env.WEBSITE_URL ?? 'https://www.berlin.de/',
  PRIVACY_URL: env.PRIVACY_URL ?? 'https://www.berlin.de/datenschutzerklaerung/',
  TERMS_URL: env.TERMS_URL ?? 'https://www.berlin.de/impressum/',
});

const out = path.join(manifestDir, 'build');
mkdirSync(out, { recursive: true });
const zip = new yazl.ZipFile();
zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), 'manifest.json');
for (const file of ['color.png', 'outline.png', 'en.json']) zip.addFile(path.join(manifestDir, file), file);
zip.end();
const target = path.join(out, 'gremienbot.zip');
zip.outputStream.pipe(createWriteStream(target)).on('close', () => process.stdout.write(`${target}\n`));

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { manifestDir, readLocalization, renderManifest } from '../../scripts/lib/manifest.js';
import { decodePng } from '../../scripts/lib/png.js';
import { helpEntries, parseCommand } from '../../src/teams/commands/table.js';

// Both are CommonJS modules that also export themselves as `default`.
const Ajv = AjvDraft04.default;
const addFormats = ajvFormats.default;
const require = createRequire(import.meta.url);
const schemaDir = path.join(
  path.dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build/json-schemas/teams/v1.25',
);
const loadSchema = (name: string) => JSON.parse(readFileSync(path.join(schemaDir, name), 'utf8')) as object;

function validator(schemaFile: string) {
  // unicodeRegExp off: one pattern in the official localization schema is invalid under the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(loadSchema(schemaFile));
}

const manifest = renderManifest({
  TEAMS_APP_ID: '3f6b8a2c-1d4e-4f5a-9b6c-7d8e9f0a1b2c',
  BOT_ID: '0c1b2a39-8e7d-4c6b-9a5f-4e3d2c1b0a99',
  APP_VERSION: '1.0.0',
  DEVELOPER_NAME: 'Bezirksamt',
  WEBSITE_URL: 'https://www.berlin.de/',
  PRIVACY_URL: 'https://www.berlin.de/datenschutzerklaerung/',
  TERMS_URL: 'https://www.berlin.de/impressum/',
}) as {
  bots: { scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
  localizationInfo: { additionalLanguages: { file: string }[] };
};

const COMMANDS_IN_HELP = helpEntries();

describe('Teams app manifest', () => {
  it('validates against the official v1.25 schema', () => {
    const validate = validator('MicrosoftTeams.schema.json');
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('would reject a broken manifest (the schema check can fail)', () => {
    const validate = validator('MicrosoftTeams.schema.json');
    expect(validate({ ...manifest, accentColor: 'blue', id: 'not-a-guid' })).toBe(false);
  });

  it('offers the bot in personal chats, teams and group chats', () => {
    expect(manifest.bots[0]?.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
  });

  it('has an English localization that validates and covers every command', () => {
    const validate = validator('MicrosoftTeams.Localization.schema.json');
    const en = readLocalization('en.json');
    expect(validate(en)).toBe(true);
    manifest.bots[0]?.commandLists.forEach((list, l) => {
      list.commands.forEach((_, i) => {
        expect(en[`bots[0].commandLists[${l}].commands[${i}].title`]).toBeTypeOf('string');
      });
    });
  });

  it('suggests at most 10 commands per list, each from the help card in German and English, each known to the parser', () => {
    const en = readLocalization('en.json');
    manifest.bots[0]?.commandLists.forEach((list, l) => {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      list.commands.forEach((command, i) => {
        const entry = COMMANDS_IN_HELP.find((c) => c.de === command.title);
        expect(entry, command.title).toBeDefined();
        expect(en[`bots[0].commandLists[${l}].commands[${i}].title`]).toBe(entry?.en);
      });
    });
    for (const entry of COMMANDS_IN_HELP) {
      expect(parseCommand(entry.de).name).toBe(entry.command);
      expect(parseCommand(entry.en).name).toBe(entry.command);
    }
  });

  it('has a 192×192 colour icon and a 32×32 outline icon that is white on transparency', () => {
    const color = decodePng(readFileSync(path.join(manifestDir, 'color.png')));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(readFileSync(path.join(manifestDir, 'outline.png')));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let opaque = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
      if (a === 0) continue;
      opaque++;
      expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(opaque).toBeGreaterThan(20);
  });
  it('asks for the meeting permissions it uses, and names the bot’s host for the bubble’s page', () => {
    const values = {
      TEAMS_APP_ID: '3f6b8a2c-1d4e-4f5a-9b6c-7d8e9f0a1b2c',
      BOT_ID: '0c1b2a39-8e7d-4c6b-9a5f-4e3d2c1b0a99',
      APP_VERSION: '1.0.0',
      DEVELOPER_NAME: 'Bezirksamt',
      WEBSITE_URL: 'https://www.berlin.de/',
      PRIVACY_URL: 'https://www.berlin.de/datenschutzerklaerung/',
      TERMS_URL: 'https://www.berlin.de/impressum/',
    };
    const withHost = renderManifest({ ...values, BOT_DOMAIN: 'gremienbot.azurewebsites.net' }) as {
      validDomains: string[];
      authorization: { permissions: { resourceSpecific: { name: string; type: string }[] } };
    };
    expect(withHost.validDomains).toEqual(['gremienbot.azurewebsites.net']);
    expect(withHost.authorization.permissions.resourceSpecific.map((p) => p.name).sort()).toEqual([
      'ChannelMeeting.ReadBasic.Group',
      'OnlineMeeting.ReadBasic.Chat',
      'OnlineMeetingNotification.Send.Chat',
      'OnlineMeetingParticipant.Read.Chat',
    ]);
    const validate = validator('MicrosoftTeams.schema.json');
    expect(validate(withHost)).toBe(true);
    for (const bad of [
      'https://gremienbot.azurewebsites.net',
      'host/path',
      '*.example.org',
      'localhost:3978',
    ])
      expect(() => renderManifest({ ...values, BOT_DOMAIN: bad })).toThrow(/BOT_DOMAIN/);
  });
});

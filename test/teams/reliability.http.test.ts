import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TableClient } from '@azure/data-tables';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseBody } from '../../src/domain/body.js';
import { type AzuriteHandle, startAzurite } from '../../src/storage/azurite.js';
import { GremienStore } from '../../src/storage/gremien-store.js';
import { ensureTable } from '../../src/storage/table-client.js';
import { TablePartitionStore } from '../../src/storage/table-partition-store.js';
import { bodyInput } from '../support/bodies.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { aadOf, depsFor, seedSession } from '../support/session-seed.js';
import { click, invoke, type Person, SPK } from '../support/teams-actions.js';

const person = (office: string): Person => ({ id: `29:${office}`, name: office, aadObjectId: aadOf(office) });
const SESSION = '2026-11-22-1200';
const ballot = (office: string, choice: string) =>
  click(person(office), 'vote.cast', { bodyId: 'test-ag', sessionId: SESSION, voteId: 'v1', choice });

let azurite: AzuriteHandle | undefined;
let bot: TestBot | undefined;
afterAll(async () => {
  await bot?.close();
  await azurite?.stop();
});

describe('reliability over HTTP', () => {
  it('a bot restart between ballots and a storage outage: the tally stays exact, nothing half-saved', async () => {
    const location = mkdtempSync(path.join(tmpdir(), 'azurite-reliability-'));
    azurite = await startAzurite({ location });
    const bodiesDir = mkdtempSync(path.join(tmpdir(), 'bodies-'));
    writeFileSync(path.join(bodiesDir, 'test-ag.yaml'), stringify(bodyInput({ voting: 5 })));
    const env = {
      BODIES_DIR: bodiesDir,
      STORAGE_CONNECTION_STRING: azurite.connectionString,
      STORAGE_TIMEOUT_MS: '1000',
      TABLE_PREFIX: 'rel',
      SECRETARIAT_MEMBERS: `*:${SPK.aadObjectId}`,
    };
    bot = await startTestBot(env);
    const client = TableClient.fromConnectionString(azurite.connectionString, 'relgremien', {
      allowInsecureConnection: true,
    });
    await ensureTable(client, 5000);
    const store = new GremienStore(new TablePartitionStore(client, 5000));
    const body = parseBody(bodyInput({ voting: 5 }), 'test-ag.yaml');
    await seedSession(depsFor(new TablePartitionStore(client, 5000), [body]), body, {
      sessionId: SESSION,
      voteId: 'v1',
    });
    const ballots = async () =>
      [...((await store.loadSession('test-ag', SESSION))?.ballots.values() ?? [])].map((b) => b.value);

    expect(await invoke(bot, ballot('amt-1', 'yes'))).toContain('gespeichert: Ja');

    // Restart: a new process (here: a new server) on the same storage.
    await bot.close();
    bot = await startTestBot(env);
    expect(await invoke(bot, ballot('amt-2', 'no'))).toContain('gespeichert: Nein');
    expect(await invoke(bot, ballot('amt-1', 'yes'))).toContain('unverändert');
    expect((await ballots()).map((b) => [b.officeId, b.choice]).sort()).toEqual([
      ['amt-1', 'yes'],
      ['amt-2', 'no'],
    ]);

    // Storage down: the click is answered "not saved", nothing is written.
    await azurite.stop();
    const started = Date.now();
    const answer = await invoke(bot, ballot('amt-3', 'yes'));
    expect(answer).toContain('Nicht gespeichert');
    expect(answer).toContain('bitte versuchen Sie es gleich noch einmal');
    expect(Date.now() - started).toBeLessThan(15_000);
    azurite = await startAzurite({ location, port: azurite.port });
    expect((await ballots()).map((b) => b.officeId).sort()).toEqual(['amt-1', 'amt-2']);

    // Back up: the same click now counts.
    expect(await invoke(bot, ballot('amt-3', 'yes'))).toContain('gespeichert: Ja');
    expect(await ballots()).toHaveLength(3);
  }, 60_000);
});

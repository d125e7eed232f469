import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TableClient } from '@azure/data-tables';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseBody } from '../../src/domain/body.js';
import { type AzuriteHandle, azuriteConnectionString, startAzurite } from '../../src/storage/azurite.js';
import { TableGremienStore } from '../../src/storage/gremien-store.js';
import { ensureTable } from '../../src/storage/table-client.js';
import { TablePartitionStore } from '../../src/storage/table-partition-store.js';
import { bodyInput } from '../support/bodies.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { aadOf, depsFor, seedSession } from '../support/session-seed.js';
import { startStorageProxy } from '../support/storage-proxy.js';
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
    const store = new TableGremienStore(new TablePartitionStore(client, 5000));
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

  it('answers lost after the commit was sent: every answer is true — saved exactly when stored', async () => {
    const storage = await startAzurite();
    const proxy = await startStorageProxy(storage.port);
    const bodiesDir = mkdtempSync(path.join(tmpdir(), 'bodies-'));
    writeFileSync(path.join(bodiesDir, 'test-ag.yaml'), stringify(bodyInput({ voting: 20 })));
    const lossyBot = await startTestBot({
      BODIES_DIR: bodiesDir,
      // The bot talks to storage through the proxy, which loses answers on request.
      STORAGE_CONNECTION_STRING: azuriteConnectionString(proxy.port),
      STORAGE_TIMEOUT_MS: '400',
      TABLE_PREFIX: 'lost',
      SECRETARIAT_MEMBERS: `*:${SPK.aadObjectId}`,
    });
    try {
      const client = TableClient.fromConnectionString(storage.connectionString, 'lostgremien', {
        allowInsecureConnection: true,
      });
      await ensureTable(client, 5000);
      const store = new TableGremienStore(new TablePartitionStore(client, 5000));
      const body = parseBody(bodyInput({ voting: 20 }), 'test-ag.yaml');
      await seedSession(depsFor(new TablePartitionStore(client, 5000), [body]), body, {
        sessionId: SESSION,
        voteId: 'v1',
      });
      const offices = Array.from({ length: 20 }, (_, i) => `amt-${i + 1}`);
      const answers: string[] = [];
      for (const [i, office] of offices.entries()) {
        // Every third commit is applied with its answer lost, every third is lost on the way.
        if (i % 3 === 1) proxy.loseNext(1, 'applied');
        if (i % 3 === 2) proxy.loseNext(1, 'dropped');
        answers.push(await invoke(lossyBot, ballot(office, 'yes')));
      }
      const stored = new Set(
        [...((await store.loadSession('test-ag', SESSION))?.ballots.values() ?? [])].map(
          (b) => b.value.officeId,
        ),
      );
      offices.forEach((office, i) => {
        const text = answers[i] ?? '';
        if (stored.has(office)) expect(text, office).toContain('gespeichert: Ja');
        else expect(text, office).toContain('Nicht gespeichert');
      });
      // The ones whose answer was lost after storing are stored; the dropped ones are not.
      expect(stored.size).toBe(offices.filter((_, i) => i % 3 !== 2).length);
      // A fence is no audit entry: one entry per stored ballot.
      const cast = (await store.sessionAudit('test-ag', SESSION)).filter((a) => a.action === 'ballot.cast');
      expect(cast).toHaveLength(stored.size);
    } finally {
      await lossyBot.close();
      await proxy.close();
      await storage.stop();
    }
  }, 60_000);
});

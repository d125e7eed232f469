import { TableClient } from '@azure/data-tables';
import { describe, expect, inject, it } from 'vitest';
import {
  type ConversationStore,
  InMemoryConversationStore,
  type StoredConversation,
} from '../../src/ports/conversation-store.js';
import { StorageUnavailableError } from '../../src/ports/errors.js';
import { azuriteConnectionString, freePort } from '../../src/storage/azurite.js';
import { TableConversationStore } from '../../src/storage/conversation-table.js';
import { ensureTable } from '../../src/storage/table-client.js';
import { uniqueTablePrefix } from '../support/test-env.js';

const sample: StoredConversation = {
  tenantId: '7e3f2b1a-0c4d-4e5f-8a9b-2d1c0e9f8a7b',
  conversationId: '19:ag-planung-sitzungen@thread.tacv2;messageid=1/2#3?',
  kind: 'channel',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  botId: '28:bot',
  channelId: 'msteams',
  teamId: '19:team@thread.tacv2',
  updatedAt: '2026-11-20T08:00:00.000Z',
};

async function tableStore(): Promise<ConversationStore> {
  const client = TableClient.fromConnectionString(
    inject('azuriteConnectionString'),
    `${uniqueTablePrefix()}conv`,
    {
      allowInsecureConnection: true,
    },
  );
  await ensureTable(client, 5000);
  return new TableConversationStore(client, 5000);
}

describe.each([
  ['in memory', async () => new InMemoryConversationStore() as ConversationStore],
  ['Table Storage (Azurite)', tableStore],
])('ConversationStore contract: %s', (_name, make) => {
  it('returns what was saved, even with characters Table Storage forbids in keys', async () => {
    const store = await make();
    await store.save(sample);
    expect(await store.get(sample.tenantId, sample.conversationId)).toEqual(sample);
  });

  it('a second save of the same conversation replaces the first (one row, latest wins)', async () => {
    const store = await make();
    await store.save(sample);
    await store.save({ ...sample, serviceUrl: 'https://smba.trafficmanager.net/de/', teamId: undefined });
    const got = await store.get(sample.tenantId, sample.conversationId);
    expect(got?.serviceUrl).toBe('https://smba.trafficmanager.net/de/');
    expect(got?.teamId).toBeUndefined();
  });

  it('keeps tenants apart', async () => {
    const store = await make();
    await store.save(sample);
    expect(await store.get('11111111-0c4d-4e5f-8a9b-2d1c0e9f8a7b', sample.conversationId)).toBeUndefined();
  });
});

describe('storage outage', () => {
  it('fails within the timeout with a typed error when nothing listens', async () => {
    const port = await freePort();
    const client = TableClient.fromConnectionString(azuriteConnectionString(port), 'gbdown', {
      allowInsecureConnection: true,
      retryOptions: { maxRetries: 0 },
    });
    const store = new TableConversationStore(client, 1000);
    const started = Date.now();
    await expect(store.save(sample)).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('storage health probe', () => {
  it('reports unavailable storage instead of hanging', async () => {
    const { storageHealthProbe } = await import('../../src/storage/storage-health.js');
    const port = await freePort();
    const client = TableClient.fromConnectionString(azuriteConnectionString(port), 'gbdown', {
      allowInsecureConnection: true,
      retryOptions: { maxRetries: 0 },
    });
    const result = await storageHealthProbe(client, 1000).check();
    expect(result.ok).toBe(false);
  });

  it('reports reachable storage', async () => {
    const { storageHealthProbe } = await import('../../src/storage/storage-health.js');
    const client = TableClient.fromConnectionString(
      inject('azuriteConnectionString'),
      `${uniqueTablePrefix()}hp`,
      {
        allowInsecureConnection: true,
      },
    );
    await ensureTable(client, 5000);
    expect(await storageHealthProbe(client, 1000).check()).toEqual({ ok: true });
  });
});

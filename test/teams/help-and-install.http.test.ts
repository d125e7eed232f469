import { TableClient } from '@azure/data-tables';
import { describe, expect, inject, it } from 'vitest';
import {
  botForFile,
  captureConnector,
  cardOf,
  cardText,
  eventually,
  fixture,
  postActivity,
} from '../support/bot.js';
import { click, SERVICE_URL } from '../support/teams-actions.js';
import { TEST_TENANT } from '../support/test-env.js';

const bot = botForFile();

function conversationsTable(): TableClient {
  return TableClient.fromConnectionString(
    inject('azuriteConnectionString'),
    `${bot().env.TABLE_PREFIX}conversations`,
    {
      allowInsecureConnection: true,
    },
  );
}

describe('POST /api/messages', () => {
  it('answers "hilfe" in a personal chat with the German help card', async () => {
    const { sent } = captureConnector(SERVICE_URL);
    const activity = fixture('personal-message-hilfe');
    const res = await postActivity(bot(), activity);
    expect(res.status).toBe(200);
    await eventually(() => sent.length === 1);
    expect(sent[0]?.conversationId).toBe(activity.conversation.id);
    const card = cardOf(sent[0]?.body ?? {});
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', lang: 'de' });
    const text = cardText(card);
    expect(text).toContain('Gremienbot – Hilfe');
    expect(text).toContain('hilfe');
    // No body here: the rules in general, no numbers of one body.
    expect(text).toContain('Geschäftsordnung jeder Arbeitsgruppe');
  });

  it('answers "@Gremienbot HELP" in a channel in English when the client is English', async () => {
    const { sent } = captureConnector(SERVICE_URL);
    const res = await postActivity(bot(), fixture('channel-message-mention-help'));
    expect(res.status).toBe(200);
    await eventually(() => sent.length === 1);
    const card = cardOf(sent[0]?.body ?? {});
    expect(card?.lang).toBe('en');
    expect(cardText(card)).toContain('Gremienbot – Help');
  });

  it('answers an unknown command with a pointer to the help, not silence', async () => {
    const { sent } = captureConnector(SERVICE_URL);
    await postActivity(bot(), fixture('personal-message-hilfe', { text: 'Tagesordnung bitte' }));
    await eventually(() => sent.length === 1);
    const text = cardText(cardOf(sent[0]?.body ?? {}));
    expect(text).toContain('„Tagesordnung bitte“'); // quoted as typed
    expect(text).toContain('hilfe');
  });

  it('on installation in a team stores the conversation reference and posts a welcome card', async () => {
    const { sent } = captureConnector(SERVICE_URL);
    const activity = fixture('team-installation-add');
    const res = await postActivity(bot(), activity);
    expect(res.status).toBe(200);
    await eventually(() => sent.length === 1);
    expect(cardText(cardOf(sent[0]?.body ?? {}))).toContain('Willkommen beim Gremienbot');

    const row = await conversationsTable().getEntity(TEST_TENANT, '19:ag-planung-demo@thread.tacv2');
    expect(row).toMatchObject({
      kind: 'channel',
      serviceUrl: SERVICE_URL,
      botId: '28:0c1b2a39-8e7d-4c6b-9a5f-4e3d2c1b0a99',
      channelId: 'msteams',
      teamId: '19:ag-planung-demo@thread.tacv2',
    });
  });

  it('stores a personal chat reference with the person it belongs to', async () => {
    captureConnector(SERVICE_URL);
    const activity = fixture('personal-message-hilfe', {
      conversation: { conversationType: 'personal', tenantId: TEST_TENANT, id: 'a:personal-ref-test' },
    });
    await postActivity(bot(), activity);
    await eventually(async () => {
      try {
        const row = await conversationsTable().getEntity(TEST_TENANT, 'a:personal-ref-test');
        return row.userAadObjectId === '5a1d0c6e-2222-4a00-8000-000000000002' && row.kind === 'personal';
      } catch {
        return false;
      }
    });
  });
});

describe('an activity without an id', () => {
  it('is handled like any other: a membership request (which keys its audit row by the id) is stored', async () => {
    captureConnector(SERVICE_URL);
    const activity: Record<string, unknown> = {
      ...click(
        { id: '29:noid', name: 'Ohne Id', aadObjectId: '5a1d0c6e-7777-4a00-8000-000000000077' },
        'member.request',
        { choice: 'ag-planung-steglitz-zehlendorf|jugendamt' },
      ),
    };
    delete activity.id;
    const res = await postActivity(bot(), activity);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toMatch(/nicht geklappt|went wrong/);
    expect(bot().logger.entries.filter((e) => e.message === 'unexpected error')).toEqual([]);
  });
});

describe('GET /healthz', () => {
  it('reports storage as reachable', async () => {
    const res = await fetch(`${bot().url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: { storage: 'ok', scheduler: 'ok' } });
  });
});

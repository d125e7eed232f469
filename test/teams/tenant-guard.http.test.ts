import { TableClient } from '@azure/data-tables';
import { describe, expect, inject, it } from 'vitest';
import { botForFile, captureConnector, fixture, postActivity } from '../support/bot.js';
import { OTHER_TENANT } from '../support/test-env.js';

const bot = botForFile();

describe('tenant allow-list', () => {
  it('ignores and logs a message from another tenant; nothing is sent or stored', async () => {
    const { sent } = captureConnector('https://smba.trafficmanager.net/emea/');
    const activity = fixture('personal-message-hilfe', {
      conversation: { conversationType: 'personal', tenantId: OTHER_TENANT, id: 'a:foreign' },
      channelData: { tenant: { id: OTHER_TENANT } },
    });
    const res = await postActivity(bot(), activity);
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(sent).toHaveLength(0);
    expect(bot().logger.entries.some((e) => e.level === 'warn' && e.message.includes('tenant'))).toBe(true);
    const table = TableClient.fromConnectionString(
      inject('azuriteConnectionString'),
      `${bot().env.TABLE_PREFIX}conversations`,
      {
        allowInsecureConnection: true,
      },
    );
    const rows = [];
    for await (const row of table.listEntities()) rows.push(row);
    expect(rows).toHaveLength(0);
  });

  it('ignores an activity that names no tenant at all', async () => {
    const { sent } = captureConnector('https://smba.trafficmanager.net/emea/');
    const activity = fixture('personal-message-hilfe', {
      conversation: { conversationType: 'personal', id: 'a:no-tenant' },
      channelData: {},
    });
    await postActivity(bot(), activity);
    await new Promise((r) => setTimeout(r, 300));
    expect(sent).toHaveLength(0);
  });
});

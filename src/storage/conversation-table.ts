import type { TableClient } from '@azure/data-tables';
import { odata, RestError } from '@azure/data-tables';
import { z } from 'zod';
import type { ConversationStore, StoredConversation } from '../ports/conversation-store.js';
import { decodeKey, encodeKey } from './keys.js';
import { withStorage } from './table-client.js';

/**
 * Conversation references. PartitionKey = tenant id (all of a tenant's conversations
 * together, and tenants apart); RowKey = the conversation id, key-encoded.
 * Saving is an upsert (replace): the latest reference wins, which is what sending needs.
 */
export const CONVERSATIONS_TABLE = 'conversations';

const RowSchema = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  /** Set on the by-person row of a personal chat (its row key is the person). */
  conversationId: z.string().optional(),
  kind: z.enum(['personal', 'groupChat', 'channel']),
  serviceUrl: z.string().url(),
  botId: z.string().min(1),
  channelId: z.string().min(1),
  teamId: z.string().optional(),
  userAadObjectId: z.string().optional(),
  locale: z.string().optional(),
  updatedAt: z.string().datetime(),
});

export class TableConversationStore implements ConversationStore {
  constructor(
    private readonly client: TableClient,
    private readonly timeoutMs: number,
  ) {}

  async save(c: StoredConversation): Promise<void> {
    const entity = {
      partitionKey: encodeKey(c.tenantId),
      rowKey: encodeKey(c.conversationId),
      kind: c.kind,
      serviceUrl: c.serviceUrl,
      botId: c.botId,
      channelId: c.channelId,
      updatedAt: c.updatedAt,
      ...(c.teamId ? { teamId: c.teamId } : {}),
      ...(c.userAadObjectId ? { userAadObjectId: c.userAadObjectId } : {}),
      ...(c.locale ? { locale: c.locale } : {}),
    };
    await withStorage('save conversation', this.timeoutMs, (abortSignal) =>
      this.client.upsertEntity(entity, 'Replace', { abortSignal }),
    );
    if (c.kind === 'personal' && c.userAadObjectId) {
      // A second row finds the personal chat by person (for reminders and Umlauf cards).
      const byPerson = {
        ...entity,
        rowKey: personalKey(c.userAadObjectId),
        conversationId: c.conversationId,
      };
      await withStorage('save personal chat', this.timeoutMs, (abortSignal) =>
        this.client.upsertEntity(byPerson, 'Replace', { abortSignal }),
      );
    }
  }

  async get(tenantId: string, conversationId: string): Promise<StoredConversation | undefined> {
    return this.read(tenantId, encodeKey(conversationId));
  }

  async personalChat(tenantId: string, aadObjectId: string): Promise<StoredConversation | undefined> {
    return this.read(tenantId, personalKey(aadObjectId));
  }

  async forgetPerson(tenantId: string, aadObjectId: string): Promise<number> {
    const filter = odata`PartitionKey eq ${encodeKey(tenantId)} and userAadObjectId eq ${aadObjectId} and kind eq 'personal'`;
    const keysOf = await withStorage(
      'read personal chats of a person',
      this.timeoutMs,
      async (abortSignal) => {
        const found: string[] = [];
        for await (const raw of this.client.listEntities({
          abortSignal,
          queryOptions: { filter, select: ['RowKey'] },
        }))
          found.push(String(raw.rowKey));
        return found;
      },
    );
    for (const rowKey of keysOf)
      await withStorage(
        'forget a personal chat',
        this.timeoutMs,
        async (abortSignal) => {
          try {
            await this.client.deleteEntity(encodeKey(tenantId), rowKey, { abortSignal });
          } catch (e) {
            if (!(e instanceof RestError && e.statusCode === 404)) throw e;
          }
        },
        { write: true },
      );
    return keysOf.length;
  }

  async ofPerson(tenantId: string, aadObjectId: string): Promise<StoredConversation[]> {
    const filter = odata`PartitionKey eq ${encodeKey(tenantId)} and userAadObjectId eq ${aadObjectId}`;
    return withStorage('read conversations of a person', this.timeoutMs, async (abortSignal) => {
      const found: StoredConversation[] = [];
      for await (const raw of this.client.listEntities({ abortSignal, queryOptions: { filter } })) {
        const row = RowSchema.safeParse(raw);
        // The by-person row repeats the personal chat: listed once, by the chat itself.
        if (row.success && !row.data.rowKey.startsWith('user|')) found.push(conversationOf(row.data));
      }
      return found;
    });
  }

  private async read(tenantId: string, rowKey: string): Promise<StoredConversation | undefined> {
    return withStorage('read conversation', this.timeoutMs, async (abortSignal) => {
      try {
        const raw = await this.client.getEntity(encodeKey(tenantId), rowKey, {
          abortSignal,
        });
        return conversationOf(RowSchema.parse(raw));
      } catch (e) {
        if (e instanceof RestError && e.statusCode === 404) return undefined;
        throw e;
      }
    });
  }
}

/** Conversation ids never start with `user|` (Teams uses `a:`, `19:`, `29:` …). */
function personalKey(aadObjectId: string): string {
  return `user|${encodeKey(aadObjectId)}`;
}

function conversationOf(row: z.infer<typeof RowSchema>): StoredConversation {
  return {
    tenantId: decodeKey(row.partitionKey),
    conversationId: row.conversationId ?? decodeKey(row.rowKey),
    kind: row.kind,
    serviceUrl: row.serviceUrl,
    botId: row.botId,
    channelId: row.channelId,
    updatedAt: row.updatedAt,
    ...(row.teamId ? { teamId: row.teamId } : {}),
    ...(row.userAadObjectId ? { userAadObjectId: row.userAadObjectId } : {}),
    ...(row.locale ? { locale: row.locale } : {}),
  };
}

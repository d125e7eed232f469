/**
 * Where the bot can reach a conversation again without being spoken to: needed for
 * reminders, agenda dispatch and protocols. Written on installation and on every
 * incoming message (service URLs can change).
 */
export type ConversationKind = 'personal' | 'groupChat' | 'channel';

export type StoredConversation = {
  readonly tenantId: string;
  readonly conversationId: string;
  readonly kind: ConversationKind;
  readonly serviceUrl: string;
  readonly botId: string;
  readonly channelId: string;
  /** Team id for channel conversations (the team's General channel id). */
  readonly teamId?: string;
  /** Entra object id of the person in a personal chat, or of whoever installed the bot. */
  readonly userAadObjectId?: string;
  readonly locale?: string;
  readonly updatedAt: string;
};

export interface ConversationStore {
  save(conversation: StoredConversation): Promise<void>;
  get(tenantId: string, conversationId: string): Promise<StoredConversation | undefined>;
  /** The person's personal chat with the bot, if they ever opened one (or the bot was installed for them). */
  personalChat(tenantId: string, aadObjectId: string): Promise<StoredConversation | undefined>;
  /** Every stored conversation reference that names the person (their personal chat, installations by them). */
  ofPerson(tenantId: string, aadObjectId: string): Promise<StoredConversation[]>;
  /** Deletes the person's personal chat references (the retention job, for a person who left); returns how many. */
  forgetPerson(tenantId: string, aadObjectId: string): Promise<number>;
}

/** In-memory twin of the Table Storage adapter, for unit tests. */
export class InMemoryConversationStore implements ConversationStore {
  private readonly rows = new Map<string, StoredConversation>();
  async save(conversation: StoredConversation): Promise<void> {
    this.rows.set(`${conversation.tenantId}\u0000${conversation.conversationId}`, { ...conversation });
  }
  async get(tenantId: string, conversationId: string): Promise<StoredConversation | undefined> {
    const row = this.rows.get(`${tenantId}\u0000${conversationId}`);
    return row ? { ...row } : undefined;
  }
  async personalChat(tenantId: string, aadObjectId: string): Promise<StoredConversation | undefined> {
    const row = [...this.rows.values()]
      .filter((r) => r.tenantId === tenantId && r.kind === 'personal' && r.userAadObjectId === aadObjectId)
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))[0];
    return row ? { ...row } : undefined;
  }
  async forgetPerson(tenantId: string, aadObjectId: string): Promise<number> {
    let n = 0;
    for (const [key, r] of this.rows)
      if (r.tenantId === tenantId && r.kind === 'personal' && r.userAadObjectId === aadObjectId) {
        this.rows.delete(key);
        n += 1;
      }
    return n;
  }
  async ofPerson(tenantId: string, aadObjectId: string): Promise<StoredConversation[]> {
    return [...this.rows.values()]
      .filter((r) => r.tenantId === tenantId && r.userAadObjectId === aadObjectId)
      .map((r) => ({ ...r }));
  }
}

/**
 * Drives the Agents Playground headlessly: its HTTP API plays the user, its
 * conversation WebSocket shows what the bot posted.
 */
export type PlaygroundConfig = {
  tenantId: string;
  currentUser: { id: string; aadObjectId: string };
  users: { id: string; aadObjectId: string; name: string }[];
  personalChat: { id: string };
  groupChats: { id: string }[];
  teams: { id: string; channels: { id: string; name: string }[] }[];
};

export type BotPost = { conversationId: string; text?: string; card?: Record<string, unknown> };

export class PlaygroundClient {
  readonly posts: BotPost[] = [];
  private socket?: WebSocket;

  constructor(readonly baseUrl: string) {}

  async connect(): Promise<PlaygroundConfig> {
    this.socket = new WebSocket(
      `${this.baseUrl.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`,
    );
    this.socket.onmessage = (event) => {
      const data = JSON.parse(String(event.data)) as {
        action?: string;
        actionConversationId?: string;
        message?: {
          text?: string;
          attachments?: { contentType: string; content: Record<string, unknown> }[];
        };
      };
      if (data.action !== 'createMessage' || !data.message) return;
      const card = data.message.attachments?.find(
        (a) => a.contentType === 'application/vnd.microsoft.card.adaptive',
      );
      this.posts.push({
        conversationId: data.actionConversationId ?? '',
        ...(data.message.text ? { text: data.message.text } : {}),
        ...(card ? { card: card.content } : {}),
      });
    };
    await new Promise<void>((resolve, reject) => {
      if (!this.socket) return reject(new Error('no socket'));
      this.socket.onopen = () => resolve();
      this.socket.onerror = () => reject(new Error('WebSocket to the Playground failed'));
    });
    const res = await fetch(`${this.baseUrl}/_internal/v1/config`);
    return ((await res.json()) as { config: PlaygroundConfig }).config;
  }

  /** The Playground sends installationUpdate and conversationUpdate for this conversation. */
  async install(conversationId: string): Promise<void> {
    await this.expectOk(
      fetch(`${this.baseUrl}/_debug/conversation/${encodeURIComponent(conversationId)}/installation`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
    );
  }

  async say(conversationId: string, userId: string, text: string): Promise<void> {
    await this.expectOk(
      fetch(`${this.baseUrl}/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: { id: userId }, text, textFormat: 'plain' }),
      }),
    );
  }

  /** Waits for the next bot post in a conversation that satisfies `match`. */
  async waitFor(match: (post: BotPost) => boolean, timeoutMs = 15_000): Promise<BotPost> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.posts.find(match);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(
      `no matching bot post within ${timeoutMs} ms; got: ${JSON.stringify(this.posts).slice(0, 2000)}`,
    );
  }

  close(): void {
    this.socket?.close();
  }

  private async expectOk(response: Promise<Response>): Promise<void> {
    const res = await response;
    if (!res.ok) throw new Error(`Playground answered ${res.status}: ${await res.text()}`);
  }
}

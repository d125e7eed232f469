import { playgroundInvoke } from '../../scripts/lib/demo.js';
/**
 * Drives the Agents Playground headlessly: its HTTP API plays the user, its
 * conversation WebSocket shows what the bot posted.
 */
export type PlaygroundConfig = {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: { id: string; aadObjectId: string };
  users: { id: string; aadObjectId: string; name: string }[];
  personalChat: { id: string };
  groupChats: { id: string }[];
  teams: { id: string; channels: { id: string; name: string }[] }[];
};

export type BotPost = {
  conversationId: string;
  messageId?: string;
  text?: string;
  card?: Record<string, unknown>;
};

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
          messageId?: string;
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
        ...(data.message.messageId ? { messageId: data.message.messageId } : {}),
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

  /** Posts a message as a user; `mention` addresses the bot (needed in channels, as in Teams). */
  async say(
    conversationId: string,
    userId: string,
    text: string,
    mention?: { id: string; name: string },
  ): Promise<void> {
    const at = mention ? `<at>${mention.name}</at>` : '';
    const body = mention
      ? {
          from: { id: userId },
          text: `${at} ${text}`,
          textFormat: 'xml',
          mentions: [{ mentioned: { id: mention.id }, text: at }],
        }
      : { from: { id: userId }, text, textFormat: 'plain' };
    await this.expectOk(
      fetch(`${this.baseUrl}/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
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

/** Clicks an Action.Execute button on a card the bot posted; returns the invoke response body. */
export async function clickCard(
  client: PlaygroundClient,
  post: BotPost & { messageId?: string },
  userId: string,
  verb: string,
  data: Record<string, unknown>,
): Promise<{ statusCode?: number; type?: string; value?: unknown }> {
  return playgroundInvoke(
    client.baseUrl,
    { conversationId: threadOf(post), messageId: post.messageId ?? '' },
    userId,
    verb,
    data,
  );
}

/** The data of a card's Action.Execute button with this verb whose data matches `where` (as Teams would send it). */
export function buttonData(
  post: BotPost,
  verb: string,
  where: Record<string, unknown> = {},
): Record<string, unknown> {
  const actions = ((post.card as { actions?: unknown[] }).actions ?? []) as {
    type?: string;
    verb?: string;
    data?: Record<string, unknown>;
  }[];
  const found = actions.find(
    (a) =>
      a.type === 'Action.Execute' &&
      a.verb === verb &&
      Object.entries(where).every(([k, v]) => a.data?.[k] === v),
  );
  if (!found?.data) throw new Error(`no ${verb} button on the card`);
  return found.data;
}

/** A post at a channel's root starts a thread identified as "<channel>;messageid=<post id>", as in Teams. */
function threadOf(post: BotPost): string {
  const isChannelRoot =
    post.conversationId.includes('@thread') && !post.conversationId.includes(';messageid=');
  return isChannelRoot && post.messageId
    ? `${post.conversationId};messageid=${post.messageId}`
    : post.conversationId;
}

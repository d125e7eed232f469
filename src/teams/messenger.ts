import { MessageActivityInput } from '@microsoft/teams.api';
import type { App } from '@microsoft/teams.apps';
import {
  DEFAULT_SEND_TIMEOUT_MS,
  DeadlineError,
  type Destination,
  type Messenger,
  type OutgoingMessage,
  SendFailure,
  withDeadline,
} from '../ports/messenger.js';
import { sdkCard } from './replies.js';

/**
 * Sends on the bot's own initiative through the Bot Framework connector of the
 * conversation's service URL, and turns failures into the scheduler's three kinds.
 * Bound to the App after it is created (the App's handlers need the scheduler first).
 */
export class TeamsMessenger implements Messenger {
  private app?: App;

  /** `timeoutMs` bounds a whole send, the token request included. */
  constructor(private readonly timeoutMs: number = DEFAULT_SEND_TIMEOUT_MS) {}

  bind(app: App): void {
    this.app = app;
  }

  async send(to: Destination, message: OutgoingMessage): Promise<{ activityId: string }> {
    if (!this.app) throw new SendFailure('retry', undefined, 'the bot is not started yet', 5000);
    const api = this.app.api.clone({ serviceUrl: to.serviceUrl });
    const activity = new MessageActivityInput(message.text ?? '').addCard('adaptive', sdkCard(message.card));
    for (const m of message.mentions ?? []) {
      activity.addMention({ id: m.teamsUserId, name: m.name, role: 'user' }, { addText: false });
    }
    try {
      const res = await withDeadline(
        api.conversations.activities(to.conversationId).create(activity),
        this.timeoutMs,
        'send',
      );
      return { activityId: res.id ?? '' };
    } catch (e) {
      throw classifySendError(e);
    }
  }

  async update(to: Destination, activityId: string, message: OutgoingMessage): Promise<void> {
    if (!this.app) throw new SendFailure('retry', undefined, 'the bot is not started yet', 5000);
    const api = this.app.api.clone({ serviceUrl: to.serviceUrl });
    const activity = new MessageActivityInput(message.text ?? '').addCard('adaptive', sdkCard(message.card));
    try {
      await withDeadline(
        api.conversations.activities(to.conversationId).update(activityId, activity),
        this.timeoutMs,
        'update',
      );
    } catch (e) {
      throw classifySendError(e);
    }
  }
}

type HttpLikeError = {
  message?: string;
  code?: string;
  response?: { status?: number; headers?: Record<string, unknown> };
};

/**
 * 429 and 412: the service did not take the message → retry (after Retry-After).
 * 502/503/504 with Retry-After: refused before processing → retry. Without it, or a timeout or
 * reset after the request went out: it may have been posted → unknown (flagged, not repeated).
 * A refused connection never reached the service → retry. Anything else (401, 403, 404 …)
 * needs a person → permanent.
 */
export function classifySendError(e: unknown): SendFailure {
  // Abandoned after the deadline: it may have been posted.
  if (e instanceof DeadlineError) return new SendFailure('unknown', undefined, e.message);
  const err = (e ?? {}) as HttpLikeError;
  const status = err.response?.status;
  const retryAfter = retryAfterMs(err.response?.headers?.['retry-after']);
  const text = String(err.message ?? e).slice(0, 200);
  if (status === undefined) {
    if (err.code === 'ECONNREFUSED' || err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') {
      return new SendFailure('retry', undefined, text);
    }
    return new SendFailure('unknown', undefined, text);
  }
  if (status === 429 || status === 412) return new SendFailure('retry', status, text, retryAfter);
  if (status === 502 || status === 503 || status === 504) {
    return retryAfter !== undefined
      ? new SendFailure('retry', status, text, retryAfter)
      : new SendFailure('unknown', status, text);
  }
  if (status >= 500) return new SendFailure('unknown', status, text);
  return new SendFailure('permanent', status, text);
}

/** Retry-After is seconds or an HTTP date. */
export function retryAfterMs(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

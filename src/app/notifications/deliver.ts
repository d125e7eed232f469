import { type OutgoingMessage, SendFailure } from '../../ports/messenger.js';
import type { Recipient } from '../../ports/notifications.js';
import type { PassDeps } from './scheduler-deps.js';

/** Retries within one pass for short waits (Retry-After of a few seconds). */
const INLINE_ATTEMPTS = 3;
const MAX_INLINE_WAIT_MS = 20_000;
/** After this many failed attempts a recipient is given up on and flagged. */
const MAX_ATTEMPTS = 8;

/** Exponential backoff for retryable sends without Retry-After: 2 s, 4 s … capped at 10 minutes. */
export function retryDelayMs(attempt: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return Math.min(retryAfterMs, 3_600_000);
  return Math.min(10 * 60_000, 1000 * 2 ** attempt);
}

/** Sends with short inline retries; a longer wait is left to a later pass. */
export async function deliver(
  deps: PassDeps,
  recipient: Recipient,
  message: OutgoingMessage,
): Promise<{ recipient: Recipient; retryInMs?: number; status?: number }> {
  let attempts = recipient.attempts;
  for (let inline = 1; ; inline++) {
    attempts += 1;
    try {
      const { activityId } = await deps.messenger.send(
        { serviceUrl: recipient.serviceUrl, conversationId: recipient.conversationId },
        message,
      );
      return { recipient: { ...recipient, state: 'sent', activityId, attempts, error: '' } };
    } catch (e) {
      const failure =
        e instanceof SendFailure
          ? e
          : new SendFailure('unknown', undefined, e instanceof Error ? e.message : String(e));
      const error = `${failure.status ?? '-'} ${failure.message}`.slice(0, 300);
      if (failure.kind === 'retry' && attempts < MAX_ATTEMPTS) {
        const wait = retryDelayMs(attempts, failure.afterMs);
        if (inline < INLINE_ATTEMPTS && wait <= MAX_INLINE_WAIT_MS) {
          await (deps.sleep ?? defaultSleep)(wait);
          continue;
        }
        return {
          recipient: { ...recipient, state: 'pending', attempts, error },
          retryInMs: wait,
          ...(failure.status ? { status: failure.status } : {}),
        };
      }
      return {
        recipient: {
          ...recipient,
          state: failure.kind === 'retry' ? 'failed' : failure.kind === 'unknown' ? 'unknown' : 'failed',
          attempts,
          error,
        },
      };
    }
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

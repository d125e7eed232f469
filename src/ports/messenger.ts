/**
 * Sending on the bot's own initiative (reminders, agenda, Umlauf), outside any incoming
 * activity. The Teams adapter implements it; the scheduler only sees outcomes.
 */
export type Destination = {
  readonly serviceUrl: string;
  readonly conversationId: string;
};

export type Mention = { readonly teamsUserId: string; readonly name: string };

/**
 * An Adaptive Card as plain JSON (cards/ builds them, typed more narrowly there); the port
 * needs only that it is one.
 */
export type OutgoingCard = {
  readonly type: 'AdaptiveCard';
  readonly version: string;
  readonly lang?: string;
  readonly body: readonly unknown[];
};

export type OutgoingMessage = {
  readonly card: OutgoingCard;
  /** Text above the card, e.g. @mentions of people the bot cannot reach personally. */
  readonly text?: string;
  readonly mentions?: readonly Mention[];
};

/**
 * Why a send did not succeed.
 * - `retry`: the service said it did not take the message (429, 412, or a 5xx that came with
 *   Retry-After); safe to send again after `afterMs`.
 * - `unknown`: the request may have been processed (a 502/503/504 without Retry-After, a
 *   timeout or a reset after sending); sending again could post it twice, so it is flagged.
 * - `permanent`: it will not work without a person acting (bot removed, conversation gone).
 */
export class SendFailure extends Error {
  constructor(
    readonly kind: 'retry' | 'unknown' | 'permanent',
    readonly status: number | undefined,
    message: string,
    readonly afterMs?: number,
  ) {
    super(message);
    this.name = 'SendFailure';
  }
}

export interface Messenger {
  /** @returns the id of the posted activity @throws SendFailure */
  send(to: Destination, message: OutgoingMessage): Promise<{ activityId: string }>;
  /**
   * Replaces a message the bot posted (e.g. a closed Umlauf's ballot card by its result).
   * Best effort: the caller logs a failure and goes on. @throws SendFailure
   */
  update?(to: Destination, activityId: string, message: OutgoingMessage): Promise<void>;
}

/** Outbound calls are abandoned after this long unless configured otherwise (SEND_TIMEOUT_MS). */
export const DEFAULT_SEND_TIMEOUT_MS = 20_000;

/**
 * Resolves with `work`, or rejects once `ms` have passed: an answer that never comes must not
 * hold up a pass or a reply. The abandoned call may still complete; its outcome is unknown.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export class DeadlineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeadlineError';
  }
}

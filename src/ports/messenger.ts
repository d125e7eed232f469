import type { AdaptiveCard } from '../../cards/adaptive-card.js';

/**
 * Sending on the bot's own initiative (reminders, agenda, Umlauf), outside any incoming
 * activity. The Teams adapter implements it; the scheduler only sees outcomes.
 */
export type Destination = {
  readonly serviceUrl: string;
  readonly conversationId: string;
};

export type Mention = { readonly teamsUserId: string; readonly name: string };

export type OutgoingMessage = {
  readonly card: AdaptiveCard;
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
}

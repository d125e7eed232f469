import { z } from 'zod';
import type { Body } from '../../domain/body.js';
import { signClaim, verifyClaim } from '../files/signed-links.js';
import { readSession } from '../session-run/todays-session.js';
import type { MembershipDeps } from '../shared/deps.js';
import { type VoteView, voteView } from '../voting/vote-view.js';

/**
 * The in-meeting notification when a vote opens (#28): the bubble on the meeting stage of a
 * linked meeting — in a scheduled meeting for the people whose office may vote, in a channel
 * meeting (where Teams targets nobody) for everyone in it —, pointing them at the vote card in
 * the meeting chat. The bubble shows a page of the bot's (GET /meeting/vote/<token>) that says which
 * vote is open and how far it is — no names, no ballots: what the meeting chat's card shows
 * everyone in it anyway.
 */

/** Teams takes a targeted meeting notification for at most this many participants. */
export const NOTIFICATION_RECIPIENTS_MAX = 10;

/** How long the bubble's page link works: a session's day (a vote stays open for hours at most). */
export const VOTE_PAGE_LIFETIME_MS = 12 * 60 * 60_000;

/** Vote page links are signed with the download key, for this purpose only. */
const PURPOSE = 'vote-page.';

export const VotePageClaimSchema = z.object({
  bodyId: z.string().min(1).max(64),
  sessionId: z.string().min(1).max(64),
  voteId: z.string().min(1).max(64),
  /** Expiry, Unix milliseconds. */
  exp: z.number().int(),
});
export type VotePageClaim = z.infer<typeof VotePageClaimSchema>;

export function signVotePage(secret: string, claim: VotePageClaim): string {
  return signClaim(secret, PURPOSE, claim);
}

export function verifyVotePage(secret: string, token: string, now: Date): VotePageClaim | undefined {
  return verifyClaim(secret, PURPOSE, VotePageClaimSchema, token, now);
}

export type VoteNotice =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'notify';
      /** Linked scheduled meetings: a targeted notification to the people below. */
      readonly meetingIds: readonly string[];
      /** Teams user ids (29:…) of the approved members of the offices that may vote, in groups Teams takes. */
      readonly batches: readonly (readonly string[])[];
      /**
       * Linked channel meetings (Teams has no targeted notification there): the meeting's
       * conversation, where a message with the in-meeting alert reaches everyone in the meeting.
       */
      readonly channelMeetings: readonly string[];
      readonly claim: VotePageClaim;
    };

/**
 * Whom to notify of a vote that has just opened, and in which meetings: the approved members
 * (on Teams) of the offices in its electorate that have not voted, in every meeting chat linked
 * to the session that has not ended. Nothing when there is no such meeting or nobody to tell.
 */
export async function voteNotice(
  deps: MembershipDeps,
  at: {
    readonly tenantId: string;
    readonly bodyId: string;
    readonly sessionId: string;
    readonly voteId: string;
  },
): Promise<VoteNotice> {
  const links = (await deps.store.meetingLinks(at.tenantId)).filter(
    (l) => l.bodyId === at.bodyId && l.sessionId === at.sessionId && !l.endedAt,
  );
  const scheduled = links.filter((l) => l.kind === 'chat');
  const channelMeetings = links
    .filter((l) => l.kind === 'channel' && l.conversationId)
    .map((l) => l.conversationId);
  if (links.length === 0) return { kind: 'none' };
  const body = deps.bodies.get(at.bodyId);
  const session = body ? await readSession(deps, body.id, at.sessionId) : undefined;
  const view = body && session ? voteView(body, session, at.voteId) : undefined;
  if (view?.vote.status !== 'open') return { kind: 'none' };
  const waiting = new Set(officesNotVoted(view));
  const recipients = [
    ...new Set(
      (await deps.store.members(at.bodyId))
        .filter(
          (m) => m.value.status === 'approved' && m.value.teamsUserId !== '' && waiting.has(m.value.officeId),
        )
        .map((m) => m.value.teamsUserId),
    ),
  ];
  const batches: string[][] = [];
  for (let i = 0; i < recipients.length; i += NOTIFICATION_RECIPIENTS_MAX)
    batches.push(recipients.slice(i, i + NOTIFICATION_RECIPIENTS_MAX));
  const meetingIds = batches.length > 0 ? scheduled.map((l) => l.meetingId) : [];
  if (meetingIds.length === 0 && channelMeetings.length === 0) return { kind: 'none' };
  return {
    kind: 'notify',
    meetingIds,
    batches,
    channelMeetings,
    claim: {
      bodyId: at.bodyId,
      sessionId: at.sessionId,
      voteId: at.voteId,
      exp: deps.clock.now().getTime() + VOTE_PAGE_LIFETIME_MS,
    },
  };
}

/** The offices of a vote's electorate without a counted ballot, as the rules core tallies them. */
const officesNotVoted = (view: VoteView): readonly string[] => view.outcome.tally.notVoted;

/** What the bubble's page shows: the vote, whether it is open, and how many offices have voted. */
export type VotePage = {
  readonly bodyName: string;
  readonly number: number;
  readonly title: string;
  readonly status: 'open' | 'closed' | 'annulled';
  readonly voted: number;
  readonly electorate: number;
  /** Once closed: the result as announced. */
  readonly result?: 'adopted' | 'rejected' | 'notQuorate';
};

/** The page of a signed link, read now; undefined when the vote is gone. */
export async function votePage(deps: MembershipDeps, claim: VotePageClaim): Promise<VotePage | undefined> {
  const body: Body | undefined = deps.bodies.get(claim.bodyId);
  const session = body ? await readSession(deps, body.id, claim.sessionId) : undefined;
  const view = body && session ? voteView(body, session, claim.voteId) : undefined;
  if (!body || !view) return undefined;
  const outcome = view.outcome.kind;
  return {
    bodyName: body.name,
    number: view.number,
    title: view.item.title,
    status: view.vote.status,
    voted: view.vote.electorate.length - officesNotVoted(view).length,
    electorate: view.vote.electorate.length,
    ...(view.vote.status === 'closed' && outcome !== 'open' ? { result: outcome } : {}),
  };
}

import type { Body } from '../../domain/body.js';
import {
  JOIN_URL_MAX,
  type JoinUrlProblem,
  joinUrlProblem,
  minimisedJoinUrl,
} from '../../domain/meeting-link.js';
import { StorageConflictError } from '../../ports/errors.js';
import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import { isSpk, type Person } from '../shared/secretariat.js';

/**
 * The body's standing Teams meeting (#28): the SPK sets its join link once (`besprechungslink`),
 * and every session created afterwards offers it — the creation card, the session list and the
 * calendar invite carry a button to join. A session keeps the link it was created with: changing
 * or removing the body's link later changes no session already announced.
 */

/** The body's join link now ('' when none is set). */
export async function meetingSeriesOf(deps: Pick<MembershipDeps, 'store'>, bodyId: string): Promise<string> {
  return (await deps.store.meetingSeries(bodyId))?.value.joinUrl ?? '';
}

export type SeriesResult =
  | { readonly kind: 'set' | 'removed' | 'unchanged'; readonly body: Body; readonly joinUrl: string }
  | {
      readonly kind: 'refused';
      readonly reason: 'unknownBody' | 'notSecretariat' | 'changedMeanwhile' | JoinUrlProblem;
    };

/**
 * The SPK sets (or, with an empty link, removes) the body's join link, from the card that showed
 * `shown` as the link in force: a card left from before another change is refused, not obeyed.
 * Delivered twice, the second finds its own change and answers the same.
 */
export async function setMeetingSeries(
  deps: MembershipDeps,
  cmd: {
    readonly bodyId: string;
    readonly joinUrl: string;
    readonly shown: string;
    readonly actor: Person;
    readonly activityId: string;
  },
): Promise<SeriesResult> {
  const body = deps.bodies.get(cmd.bodyId);
  if (!body) return { kind: 'refused', reason: 'unknownBody' };
  if (!(await isSpk(deps, body, cmd.actor))) return { kind: 'refused', reason: 'notSecretariat' };
  const typed = cmd.joinUrl.trim();
  if (typed !== '') {
    const problem = joinUrlProblem(typed);
    if (problem) return { kind: 'refused', reason: problem };
  }
  // Kept without the organiser's id (data minimisation; src/domain/meeting-link.ts).
  const wanted = typed === '' ? '' : minimisedJoinUrl(typed);
  if (wanted.length > JOIN_URL_MAX) return { kind: 'refused', reason: 'tooLong' };
  for (let attempt = 0; attempt < 2; attempt++) {
    const current = await deps.store.meetingSeries(body.id);
    const now = current?.value.joinUrl ?? '';
    if (now === wanted) return { kind: 'unchanged', body, joinUrl: now };
    // The card showed another link than the one in force: someone changed it since.
    if (now !== cmd.shown) return { kind: 'refused', reason: 'changedMeanwhile' };
    const at = deps.clock.now();
    try {
      await deps.store.setMeetingSeries(
        body.id,
        { joinUrl: wanted, setBy: body.secretariat, setAt: at.toISOString() },
        current?.etag,
        auditEntry(deps, {
          at,
          actor: cmd.actor.aadObjectId,
          office: body.secretariat,
          action: wanted ? 'body.meetingLinkSet' : 'body.meetingLinkRemoved',
          target: `body/${body.id}`,
          before: now ? { joinUrl: now } : undefined,
          after: wanted ? { joinUrl: wanted } : undefined,
          activityId: cmd.activityId,
        }),
      );
      return { kind: wanted ? 'set' : 'removed', body, joinUrl: wanted };
    } catch (e) {
      // Another writer came first: read again and decide on what is there now.
      if (!(e instanceof StorageConflictError)) throw e;
    }
  }
  return { kind: 'refused', reason: 'changedMeanwhile' };
}

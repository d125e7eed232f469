import { actorFor } from './actor.js';
import type { SessionDeps } from './deps.js';
import { sessionIcs } from './ics.js';
import { timelineOf } from './sessions.js';
import { type FileClaim, LINK_LIFETIME_MS, signFileLink } from './signed-links.js';

/** Where and how file links are made; absent when the server has no signing key. */
export type FileLinks = { readonly secret: string; baseUrl: string };

export type LinkResult =
  | { readonly kind: 'ok'; readonly url: string; readonly expiresAt: Date }
  | {
      readonly kind: 'refused';
      readonly reason: 'notMember' | 'unknownSession' | 'unknownBody' | 'filesOff';
    };

/** Approved members only, by stored membership (the person comes from the platform or the signed link). */
async function isMember(deps: SessionDeps, bodyId: string, aad: string): Promise<boolean> {
  return (await actorFor(deps.store, bodyId, aad)).kind === 'member';
}

/** A member asks for a session's calendar invite: a link for them, valid for 15 minutes. */
export async function calendarLink(
  deps: SessionDeps,
  files: FileLinks | undefined,
  cmd: { bodyId: string; sessionId: string; actorAadObjectId: string },
): Promise<LinkResult> {
  if (!files) return { kind: 'refused', reason: 'filesOff' };
  if (!deps.bodies.has(cmd.bodyId)) return { kind: 'refused', reason: 'unknownBody' };
  if (!(await isMember(deps, cmd.bodyId, cmd.actorAadObjectId)))
    return { kind: 'refused', reason: 'notMember' };
  if (!(await deps.store.loadSession(cmd.bodyId, cmd.sessionId)))
    return { kind: 'refused', reason: 'unknownSession' };
  const expiresAt = new Date(deps.clock.now().getTime() + LINK_LIFETIME_MS);
  const token = signFileLink(files.secret, {
    kind: 'ics',
    bodyId: cmd.bodyId,
    sessionId: cmd.sessionId,
    aad: cmd.actorAadObjectId,
    exp: expiresAt.getTime(),
  });
  return { kind: 'ok', url: `${files.baseUrl}/files/${token}`, expiresAt };
}

export type ServedFile = {
  readonly contentType: string;
  readonly fileName: string;
  readonly content: string;
};

/** The file behind a verified link, if its holder is still a member and the subject exists. */
export async function fileFor(
  deps: SessionDeps,
  claim: FileClaim,
  deadlineText: (closesAt: Date) => string,
): Promise<ServedFile | undefined> {
  const body = deps.bodies.get(claim.bodyId);
  if (!body || !(await isMember(deps, claim.bodyId, claim.aad))) return undefined;
  const snapshot = await deps.store.loadSession(claim.bodyId, claim.sessionId);
  if (!snapshot) return undefined;
  const session = snapshot.session.value;
  const timeline = timelineOf(body, session);
  return {
    contentType: 'text/calendar; charset=utf-8',
    fileName: `${body.shortName.replace(/[^A-Za-z0-9-]+/g, '-')}-${session.date}.ics`,
    content: sessionIcs(
      body,
      claim.sessionId,
      session,
      timeline,
      deadlineText(timeline.registrationClosesAt),
      deps.clock.now(),
    ),
  };
}

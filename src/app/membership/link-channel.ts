import type { Body } from '../../domain/body.js';
import { StorageConflictError } from '../../ports/errors.js';
import { auditEntry } from '../shared/audit.js';
import type { MembershipDeps } from '../shared/deps.js';
import { isSpk, type Person } from '../shared/secretariat.js';

export type LinkResult =
  | { readonly kind: 'linked' | 'alreadyLinked'; readonly body: Body }
  | {
      readonly kind: 'refused';
      readonly reason: 'unknownBody' | 'notSecretariat' | 'notAChannel' | 'channelTaken';
      readonly otherBody?: string;
    };

/**
 * The SPK makes a team channel the body's home: its conversation is where the bot posts
 * agendas, reminders and approval requests. One channel serves one body.
 */
export async function linkChannel(
  deps: MembershipDeps,
  cmd: {
    tenantId: string;
    channelId: string | undefined;
    /** The team's Microsoft 365 group id, as the platform gives it (for the group drive). */
    teamGroupId?: string;
    bodyId: string;
    actor: Person;
    activityId: string;
  },
): Promise<LinkResult> {
  const body = deps.bodies.get(cmd.bodyId);
  if (!body) return { kind: 'refused', reason: 'unknownBody' };
  if (!cmd.channelId) return { kind: 'refused', reason: 'notAChannel' };
  if (!(await isSpk(deps, body, cmd.actor))) {
    return { kind: 'refused', reason: 'notSecretariat' };
  }
  const current = await deps.store.channelLink(cmd.tenantId, cmd.channelId);
  if (current && current.bodyId !== body.id)
    return { kind: 'refused', reason: 'channelTaken', otherBody: current.bodyId };
  if (current && (await deps.store.bodyChannel(body.id))?.value.channelId === cmd.channelId) {
    return { kind: 'alreadyLinked', body };
  }
  const now = deps.clock.now();
  try {
    await deps.store.linkChannel(
      {
        bodyId: body.id,
        tenantId: cmd.tenantId,
        channelId: cmd.channelId,
        teamGroupId: (cmd.teamGroupId ?? '').slice(0, 100),
        linkedBy: cmd.actor.aadObjectId,
        linkedAt: now.toISOString(),
      },
      auditEntry(deps, {
        at: now,
        actor: cmd.actor.aadObjectId,
        office: body.secretariat,
        action: 'body.channelLinked',
        target: `channel/${cmd.channelId}`,
        after: { channelId: cmd.channelId },
        activityId: cmd.activityId,
      }),
    );
  } catch (e) {
    if (e instanceof StorageConflictError) {
      const winner = await deps.store.channelLink(cmd.tenantId, cmd.channelId);
      if (winner && winner.bodyId !== body.id)
        return { kind: 'refused', reason: 'channelTaken', otherBody: winner.bodyId };
      return { kind: 'alreadyLinked', body };
    }
    throw e;
  }
  return { kind: 'linked', body };
}

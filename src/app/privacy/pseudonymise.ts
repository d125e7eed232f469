import { type Body, officeById } from '../../domain/body.js';
import { formerMemberName, isDueForPseudonymisation } from '../../domain/retention.js';
import type { Clock } from '../../ports/clock.js';
import type { ConversationStore } from '../../ports/conversation-store.js';
import { StorageConflictError } from '../../ports/errors.js';
import type { GremienStore } from '../../ports/gremien-store.js';

/**
 * The retention job for people who left (docs/privacy.md; Art. 5 (1) (e) DSGVO): once the body's
 * period has passed, the person's Entra and Teams ids and their name are replaced in the body's
 * operational records — topics, check-ins, ballots, sessions, follow-ups, the audit trail — by a
 * pseudonym and "ehemaliges Mitglied (<Amt>)"; their tombstone and, where they are a member
 * nowhere else, their personal chat references are deleted. Released protocols and the register
 * stay as they were released (records, offered to the archive): they name offices, and people
 * only by name.
 *
 * Exactly once, however often it runs and on however many instances: the pseudonym is fixed on
 * the tombstone first (conditional on it as read), rows already rewritten no longer match, and the
 * tombstone's deletion with its audit entry succeeds once (a second delete fails).
 */
export type RetentionDeps = {
  readonly store: GremienStore;
  readonly bodies: ReadonlyMap<string, Body>;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly conversations?: Pick<ConversationStore, 'forgetPerson'>;
};

export type Pseudonymised = { readonly bodyId: string; readonly officeId: string; readonly rows: number };

export async function pseudonymiseFormerMembers(
  deps: RetentionDeps,
  now: Date = deps.clock.now(),
): Promise<Pseudonymised[]> {
  const done: Pseudonymised[] = [];
  for (const body of deps.bodies.values()) {
    const members = await deps.store.storedMembers(body.id);
    for (const m of members) {
      if (m.value.status !== 'left' || !isDueForPseudonymisation(body, m.value.leftAt, now)) continue;
      const result = await pseudonymiseOne(deps, body, m.aadObjectId, now);
      if (result) done.push(result);
    }
  }
  return done;
}

async function pseudonymiseOne(
  deps: RetentionDeps,
  body: Body,
  aadObjectId: string,
  now: Date,
): Promise<Pseudonymised | undefined> {
  // The pseudonym, fixed once on the tombstone (another instance may have fixed it first).
  let tomb = (await deps.store.storedMembers(body.id)).find((m) => m.aadObjectId === aadObjectId);
  if (tomb?.value.status !== 'left') return undefined;
  if (!tomb.value.pseudonym) {
    try {
      await deps.store.setPseudonym(body.id, aadObjectId, tomb.etag, `ehemalig-${deps.newId().slice(0, 12)}`);
    } catch (e) {
      if (!(e instanceof StorageConflictError)) throw e;
    }
    tomb = (await deps.store.storedMembers(body.id)).find((m) => m.aadObjectId === aadObjectId);
    if (tomb?.value.status !== 'left' || !tomb.value.pseudonym) return undefined;
  }
  const { officeId, displayName, teamsUserId, pseudonym } = tomb.value;
  const officeName = officeById(body, officeId)?.name ?? officeId;
  const rows = await deps.store.pseudonymiseRows(
    body.id,
    { ids: [aadObjectId, teamsUserId], names: [displayName], aadObjectId },
    { id: pseudonym, name: formerMemberName(officeName) },
  );
  try {
    await deps.store.forgetMember(body.id, aadObjectId, {
      id: `pseudonymised-${pseudonym}`,
      at: now,
      actorAadObjectId: '',
      actorOfficeId: body.secretariat,
      action: 'member.pseudonymised',
      target: pseudonym,
      before: '',
      // No name, no id of the person: the office, when they left, and how many rows changed.
      after: JSON.stringify({
        officeId,
        leftAt: tomb.value.leftAt,
        rows,
        periodDays: body.retention.formerMemberDays,
      }),
      activityId: '',
    });
  } catch (e) {
    // Gone already: another instance finished it (and wrote the audit entry).
    if (e instanceof StorageConflictError) return undefined;
    throw e;
  }
  await forgetChatsUnlessMemberElsewhere(deps, body, aadObjectId);
  return { bodyId: body.id, officeId, rows };
}

/** The personal chat references go with the last membership (a member elsewhere still gets their reminders). */
async function forgetChatsUnlessMemberElsewhere(deps: RetentionDeps, body: Body, aadObjectId: string) {
  if (!deps.conversations) return;
  for (const other of deps.bodies.values()) {
    const row = await deps.store.storedMember(other.id, aadObjectId);
    if (row && row.status !== 'left') return;
  }
  const link = await deps.store.bodyChannel(body.id);
  if (link) await deps.conversations.forgetPerson(link.value.tenantId, aadObjectId);
}

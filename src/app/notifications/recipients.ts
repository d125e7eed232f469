import { type Body, recipientBodies } from '../../domain/body.js';
import type { NotificationRow, Recipient } from '../../ports/notifications.js';
import type { PassDeps } from './scheduler-deps.js';
import type { NotificationSubject } from './subject-types.js';

const DRIVE_RECIPIENT: Recipient = {
  id: 'drive',
  kind: 'drive',
  conversationId: 'drive',
  serviceUrl: 'drive',
  locale: 'de',
  aadObjectId: '',
  officeId: '',
  state: 'pending',
  activityId: '',
  attempts: 0,
  error: '',
  mentions: [],
  unreachable: [],
};

/** People @mentioned in one channel post, at most (the SPK's note names all who were not reached). */
export const MAX_MENTIONS = 50;

/** Who gets a notification: the channel, members in their personal chats, and a note to the SPK. */
export async function recipientsFor(
  deps: PassDeps,
  body: Body,
  row: NotificationRow,
  subject: NotificationSubject,
): Promise<Recipient[]> {
  const link = await deps.store.bodyChannel(body.id);
  // A filing goes to the group drive; the SPK people are told once only if it fails.
  if (row.kind === 'fileProtocol' || row.kind === 'fileAgenda')
    return [DRIVE_RECIPIENT, ...(link ? await spkNotesFor(deps, body, link.value.tenantId, []) : [])];
  if (!link) return [];
  const { tenantId, channelId } = link.value;
  const channel = await deps.conversations.get(tenantId, channelId);
  const people = await peopleFor(deps, body, row, subject);
  const personal: Recipient[] = [];
  const unreachable: { teamsUserId: string; name: string }[] = [];
  for (const p of people) {
    const chat = await deps.conversations.personalChat(tenantId, p.aadObjectId);
    if (chat) {
      personal.push({
        id: `user|${p.aadObjectId}`,
        kind: 'personal',
        conversationId: chat.conversationId,
        serviceUrl: chat.serviceUrl,
        locale: chat.locale ?? '',
        aadObjectId: p.aadObjectId,
        officeId: p.officeId,
        state: 'pending',
        activityId: '',
        attempts: 0,
        error: '',
        mentions: [],
        unreachable: [],
      });
    } else {
      unreachable.push({ teamsUserId: p.teamsUserId, name: p.displayName });
    }
  }
  const wantsChannel = row.kind !== 'umlaufReminder' || unreachable.length > 0;
  const channelRecipient: Recipient[] =
    channel && wantsChannel
      ? [
          {
            id: 'channel',
            kind: 'channel',
            conversationId: channelId,
            serviceUrl: channel.serviceUrl,
            locale: channel.locale ?? '',
            aadObjectId: '',
            officeId: '',
            state: 'pending',
            activityId: '',
            attempts: 0,
            error: '',
            // People without a personal chat are @mentioned (they need the Teams user id);
            // the list of their names goes to the SPK alone, not into the channel post.
            // At most MAX_MENTIONS (one message, one stored row); the SPK's note names everyone.
            mentions: unreachable.filter((u) => u.teamsUserId !== '').slice(0, MAX_MENTIONS),
            unreachable: [],
          },
        ]
      : [];
  const spkNotes = unreachable.length > 0 ? await spkNotesFor(deps, body, tenantId, unreachable) : [];
  return [...channelRecipient, ...personal, ...spkNotes];
}

/** One note per SPK person with a personal chat: who this notification could not reach personally. */
async function spkNotesFor(
  deps: PassDeps,
  body: Body,
  tenantId: string,
  unreachable: readonly { name: string }[],
): Promise<Recipient[]> {
  const configured = [...body.secretariatMembers, ...(deps.secretariatMembers?.(body.id) ?? [])];
  const spkMembers = (await deps.store.members(body.id))
    .filter((m) => m.value.status === 'approved' && m.value.officeId === body.secretariat)
    .map((m) => m.aadObjectId);
  const ids = [...new Set([...configured.filter((c) => !c.includes('@')), ...spkMembers])];
  const notes: Recipient[] = [];
  for (const aadObjectId of ids) {
    const chat = await deps.conversations.personalChat(tenantId, aadObjectId);
    if (!chat) continue;
    notes.push({
      id: `spk|${aadObjectId}`,
      kind: 'spkNote',
      conversationId: chat.conversationId,
      serviceUrl: chat.serviceUrl,
      locale: chat.locale ?? '',
      aadObjectId,
      officeId: body.secretariat,
      state: 'pending',
      activityId: '',
      attempts: 0,
      error: '',
      mentions: [],
      unreachable: unreachable.map((u) => u.name),
    });
  }
  return notes;
}

async function peopleFor(deps: PassDeps, body: Body, row: NotificationRow, subject: NotificationSubject) {
  const membersOf = async (b: Body) =>
    (await deps.store.members(b.id))
      .filter((m) => m.value.status === 'approved')
      .map((m) => ({ aadObjectId: m.aadObjectId, ...m.value }));
  let people: Awaited<ReturnType<typeof membersOf>> = [];
  switch (row.kind) {
    case 'registrationReminder':
    case 'agenda':
    case 'protocol': {
      // The members of the body and of the bodies it names (AG and UAG, 000 §5.1.1, §6).
      for (const id of recipientBodies(body)) {
        const linked = deps.bodies.get(id);
        if (linked) people.push(...(await membersOf(linked)));
      }
      break;
    }
    case 'umlaufOpened':
      if (subject.kind === 'umlauf') {
        const electorate = new Set(subject.view.electorate);
        people = (await membersOf(body)).filter((m) => electorate.has(m.officeId));
      }
      break;
    case 'umlaufReminder':
      if (subject.kind === 'umlauf') {
        // The rules core's tally says which offices of the electorate have not voted.
        const missing = new Set(subject.view.outcome.tally.notVoted);
        people = (await membersOf(body)).filter((m) => missing.has(m.officeId));
      }
      break;
    case 'sessionChanged':
      people = await membersOf(body);
      break;
    case 'umlaufClose':
    case 'umlaufResult':
    case 'fileProtocol':
    case 'fileAgenda':
      people = [];
      break;
  }
  // One message per person, even if they belong to the body and a linked one.
  return [...new Map(people.map((p) => [p.aadObjectId, p])).values()];
}

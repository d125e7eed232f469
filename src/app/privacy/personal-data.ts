import type { Body } from '../../domain/body.js';
import { PERSONAL_RECORD_KINDS } from '../../domain/privacy.js';
import type { Clock } from '../../ports/clock.js';
import type { ConversationStore, StoredConversation } from '../../ports/conversation-store.js';
import type { GremienStore, PersonalRow } from '../../ports/gremien-store.js';
import type { NotificationStore } from '../../ports/notifications.js';

/**
 * Art. 15 DSGVO: everything the bot stores about one person, gathered for `meine daten`. The
 * person is who the platform says asks (never card data). Rows are found by the person's ids
 * (Entra object id, Teams user id) anywhere in a body; released protocols, which name people
 * only by name, are listed where they name the person (as a reference: the protocol itself is
 * the body's record, sent to its members). Nothing of another person is added.
 */
export type PersonalDataDeps = {
  readonly store: GremienStore;
  readonly bodies: ReadonlyMap<string, Body>;
  readonly clock: Clock;
  readonly conversations: Pick<ConversationStore, 'ofPerson'>;
  readonly notifications?: Pick<NotificationStore, 'finished' | 'pendingRows'>;
};

export type PersonalRecord = {
  readonly area: PersonalRow['area'];
  readonly subjectId: string;
  readonly kind: string;
  readonly data: PersonalRow['data'];
};

/** A protocol that names the person (by the name the platform gave them). */
export type ProtocolMention = {
  readonly sessionId: string;
  readonly version: number;
  readonly releasedAt: string;
  readonly namedAs: string;
};

export type SentToPerson = {
  readonly at: string;
  readonly kind: string;
  readonly bodyId: string;
  readonly subjectId: string;
  /** `personal`: to their personal chat; `mention`: named in a channel post. */
  readonly how: 'personal' | 'mention';
  readonly state: string;
};

export type PersonalData = {
  readonly generatedAt: string;
  readonly person: {
    readonly aadObjectId: string;
    readonly tenantId: string;
    readonly names: readonly string[];
  };
  readonly bodies: readonly {
    readonly bodyId: string;
    readonly bodyName: string;
    readonly records: readonly PersonalRecord[];
    readonly protocolMentions: readonly ProtocolMention[];
  }[];
  readonly conversations: readonly StoredConversation[];
  readonly notifications: readonly SentToPerson[];
};

export type Asker = {
  readonly aadObjectId: string;
  readonly tenantId: string;
  readonly displayName?: string;
  readonly teamsUserId?: string;
};

const KIND_ORDER: readonly string[] = PERSONAL_RECORD_KINDS;

export async function personalData(deps: PersonalDataDeps, asker: Asker): Promise<PersonalData> {
  if (!asker.aadObjectId) throw new Error('the platform named no person');
  const now = deps.clock.now();
  const ids = new Set([asker.aadObjectId, asker.teamsUserId ?? ''].filter((s) => s.length >= 3));
  const names = new Set([asker.displayName ?? ''].filter((s) => s.trim().length >= 3));
  const bodies: PersonalData['bodies'][number][] = [];
  for (const body of deps.bodies.values()) {
    // The membership (a tombstone included) adds the Teams id and the name the body knew.
    const member = await deps.store.storedMember(body.id, asker.aadObjectId);
    if (member?.teamsUserId) ids.add(member.teamsUserId);
    if (member?.displayName && member.displayName.trim().length >= 3) names.add(member.displayName);
    const rows = await deps.store.rowsNaming(body.id, [...ids]);
    // The names the platform gave when the person chaired a session or registered a topic.
    for (const r of rows) {
      const name =
        r.kind === 'session' && r.data.startedBy === asker.aadObjectId
          ? r.data.startedByName
          : r.kind === 'item' && r.data.submittedBy === asker.aadObjectId
            ? r.data.submitterName
            : undefined;
      if (typeof name === 'string' && name.trim().length >= 3) names.add(name);
    }
    const mentions = await protocolMentions(deps, body.id, [...names]);
    if (rows.length === 0 && mentions.length === 0) continue;
    const records = rows
      // A protocol's document is the body's record; where it names the person it is listed below.
      .filter((r) => r.kind !== 'protocolVersion')
      .map((r) => ({ area: r.area, subjectId: r.subjectId, kind: r.kind, data: r.data }))
      .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || order(a) - order(b));
    bodies.push({ bodyId: body.id, bodyName: body.name, records, protocolMentions: mentions });
  }
  const conversations = await deps.conversations.ofPerson(asker.tenantId, asker.aadObjectId);
  return {
    generatedAt: now.toISOString(),
    person: { aadObjectId: asker.aadObjectId, tenantId: asker.tenantId, names: [...names] },
    bodies,
    conversations,
    notifications: await sentTo(deps, asker.aadObjectId, ids, now),
  };
}

const order = (r: PersonalRecord) => {
  const at = r.data.at ?? r.data.castAt ?? r.data.since ?? r.data.registeredAt ?? r.data.createdAt ?? '';
  return Date.parse(String(at)) || 0;
};

/** Released protocols that name the person, as whole words. */
async function protocolMentions(
  deps: PersonalDataDeps,
  bodyId: string,
  names: readonly string[],
): Promise<ProtocolMention[]> {
  if (names.length === 0) return [];
  const rows = await deps.store.rowsNaming(bodyId, names);
  const found: ProtocolMention[] = [];
  for (const r of rows) {
    if (r.kind !== 'protocolVersion') continue;
    const text = String(r.data.document ?? '');
    const named = names.find((n) => namesWholly(text, n));
    if (named)
      found.push({
        sessionId: r.subjectId,
        version: Number(r.data.version),
        releasedAt: String(r.data.releasedAt ?? ''),
        namedAs: named,
      });
  }
  return found;
}

/** Whether `text` contains `name` as whole words (not "Jan" inside "Jana"). */
export function namesWholly(text: string, name: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(name, from);
    if (at < 0) return false;
    const before = text.slice(0, at).at(-1) ?? '';
    const after = text[at + name.length] ?? '';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
    from = at + 1;
  }
}

/** What the bot sent to the person's chat, or posted naming them, by notification. */
async function sentTo(
  deps: PersonalDataDeps,
  aadObjectId: string,
  ids: ReadonlySet<string>,
  now: Date,
): Promise<SentToPerson[]> {
  if (!deps.notifications) return [];
  const rows = [
    ...(await deps.notifications.finished(new Date(0), now)),
    ...(await deps.notifications.pendingRows()),
  ];
  const out: SentToPerson[] = [];
  for (const n of rows) {
    for (const r of n.value.recipients) {
      const personal =
        r.kind === 'personal' && (r.aadObjectId === aadObjectId || r.id === `user|${aadObjectId}`);
      const mentioned = r.mentions.some((m) => ids.has(m.teamsUserId));
      if (!personal && !mentioned) continue;
      out.push({
        at: n.value.finishedAt || n.value.dueAt,
        kind: n.value.kind,
        bodyId: n.value.bodyId,
        subjectId: n.value.subjectId,
        how: personal ? 'personal' : 'mention',
        state: r.state,
      });
    }
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** How many records of each kind, for the answer card. */
export function recordCounts(data: PersonalData): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const b of data.bodies) {
    for (const r of b.records) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
    if (b.protocolMentions.length > 0)
      counts.protocolMention = (counts.protocolMention ?? 0) + b.protocolMentions.length;
  }
  if (data.notifications.length > 0) counts.notification = data.notifications.length;
  if (data.conversations.length > 0) counts.conversation = data.conversations.length;
  return counts;
}

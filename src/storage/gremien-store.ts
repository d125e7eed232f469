import { StorageConflictError } from '../ports/errors.js';
import type {
  AuditEntry,
  GremienStore,
  PersonalRow,
  ProtocolSnapshot,
  SessionChange,
  SessionSnapshot,
  UmlaufChange,
  UmlaufSnapshot,
  Versioned,
} from '../ports/gremien-store.js';
import type { PartitionStore, Write } from '../ports/partition-store.js';
import {
  type AttendanceRow,
  AttendanceRowSchema,
  type AuditRow,
  AuditRowSchema,
  type BallotRow,
  BallotRowSchema,
  type BodyVersionRow,
  BodyVersionRowSchema,
  type ChannelLinkRow,
  type ChannelLinkRowInput,
  ChannelLinkRowSchema,
  type Decision,
  DecisionSchema,
  type FollowUpRow,
  FollowUpRowSchema,
  type ItemRow,
  ItemRowSchema,
  type LiveCardRow,
  LiveCardRowSchema,
  type MeetingLinkRow,
  MeetingLinkRowSchema,
  type MeetingSeriesRow,
  MeetingSeriesRowSchema,
  type MemberRow,
  type MemberRowInput,
  MemberRowSchema,
  type ProtocolDraftRow,
  type ProtocolVersionRow,
  type SessionRow,
  SessionRowSchema,
  type StoredMemberRow,
  type UmlaufRow,
  UmlaufRowSchema,
  type VoteRow,
  VoteRowSchema,
} from '../ports/records.js';
import {
  auditWrite,
  isSealed,
  protocolSnapshotOf,
  protocolWrites,
  SEALED,
  sessionRowKey,
  sessionRowOf,
  versioned,
} from './gremien-rows.js';
import { decodeKey } from './keys.js';
import { chunked, chunkedTexts, keys, toData, unchunked } from './rows.js';
import { settledCommit } from './settled-commit.js';

const isMember = (row: StoredMemberRow): row is MemberRow => row.status !== 'left';

/**
 * Typed access to the `gremien` table over the storage primitive, so Table Storage and the
 * in-memory twin behave the same. Every change is committed together with its audit row.
 */
export class TableGremienStore implements GremienStore {
  constructor(
    private readonly store: PartitionStore,
    /** Pause between attempts to settle a commit whose answer was lost. */
    private readonly settlePauseMs = 250,
  ) {}

  private commit(partitionKey: string, writes: readonly Write[]): Promise<ReadonlyMap<string, string>> {
    return settledCommit(this.store, partitionKey, writes, this.settlePauseMs);
  }

  /** A person's membership; one who left is no member (their tombstone stays hidden). */
  async member(bodyId: string, aadObjectId: string): Promise<Versioned<MemberRow> | undefined> {
    const row = await this.tombstoneOrMember(bodyId, aadObjectId);
    return row && isMember(row.value) ? { value: row.value, etag: row.etag } : undefined;
  }

  private async tombstoneOrMember(
    bodyId: string,
    aadObjectId: string,
  ): Promise<Versioned<StoredMemberRow> | undefined> {
    const row = await this.store.readRow(keys.body(bodyId), keys.member(aadObjectId));
    return row ? versioned(row, MemberRowSchema) : undefined;
  }

  async saveMember(
    bodyId: string,
    aadObjectId: string,
    value: MemberRowInput,
    etag: string | undefined,
    audit: AuditEntry,
    asRead: readonly { readonly aadObjectId: string; readonly etag: string }[] = [],
  ): Promise<void> {
    const data = toData(MemberRowSchema.parse(value));
    const rowKey = keys.member(aadObjectId);
    // A new request of a person who left replaces their tombstone (conditional on it as read).
    const tombstone = etag ? undefined : await this.tombstoneOrMember(bodyId, aadObjectId);
    const replaces = tombstone?.value.status === 'left' ? tombstone.etag : etag;
    await this.commit(keys.body(bodyId), [
      replaces ? { op: 'update', rowKey, data, etag: replaces } : { op: 'create', rowKey, data },
      ...asRead
        .filter((r) => r.aadObjectId !== aadObjectId)
        .map((r) => ({ op: 'check' as const, rowKey: keys.member(r.aadObjectId), etag: r.etag })),
      auditWrite(audit),
    ]);
  }

  /** Removes a membership (a declined request) together with its audit entry. */
  async removeMember(bodyId: string, aadObjectId: string, audit: AuditEntry): Promise<void> {
    await this.commit(keys.body(bodyId), [
      { op: 'delete', rowKey: keys.member(aadObjectId) },
      auditWrite(audit),
    ]);
  }

  async commitMembers(
    bodyId: string,
    changes: readonly { aadObjectId: string; etag: string; value: MemberRowInput }[],
    audit: AuditEntry,
  ): Promise<void> {
    await this.commit(keys.body(bodyId), [
      ...changes.map(
        (c): Write => ({
          op: 'update',
          rowKey: keys.member(c.aadObjectId),
          data: toData(MemberRowSchema.parse(c.value)),
          etag: c.etag,
        }),
      ),
      auditWrite(audit),
    ]);
  }

  async rememberSecretariatName(bodyId: string, aadObjectId: string, name: string, at: Date): Promise<void> {
    const rowKey = keys.secretariatName(aadObjectId);
    const current = await this.store.readRow(keys.body(bodyId), rowKey);
    const data = { name: name.slice(0, 320), at: at.toISOString() };
    try {
      if (!current) await this.store.commit(keys.body(bodyId), [{ op: 'create', rowKey, data }]);
      else if (current.data.name !== data.name)
        await this.store.commit(keys.body(bodyId), [{ op: 'update', rowKey, data, etag: current.etag }]);
    } catch (e) {
      if (!(e instanceof StorageConflictError)) throw e;
    }
  }

  async secretariatNameOf(bodyId: string, aadObjectId: string): Promise<string | undefined> {
    const row = await this.store.readRow(keys.body(bodyId), keys.secretariatName(aadObjectId));
    return typeof row?.data.name === 'string' ? row.data.name : undefined;
  }

  async registerDecision(
    bodyId: string,
    draft: Omit<Decision, 'number' | 'label'>,
    labelOf: (number: number) => string,
    audit: AuditEntry,
  ): Promise<Decision> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const known = await this.decisionOf(bodyId, draft.ref);
      if (known) return known;
      const rows = await this.store.readPartition(keys.body(bodyId), { prefix: `reg|${draft.year}|` });
      const number = rows.reduce((max, r) => Math.max(max, Number(r.data.number ?? 0)), 0) + 1;
      const entry = DecisionSchema.parse({ ...draft, number, label: labelOf(number) });
      try {
        await this.commit(keys.body(bodyId), [
          {
            op: 'create',
            rowKey: keys.decision(entry.year, number),
            data: { number, year: entry.year, ref: entry.ref, ...chunked('entry', JSON.stringify(entry)) },
          },
          { op: 'create', rowKey: keys.decisionRef(entry.ref), data: { year: entry.year, number } },
          auditWrite({ ...audit, after: JSON.stringify({ number: entry.label, ref: entry.ref }) }),
        ]);
        return entry;
      } catch (e) {
        // Another decision took this number meanwhile (or this one was recorded): look again.
        if (!(e instanceof StorageConflictError)) throw e;
      }
    }
    throw new StorageConflictError('register decision');
  }

  async decisions(bodyId: string): Promise<Decision[]> {
    const rows = await this.store.readPartition(keys.body(bodyId), { prefix: 'reg|' });
    return rows
      .map((r) => DecisionSchema.parse(JSON.parse(unchunked('entry', r.data) ?? '{}')))
      .sort((a, b) => a.year - b.year || a.number - b.number);
  }

  async decision(bodyId: string, year: number, number: number): Promise<Decision | undefined> {
    const row = await this.store.readRow(keys.body(bodyId), keys.decision(year, number));
    return row ? DecisionSchema.parse(JSON.parse(unchunked('entry', row.data) ?? '{}')) : undefined;
  }

  async decisionOf(bodyId: string, ref: string): Promise<Decision | undefined> {
    const pointer = await this.store.readRow(keys.body(bodyId), keys.decisionRef(ref));
    if (!pointer) return undefined;
    return this.decision(bodyId, Number(pointer.data.year), Number(pointer.data.number));
  }

  async bodyVersions(bodyId: string): Promise<BodyVersionRow[]> {
    const rows = await this.store.readPartition(keys.body(bodyId), { prefix: 'ver|' });
    return rows
      .map((r) =>
        BodyVersionRowSchema.parse({
          ...r.data,
          definition: unchunked('definition', r.data) ?? '',
        }),
      )
      .sort((a, b) => a.number - b.number);
  }

  async bodyDirectory(): Promise<{ bodyId: string; latest: number }[]> {
    const rows = await this.store.readPartition(keys.bodyDirectory, { prefix: 'body|' });
    return rows.map((r) => ({
      bodyId: decodeKey(r.rowKey.slice('body|'.length)),
      latest: Number(r.data.latest ?? 0),
    }));
  }

  async commitBodyVersion(bodyId: string, version: BodyVersionRow, audit: AuditEntry): Promise<void> {
    const v = BodyVersionRowSchema.parse(version);
    const { definition, ...rest } = v;
    await this.commit(keys.body(bodyId), [
      {
        op: 'create',
        rowKey: keys.bodyVersion(v.number),
        data: { ...rest, ...chunked('definition', definition) },
      },
      auditWrite(audit),
    ]);
    // The directory tells every instance; a lost write here is made good by the next full refresh.
    const rowKey = keys.bodyDirectoryEntry(bodyId);
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.store.readRow(keys.bodyDirectory, rowKey);
      if (current && Number(current.data.latest ?? 0) >= v.number) return;
      try {
        await this.store.commit(keys.bodyDirectory, [
          current
            ? { op: 'update', rowKey, data: { latest: v.number }, etag: current.etag }
            : { op: 'create', rowKey, data: { latest: v.number } },
        ]);
        return;
      } catch (e) {
        if (!(e instanceof StorageConflictError)) throw e;
      }
    }
  }

  async followUps(bodyId: string): Promise<(Versioned<FollowUpRow> & { id: string })[]> {
    const rows = await this.store.readPartition(keys.body(bodyId), { prefix: 'fu|' });
    return rows
      .map((r) => ({ ...versioned(r, FollowUpRowSchema), id: decodeKey(r.rowKey.slice('fu|'.length)) }))
      .sort((a, b) => a.value.createdAt.localeCompare(b.value.createdAt) || a.id.localeCompare(b.id));
  }

  async saveFollowUp(
    bodyId: string,
    id: string,
    value: FollowUpRow,
    etag: string | undefined,
    audit: AuditEntry,
    asRead?: { readonly memberAadObjectId: string; readonly etag: string },
  ): Promise<void> {
    const data = toData(FollowUpRowSchema.parse(value));
    const rowKey = keys.followUp(id);
    await this.commit(keys.body(bodyId), [
      etag === undefined ? { op: 'create', rowKey, data } : { op: 'update', rowKey, data, etag },
      ...(asRead
        ? [{ op: 'check' as const, rowKey: keys.member(asRead.memberAadObjectId), etag: asRead.etag }]
        : []),
      auditWrite(audit),
    ]);
  }

  /** Everyone who asked to act for an office of the body, with their status. */
  async members(bodyId: string): Promise<(Versioned<MemberRow> & { aadObjectId: string })[]> {
    const rows = await this.store.readPartition(keys.body(bodyId), { prefix: 'member|' });
    return rows.flatMap((r) => {
      const { value, etag } = versioned(r, MemberRowSchema);
      return isMember(value)
        ? [{ value, etag, aadObjectId: decodeKey(r.rowKey.slice('member|'.length)) }]
        : [];
    });
  }

  async channelLink(tenantId: string, channelId: string): Promise<ChannelLinkRow | undefined> {
    const row = await this.store.readRow(keys.channels(tenantId), keys.channel(channelId));
    return row ? ChannelLinkRowSchema.parse(row.data) : undefined;
  }

  async bodyChannel(bodyId: string): Promise<Versioned<ChannelLinkRow> | undefined> {
    const row = await this.store.readRow(keys.body(bodyId), keys.bodyChannel);
    return row ? versioned(row, ChannelLinkRowSchema) : undefined;
  }

  /**
   * Claims a channel for a body (fails with a conflict if the channel already has a body),
   * then records it as the body's home channel together with the audit entry. A retry after
   * a failure between the two steps finds its own claim and completes the second.
   */
  async linkChannel(link: ChannelLinkRowInput, audit: AuditEntry): Promise<void> {
    const claimed = await this.channelLink(link.tenantId, link.channelId);
    if (!claimed) {
      await this.store.commit(keys.channels(link.tenantId), [
        {
          op: 'create',
          rowKey: keys.channel(link.channelId),
          data: toData(ChannelLinkRowSchema.parse(link)),
        },
      ]);
    } else if (claimed.bodyId !== link.bodyId) {
      throw new StorageConflictError('link channel');
    }
    const current = await this.bodyChannel(link.bodyId);
    const data = toData(ChannelLinkRowSchema.parse(link));
    await this.commit(keys.body(link.bodyId), [
      current
        ? { op: 'update', rowKey: keys.bodyChannel, data, etag: current.etag }
        : { op: 'create', rowKey: keys.bodyChannel, data },
      auditWrite(audit),
    ]);
  }

  async meetingSeries(bodyId: string): Promise<Versioned<MeetingSeriesRow> | undefined> {
    const row = await this.store.readRow(keys.body(bodyId), keys.meetingSeries);
    return row ? versioned(row, MeetingSeriesRowSchema) : undefined;
  }

  async setMeetingSeries(
    bodyId: string,
    value: MeetingSeriesRow,
    etag: string | undefined,
    audit: AuditEntry,
  ): Promise<void> {
    const data = toData(MeetingSeriesRowSchema.parse(value));
    await this.commit(keys.body(bodyId), [
      etag
        ? { op: 'update', rowKey: keys.meetingSeries, data, etag }
        : { op: 'create', rowKey: keys.meetingSeries, data },
      auditWrite(audit),
    ]);
  }

  /** Sessions whose id (date first) is at or after `fromDate`, in date order: past sessions are not read. */
  async sessionsFrom(
    bodyId: string,
    fromDate: string,
  ): Promise<{ sessionId: string; session: SessionRow }[]> {
    const prefix = keys.sessionsPrefix(bodyId);
    const rows = await this.store.readAcross(prefix, keys.sessionRow, `${prefix}${fromDate}`);
    return rows
      .filter((r) => r.rowKey === keys.sessionRow)
      .map((r) => ({
        sessionId: decodeKey(r.partitionKey.slice(prefix.length)),
        session: SessionRowSchema.parse(r.data),
      }));
  }

  async loadSession(bodyId: string, sessionId: string): Promise<SessionSnapshot | undefined> {
    const rows = await this.store.readPartition(keys.session(bodyId, sessionId), { exceptPrefix: 'audit|' });
    const sessionRow = rows.find((r) => r.rowKey === keys.sessionRow);
    if (!sessionRow) return undefined;
    const items = new Map<string, Versioned<ItemRow>>();
    const attendance = new Map<string, Versioned<AttendanceRow>>();
    const votes = new Map<string, Versioned<VoteRow>>();
    const ballots = new Map<string, Versioned<BallotRow>>();
    for (const row of rows) {
      if (row.rowKey.startsWith('item|')) {
        const v = versioned(row, ItemRowSchema);
        items.set(v.value.itemId, v);
      } else if (row.rowKey.startsWith('attendance|')) {
        const v = versioned(row, AttendanceRowSchema);
        attendance.set(v.value.officeId, v);
      } else if (row.rowKey.startsWith('vote|')) {
        votes.set(row.rowKey.slice('vote|'.length), versioned(row, VoteRowSchema));
      } else if (row.rowKey.startsWith('ballot|') && !isSealed(row)) {
        const v = versioned(row, BallotRowSchema);
        ballots.set(`${v.value.voteId}|${v.value.officeId}`, v);
      }
    }
    return {
      bodyId,
      sessionId,
      session: versioned(sessionRow, SessionRowSchema),
      items,
      attendance,
      votes,
      ballots,
    };
  }

  /**
   * Applies changes to one session and appends the audit entry, in one transaction.
   * @throws StorageConflictError when any row changed since it was read
   */
  async commitSession(
    bodyId: string,
    sessionId: string,
    changes: readonly SessionChange[],
    audit: AuditEntry,
  ): Promise<ReadonlyMap<string, string>> {
    const writes: Write[] = changes.map((c): Write => {
      if (c.kind === 'unchanged') return { op: 'check', rowKey: sessionRowKey(c.row), etag: c.etag };
      if (c.kind === 'sealBallot')
        return { op: 'create', rowKey: keys.ballot(c.voteId, c.officeId), data: SEALED };
      const [rowKey, data] = sessionRowOf(c);
      return c.etag ? { op: 'update', rowKey, data, etag: c.etag } : { op: 'create', rowKey, data };
    });
    writes.push(auditWrite(audit));
    return this.commit(keys.session(bodyId, sessionId), writes);
  }

  async loadUmlauf(bodyId: string, umlaufId: string): Promise<UmlaufSnapshot | undefined> {
    const rows = await this.store.readPartition(keys.umlauf(bodyId, umlaufId), { exceptPrefix: 'audit|' });
    const head = rows.find((r) => r.rowKey === keys.umlaufRow);
    if (!head) return undefined;
    const ballots = new Map<string, Versioned<BallotRow>>();
    for (const row of rows) {
      if (!row.rowKey.startsWith('ballot|') || isSealed(row)) continue;
      const v = versioned(row, BallotRowSchema);
      ballots.set(v.value.officeId, v);
    }
    return { bodyId, umlaufId, umlauf: versioned(head, UmlaufRowSchema), ballots };
  }

  /**
   * Applies changes to one Umlaufverfahren with its audit entry, in one transaction.
   * @throws StorageConflictError when any row changed since it was read (or a new one exists)
   */
  async commitUmlauf(
    bodyId: string,
    umlaufId: string,
    changes: readonly UmlaufChange[],
    audit: AuditEntry,
  ): Promise<ReadonlyMap<string, string>> {
    const writes: Write[] = changes.map((c): Write => {
      if (c.kind === 'unchangedBallot')
        return { op: 'check', rowKey: keys.umlaufBallot(c.officeId), etag: c.etag };
      if (c.kind === 'sealBallot')
        return { op: 'create', rowKey: keys.umlaufBallot(c.officeId), data: SEALED };
      const [rowKey, data] =
        c.kind === 'umlauf'
          ? [keys.umlaufRow, toData(UmlaufRowSchema.parse(c.value))]
          : [keys.umlaufBallot(c.value.officeId), toData(BallotRowSchema.parse(c.value))];
      return c.etag ? { op: 'update', rowKey, data, etag: c.etag } : { op: 'create', rowKey, data };
    });
    writes.push(auditWrite(audit));
    return this.commit(keys.umlauf(bodyId, umlaufId), writes);
  }

  /** A body's Umlaufverfahren with an id (date first) at or after `fromId`, oldest first. */
  async umlaufsFrom(bodyId: string, fromId: string): Promise<{ umlaufId: string; umlauf: UmlaufRow }[]> {
    const prefix = keys.umlaufsPrefix(bodyId);
    const rows = await this.store.readAcross(prefix, keys.umlaufRow, `${prefix}${fromId}`);
    return rows
      .filter((r) => r.rowKey === keys.umlaufRow)
      .map((r) => ({
        umlaufId: decodeKey(r.partitionKey.slice(prefix.length)),
        umlauf: UmlaufRowSchema.parse(r.data),
      }));
  }

  /** A session's protocol: the SPK's draft (if any) and the released versions, oldest first. */
  async loadProtocol(bodyId: string, sessionId: string): Promise<ProtocolSnapshot> {
    const rows = await this.store.readPartition(keys.protocol(bodyId, sessionId), { exceptPrefix: 'audit|' });
    return protocolSnapshotOf(rows);
  }

  /**
   * Writes the draft and, on release, the new version (a create: two releases of the same
   * version cannot both succeed), with the audit entry, in one transaction.
   * @throws StorageConflictError when the draft changed since it was read or the version exists
   */
  async commitProtocol(
    bodyId: string,
    sessionId: string,
    draft: { value: ProtocolDraftRow; etag?: string },
    version: ProtocolVersionRow | undefined,
    audit: AuditEntry,
  ): Promise<void> {
    const writes = protocolWrites(draft, version);
    writes.push(auditWrite(audit));
    await this.commit(keys.protocol(bodyId, sessionId), writes);
  }

  /** Records where a live card of a session was posted (a repeated record changes nothing). */
  async rememberSessionCard(bodyId: string, sessionId: string, card: LiveCardRow): Promise<void> {
    const value = LiveCardRowSchema.parse(card);
    try {
      await this.store.commit(keys.sessionCards(bodyId, sessionId), [
        { op: 'create', rowKey: keys.sessionCard(value.card, value.activityId), data: toData(value) },
      ]);
    } catch (e) {
      if (!(e instanceof StorageConflictError)) throw e;
    }
  }

  /** The live cards posted for a session, oldest first. */
  async sessionCards(bodyId: string, sessionId: string): Promise<LiveCardRow[]> {
    const rows = await this.store.readPartition(keys.sessionCards(bodyId, sessionId), { prefix: 'card|' });
    return rows
      .map((r) => LiveCardRowSchema.safeParse(r.data))
      .flatMap((r) => (r.success ? [r.data] : []))
      .sort((a, b) => (a.postedAt < b.postedAt ? -1 : a.postedAt > b.postedAt ? 1 : 0));
  }

  async sessionAudit(bodyId: string, sessionId: string): Promise<AuditRow[]> {
    const rows = await this.store.readPartition(keys.session(bodyId, sessionId), { prefix: 'audit|' });
    return rows.filter((r) => r.data.fence !== true).map((r) => AuditRowSchema.parse(r.data));
  }

  async storedMember(bodyId: string, aadObjectId: string): Promise<StoredMemberRow | undefined> {
    return (await this.tombstoneOrMember(bodyId, aadObjectId))?.value;
  }

  async meetingLinks(tenantId: string): Promise<MeetingLinkRow[]> {
    const rows = await this.store.readPartition(keys.meetings(tenantId));
    return rows.map((r) => MeetingLinkRowSchema.parse(r.data));
  }

  async meetingLink(tenantId: string, meetingId: string): Promise<Versioned<MeetingLinkRow> | undefined> {
    const row = await this.store.readRow(keys.meetings(tenantId), keys.meeting(meetingId));
    return row ? versioned(row, MeetingLinkRowSchema) : undefined;
  }

  async linkMeeting(link: MeetingLinkRow, audit: AuditEntry): Promise<void> {
    const existing = await this.meetingLink(link.tenantId, link.meetingId);
    if (existing && (existing.value.bodyId !== link.bodyId || existing.value.sessionId !== link.sessionId))
      throw new StorageConflictError('link meeting');
    if (!existing)
      await this.store.commit(keys.meetings(link.tenantId), [
        {
          op: 'create',
          rowKey: keys.meeting(link.meetingId),
          data: toData(MeetingLinkRowSchema.parse(link)),
        },
      ]);
    // Two partitions, so not one transaction: the audit entry is written at the link's own time
    // under the id the caller derives from the meeting, so a retry after a failure between the
    // two steps writes the same row — a conflict when it is there already, and then done.
    const at = new Date(existing?.value.linkedAt ?? link.linkedAt);
    try {
      await this.commit(keys.body(link.bodyId), [auditWrite({ ...audit, at })]);
    } catch (e) {
      if (!(e instanceof StorageConflictError)) throw e;
    }
  }

  async markMeeting(
    link: Versioned<MeetingLinkRow>,
    patch: Partial<Pick<MeetingLinkRow, 'startedAt' | 'endedAt'>>,
  ): Promise<void> {
    await this.store.commit(keys.meetings(link.value.tenantId), [
      {
        op: 'update',
        rowKey: keys.meeting(link.value.meetingId),
        data: toData(MeetingLinkRowSchema.parse({ ...link.value, ...patch })),
        etag: link.etag,
      },
    ]);
  }

  async recordAudit(bodyId: string, audit: AuditEntry): Promise<void> {
    await this.commit(keys.body(bodyId), [auditWrite(audit)]);
  }

  async storedMembers(bodyId: string): Promise<(Versioned<StoredMemberRow> & { aadObjectId: string })[]> {
    const rows = await this.store.readPartition(keys.body(bodyId), { prefix: 'member|' });
    return rows.map((r) => ({
      ...versioned(r, MemberRowSchema),
      aadObjectId: decodeKey(r.rowKey.slice('member|'.length)),
    }));
  }

  async setPseudonym(bodyId: string, aadObjectId: string, etag: string, pseudonym: string): Promise<void> {
    const row = await this.tombstoneOrMember(bodyId, aadObjectId);
    if (!row || row.etag !== etag) throw new StorageConflictError('set pseudonym');
    await this.store.commit(keys.body(bodyId), [
      {
        op: 'update',
        rowKey: keys.member(aadObjectId),
        data: toData(MemberRowSchema.parse({ ...row.value, pseudonym })),
        etag,
      },
    ]);
  }

  async pseudonymiseRows(
    bodyId: string,
    person: {
      readonly ids: readonly string[];
      readonly names: readonly string[];
      readonly aadObjectId: string;
    },
    replacement: { readonly id: string; readonly name: string },
  ): Promise<number> {
    const ids = person.ids.filter((i) => i.length >= 3);
    const ownRow = keys.member(person.aadObjectId);
    let changed = 0;
    // A row changed meanwhile (a conflict) is read again; rewritten rows no longer match.
    for (let attempt = 0; attempt < 5; attempt++) {
      const prefix = keys.bodyPrefix(bodyId);
      const rows = await this.store.readAcross(prefix, '');
      // Their name as each record took it from the platform (it may differ from the membership's):
      // every name field paired with their id, beside the names given.
      const names = [
        ...new Set([
          ...person.names,
          ...rows.flatMap((r) => [
            ...(r.data.submittedBy === person.aadObjectId ? [r.data.submitterName] : []),
            ...(r.data.startedBy === person.aadObjectId ? [r.data.startedByName] : []),
          ]),
        ]),
      ].filter((n): n is string => typeof n === 'string' && n.trim().length >= 3 && n !== replacement.name);
      const byPartition = new Map<string, Write[]>();
      for (const row of rows) {
        if (row.rowKey === ownRow || row.rowKey.startsWith('v|') || row.data.fence === true) continue;
        const data = replacedIn(row.data, ids, names, replacement);
        if (!data) continue;
        const writes = byPartition.get(row.partitionKey) ?? [];
        writes.push({ op: 'update', rowKey: row.rowKey, data, etag: row.etag });
        byPartition.set(row.partitionKey, writes);
      }
      if (byPartition.size === 0) return changed;
      try {
        for (const [partitionKey, writes] of byPartition)
          for (let i = 0; i < writes.length; i += 100) {
            const batch = writes.slice(i, i + 100);
            await this.store.commit(partitionKey, batch);
            changed += batch.length;
          }
      } catch (e) {
        if (!(e instanceof StorageConflictError)) throw e;
      }
    }
    throw new StorageConflictError('pseudonymise rows');
  }

  async forgetMember(bodyId: string, aadObjectId: string, audit: AuditEntry): Promise<void> {
    // Deleting a row that is gone fails the transaction: only one instance writes the audit entry.
    await this.store.commit(keys.body(bodyId), [
      { op: 'delete', rowKey: keys.member(aadObjectId) },
      auditWrite(audit),
    ]);
  }

  async rowsNaming(bodyId: string, needles: readonly string[]): Promise<PersonalRow[]> {
    const wanted = needles.filter((n) => n.trim().length >= 3);
    if (wanted.length === 0) return [];
    const prefix = keys.bodyPrefix(bodyId);
    const rows = await this.store.readAcross(prefix, '');
    const found: PersonalRow[] = [];
    for (const row of rows) {
      const [area, subject] = areaOf(row.partitionKey.slice(prefix.length));
      if (!area || row.data.fence === true || isSealed(row)) continue;
      const data = joinedChunks(row.data);
      // The row key too: a membership's key is the person.
      const text = [decodeKey(row.rowKey), ...Object.values(data)].join('\u0000');
      if (!wanted.some((n) => text.includes(n))) continue;
      found.push({ area, subjectId: subject, kind: kindOf(row.rowKey), data });
    }
    return found;
  }

  /** The body's whole audit trail (body-level and every session), oldest first. */
  async bodyAudit(bodyId: string): Promise<AuditRow[]> {
    const rows = await this.store.readAcross(keys.bodyPrefix(bodyId), 'audit|');
    return rows
      .filter((r) => r.data.fence !== true)
      .map((r) => AuditRowSchema.parse(r.data))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }
}

/** Which part of a body a partition holds (`body`, `s|<id>`, `u|<id>`, `p|<id>`); card bookkeeping is none. */
function areaOf(rest: string): [PersonalRow['area'] | undefined, string] {
  if (rest === 'body') return ['body', ''];
  const [tag, ...id] = rest.split('|');
  const subject = decodeKey(id.join('|'));
  if (tag === 's') return ['session', subject];
  if (tag === 'u') return ['umlauf', subject];
  if (tag === 'p') return ['protocol', subject];
  return [undefined, subject];
}

const KINDS: [string, string][] = [
  ['member|', 'member'],
  ['item|', 'item'],
  ['attendance|', 'attendance'],
  ['ballot|', 'ballot'],
  ['vote|', 'vote'],
  ['audit|', 'audit'],
  ['fu|', 'followUp'],
  ['ver|', 'bodyVersion'],
  ['spkname|', 'secretariatName'],
  ['reg|', 'decision'],
  ['v|', 'protocolVersion'],
];

function kindOf(rowKey: string): string {
  if (rowKey === keys.sessionRow) return 'session';
  if (rowKey === keys.umlaufRow) return 'umlauf';
  if (rowKey === keys.protocolDraft) return 'protocolDraft';
  if (rowKey === keys.bodyChannel) return 'channel';
  return KINDS.find(([p]) => rowKey.startsWith(p))?.[1] ?? 'other';
}

/** A row's fields with every long text (stored in chunks) joined again under its own name. */
function joinedChunks(data: Readonly<Record<string, unknown>>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  const { names: chunkedNames, isPart: partOfChunk } = chunkedTexts(data);
  for (const name of chunkedNames) {
    const text = unchunked(name, data);
    if (text !== undefined) out[name] = text;
  }
  for (const [k, v] of Object.entries(data)) {
    if (partOfChunk(k)) continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

/**
 * A row's data with every id and name of a person replaced, or undefined when it names them by no
 * id. Long texts stored in chunks (protocol notes and documents) are left as they are.
 */
function replacedIn(
  data: Readonly<Record<string, unknown>>,
  ids: readonly string[],
  names: readonly string[],
  replacement: { readonly id: string; readonly name: string },
): Record<string, string | number | boolean> | undefined {
  const { isPart: isChunk } = chunkedTexts(data);
  const plain = Object.entries(data).filter(([k, v]) => !isChunk(k) && typeof v === 'string') as [
    string,
    string,
  ][];
  if (!plain.some(([, v]) => ids.some((id) => v.includes(id)))) return undefined;
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(data))
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  for (const [k, v] of plain) {
    let text = v;
    for (const id of ids) text = text.split(id).join(replacement.id);
    for (const name of names) text = text.split(name).join(replacement.name);
    out[k] = text;
  }
  return out;
}

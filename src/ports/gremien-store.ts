import type {
  AttendanceRow,
  AuditRow,
  BallotRow,
  BodyVersionRow,
  ChannelLinkRow,
  ChannelLinkRowInput,
  Decision,
  FollowUpRow,
  ItemRow,
  LiveCardRow,
  MeetingLinkRow,
  MeetingSeriesRow,
  MemberRow,
  MemberRowInput,
  ProtocolDraftRow,
  ProtocolVersionRow,
  SessionRow,
  SessionRowInput,
  StoredMemberRow,
  UmlaufRow,
  VoteRow,
} from './records.js';

/**
 * The store the use cases work with: a body's members and channel, its sessions, Umlauf and
 * protocols, each change committed together with its audit entry. Implemented on Table Storage
 * by src/storage/gremien-store.ts (and, through the in-memory partition store, in tests).
 * @throws StorageConflictError, StorageUnavailableError, StorageOutcomeUnknownError (src/ports/errors.ts)
 */
export interface GremienStore {
  member(bodyId: string, aadObjectId: string): Promise<Versioned<MemberRow> | undefined>;
  saveMember(
    bodyId: string,
    aadObjectId: string,
    value: MemberRowInput,
    etag: string | undefined,
    audit: AuditEntry,
    /** Other memberships the decision rests on, as read: the save fails if any changed meanwhile. */
    asRead?: readonly { readonly aadObjectId: string; readonly etag: string }[],
  ): Promise<void>;
  /** Removes a membership (a declined request) together with its audit entry. */
  removeMember(bodyId: string, aadObjectId: string, audit: AuditEntry): Promise<void>;
  /**
   * Changes several memberships of a body at once (a person removed or moved and the roles that
   * follow), each conditional on the ETag it was read with, with the audit entry, in one
   * transaction. A person who leaves is written with status `left` (and is hidden from then on).
   * @throws StorageConflictError when any of them changed since it was read
   */
  commitMembers(
    bodyId: string,
    changes: readonly { aadObjectId: string; etag: string; value: MemberRowInput }[],
    audit: AuditEntry,
  ): Promise<void>;
  /**
   * The UPN or e-mail by which a person was recognised as SPK (configured by name), remembered
   * with their Entra object id: so the SPK is the SPK also where the platform gives no names
   * (a download link opened in a browser). A repeated record changes nothing.
   */
  rememberSecretariatName(bodyId: string, aadObjectId: string, name: string, at: Date): Promise<void>;
  secretariatNameOf(bodyId: string, aadObjectId: string): Promise<string | undefined>;
  /**
   * Numbers and records a decision in the body's register (the next number of its year), once:
   * recording the same `ref` again returns the entry it already has.
   */
  registerDecision(
    bodyId: string,
    draft: Omit<Decision, 'number' | 'label'>,
    labelOf: (number: number) => string,
    audit: AuditEntry,
  ): Promise<Decision>;
  /** The body's register, oldest first. */
  decisions(bodyId: string): Promise<Decision[]>;
  /** One entry of the register by its year and number (`2027/03`), if there is one. */
  decision(bodyId: string, year: number, number: number): Promise<Decision | undefined>;
  /** The register entry of what was decided (`ref`), if it has one. */
  decisionOf(bodyId: string, ref: string): Promise<Decision | undefined>;
  /** The versions of a body's rules, oldest first. */
  bodyVersions(bodyId: string): Promise<BodyVersionRow[]>;
  /** Every body with its latest version number (one read: how instances see a new version). */
  bodyDirectory(): Promise<{ bodyId: string; latest: number }[]>;
  /**
   * Records a new version of a body's rules with its audit entry in one transaction (a create:
   * two versions with the same number cannot both be written), then lists it in the directory.
   * @throws StorageConflictError when that version exists (someone else amended meanwhile)
   */
  commitBodyVersion(bodyId: string, version: BodyVersionRow, audit: AuditEntry): Promise<void>;
  /** The body's follow-ups (Wiedervorlagen), oldest first. */
  followUps(bodyId: string): Promise<(Versioned<FollowUpRow> & { id: string })[]>;
  /**
   * Creates a follow-up (no `etag`; fails with a conflict if the id exists: a repeated click) or
   * changes one as it was read, with its audit entry, in one transaction.
   * @throws StorageConflictError when it exists (create) or changed since it was read
   */
  saveFollowUp(
    bodyId: string,
    id: string,
    value: FollowUpRow,
    etag: string | undefined,
    audit: AuditEntry,
    /** The membership the decision rests on, as read: the save fails if it changed meanwhile. */
    asRead?: { readonly memberAadObjectId: string; readonly etag: string },
  ): Promise<void>;
  /** Everyone who asked to act for an office of the body, with their status. */
  members(bodyId: string): Promise<(Versioned<MemberRow> & { aadObjectId: string })[]>;
  channelLink(tenantId: string, channelId: string): Promise<ChannelLinkRow | undefined>;
  bodyChannel(bodyId: string): Promise<Versioned<ChannelLinkRow> | undefined>;
  /**
   * Claims a channel for a body (fails with a conflict if the channel already has a body),
   * then records it as the body's home channel together with the audit entry. A retry after
   * a failure between the two steps finds its own claim and completes the second.
   */
  linkChannel(link: ChannelLinkRowInput, audit: AuditEntry): Promise<void>;
  /** The body's standing Teams meeting (its join link), if the SPK ever set one. */
  meetingSeries(bodyId: string): Promise<Versioned<MeetingSeriesRow> | undefined>;
  /**
   * Sets the body's standing meeting (an empty link removes it), on the row as read (`etag`
   * undefined: there was none), with the audit entry.
   * @throws StorageConflictError when it changed meanwhile
   */
  setMeetingSeries(
    bodyId: string,
    value: MeetingSeriesRow,
    etag: string | undefined,
    audit: AuditEntry,
  ): Promise<void>;
  /** Sessions whose id (date first) is at or after `fromDate`, in date order: past sessions are not read. */
  sessionsFrom(bodyId: string, fromDate: string): Promise<{ sessionId: string; session: SessionRow }[]>;
  loadSession(bodyId: string, sessionId: string): Promise<SessionSnapshot | undefined>;
  /**
   * Applies changes to one session and appends the audit entry, in one transaction.
   * @throws StorageConflictError when any row changed since it was read
   */
  commitSession(
    bodyId: string,
    sessionId: string,
    changes: readonly SessionChange[],
    audit: AuditEntry,
  ): Promise<ReadonlyMap<string, string>>;
  loadUmlauf(bodyId: string, umlaufId: string): Promise<UmlaufSnapshot | undefined>;
  /**
   * Applies changes to one Umlaufverfahren with its audit entry, in one transaction.
   * @throws StorageConflictError when any row changed since it was read (or a new one exists)
   */
  commitUmlauf(
    bodyId: string,
    umlaufId: string,
    changes: readonly UmlaufChange[],
    audit: AuditEntry,
  ): Promise<ReadonlyMap<string, string>>;
  /** A body's Umlaufverfahren with an id (date first) at or after `fromId`, oldest first. */
  umlaufsFrom(bodyId: string, fromId: string): Promise<{ umlaufId: string; umlauf: UmlaufRow }[]>;
  /** A session's protocol: the SPK's draft (if any) and the released versions, oldest first. */
  loadProtocol(bodyId: string, sessionId: string): Promise<ProtocolSnapshot>;
  /**
   * Writes the draft and, on release, the new version (a create: two releases of the same
   * version cannot both succeed), with the audit entry, in one transaction.
   * @throws StorageConflictError when the draft changed since it was read or the version exists
   */
  commitProtocol(
    bodyId: string,
    sessionId: string,
    draft: { value: ProtocolDraftRow; etag?: string },
    version: ProtocolVersionRow | undefined,
    audit: AuditEntry,
  ): Promise<void>;
  /** Records where a live card of a session was posted (a repeated record changes nothing). */
  rememberSessionCard(bodyId: string, sessionId: string, card: LiveCardRow): Promise<void>;
  /** The live cards posted for a session, oldest first. */
  sessionCards(bodyId: string, sessionId: string): Promise<LiveCardRow[]>;
  sessionAudit(bodyId: string, sessionId: string): Promise<AuditRow[]>;
  /** The body's whole audit trail (body-level and every session), oldest first. */
  bodyAudit(bodyId: string): Promise<AuditRow[]>;
  /**
   * Every stored row of a body (its memberships with the tombstones of people who left, sessions,
   * Umlaufverfahren, protocols, follow-ups, versions, audit) in which one of `needles` occurs —
   * an Entra object id, a Teams user id, a name —, long texts joined again: what the body keeps
   * about a person (Art. 15 DSGVO). Rows that name no one (live-card bookkeeping) are left out.
   */
  rowsNaming(bodyId: string, needles: readonly string[]): Promise<PersonalRow[]>;
  /** A membership as stored, the tombstone of a person who left included. */
  storedMember(bodyId: string, aadObjectId: string): Promise<StoredMemberRow | undefined>;
  /** The tenant's linked meetings (a handful at a time: one per session). */
  meetingLinks(tenantId: string): Promise<MeetingLinkRow[]>;
  /** The session a Teams meeting is linked to, if any. */
  meetingLink(tenantId: string, meetingId: string): Promise<Versioned<MeetingLinkRow> | undefined>;
  /**
   * Links a meeting to a session (a create: one meeting, one session; linking it again to the
   * same session changes nothing), with the audit entry in the body's trail — written at the
   * link's time under the entry's id, once: linking again completes an entry a failure left out.
   * @throws StorageConflictError when the meeting belongs to another session already
   */
  linkMeeting(link: MeetingLinkRow, audit: AuditEntry): Promise<void>;
  /**
   * Records when the meeting started or ended, on the link as read.
   * @throws StorageConflictError when it changed meanwhile (the same event delivered twice)
   */
  markMeeting(
    link: Versioned<MeetingLinkRow>,
    patch: Partial<Pick<MeetingLinkRow, 'startedAt' | 'endedAt'>>,
  ): Promise<void>;
  /** Records an act that changes no row (a hand-over to the archive) in the body's audit trail. */
  recordAudit(bodyId: string, audit: AuditEntry): Promise<void>;
  /** Every membership as stored, tombstones included (the retention job's list). */
  storedMembers(bodyId: string): Promise<(Versioned<StoredMemberRow> & { aadObjectId: string })[]>;
  /**
   * Records the pseudonym a person who left will get, on their tombstone as read.
   * @throws StorageConflictError when the tombstone changed (another instance set one, or they came back)
   */
  setPseudonym(bodyId: string, aadObjectId: string, etag: string, pseudonym: string): Promise<void>;
  /**
   * Replaces a person's ids and names by a pseudonym in every row of a body that names them by id
   * — sessions, Umlaufverfahren, protocol drafts, follow-ups, versions, audit —, except released
   * protocol versions (records, kept as released) and their own tombstone. Returns how many rows
   * it changed; a second run finds none.
   */
  pseudonymiseRows(
    bodyId: string,
    person: {
      readonly ids: readonly string[];
      readonly names: readonly string[];
      readonly aadObjectId: string;
    },
    replacement: { readonly id: string; readonly name: string },
  ): Promise<number>;
  /**
   * Deletes the tombstone of a pseudonymised person, with the audit entry saying so.
   * @throws StorageConflictError when it is gone already (another instance finished first)
   */
  forgetMember(bodyId: string, aadObjectId: string, audit: AuditEntry): Promise<void>;
}

/** A stored row that names a person: where it is, what kind of record, and its fields. */
export type PersonalRow = {
  /** `body`, `session`, `umlauf` or `protocol`. */
  readonly area: 'body' | 'session' | 'umlauf' | 'protocol';
  /** The session's or Umlauf's id (empty for body-level rows). */
  readonly subjectId: string;
  /** What the row is: `member`, `item`, `attendance`, `ballot`, `session`, `umlauf`, `protocolDraft`, `protocolVersion`, `audit`, `followUp`, `bodyVersion`, `channel`, `secretariatName`, `decision`, or `other`. */
  readonly kind: string;
  readonly data: Readonly<Record<string, string | number | boolean>>;
};

export type Versioned<T> = { readonly value: T; readonly etag: string };

/** Everything a session's use cases decide on, read with one partition query (audit rows excluded). */
export type SessionSnapshot = {
  readonly bodyId: string;
  readonly sessionId: string;
  readonly session: Versioned<SessionRow>;
  readonly items: ReadonlyMap<string, Versioned<ItemRow>>;
  readonly attendance: ReadonlyMap<string, Versioned<AttendanceRow>>;
  readonly votes: ReadonlyMap<string, Versioned<VoteRow>>;
  /** Keyed by `${voteId}|${officeId}`. */
  readonly ballots: ReadonlyMap<string, Versioned<BallotRow>>;
};

export type UmlaufSnapshot = {
  readonly bodyId: string;
  readonly umlaufId: string;
  readonly umlauf: Versioned<UmlaufRow>;
  /** Keyed by office. */
  readonly ballots: ReadonlyMap<string, Versioned<BallotRow>>;
};

export type UmlaufChange =
  | { readonly kind: 'umlauf'; readonly value: UmlaufRow; readonly etag?: string }
  | { readonly kind: 'ballot'; readonly value: BallotRow; readonly etag?: string }
  /** A condition on an office's ballot as read (see `SessionChange`). */
  | { readonly kind: 'unchangedBallot'; readonly officeId: string; readonly etag: string }
  /** The seal of an office's ballot place when the Umlauf closes (see `SessionChange`). */
  | { readonly kind: 'sealBallot'; readonly officeId: string };

export type ProtocolSnapshot = {
  readonly draft?: Versioned<ProtocolDraftRow>;
  readonly versions: readonly ProtocolVersionRow[];
};

export type AuditEntry = Omit<AuditRow, 'at'> & { readonly at: Date; readonly id: string };

/** A row of a session partition, named for a read-set condition. */
export type SessionRowRef =
  | { readonly kind: 'session' }
  | { readonly kind: 'item'; readonly itemId: string }
  | { readonly kind: 'attendance'; readonly officeId: string }
  | { readonly kind: 'vote'; readonly voteId: string }
  | { readonly kind: 'ballot'; readonly voteId: string; readonly officeId: string };

/**
 * A change to one row of a session, with the ETag it was read with (absent: the row is new);
 * or a condition on a row the decision read but does not change (`unchanged`); or the seal of
 * an office's ballot place in a closed vote (`sealBallot`): a row at the ballot's key that
 * holds no ballot, so a ballot cast on a stale read of the open vote cannot be created.
 */
export type SessionChange =
  | { readonly kind: 'session'; readonly value: SessionRowInput; readonly etag?: string }
  | { readonly kind: 'item'; readonly value: ItemRow; readonly etag?: string }
  | { readonly kind: 'attendance'; readonly value: AttendanceRow; readonly etag?: string }
  | { readonly kind: 'vote'; readonly voteId: string; readonly value: VoteRow; readonly etag?: string }
  | { readonly kind: 'ballot'; readonly value: BallotRow; readonly etag?: string }
  | { readonly kind: 'unchanged'; readonly row: SessionRowRef; readonly etag: string }
  | { readonly kind: 'sealBallot'; readonly voteId: string; readonly officeId: string };

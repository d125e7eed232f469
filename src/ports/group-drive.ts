/**
 * The group drive of a working group: its Teams channel's files (a SharePoint library, through
 * Microsoft Graph) or a folder on disk (a mounted share; the local default). Filing is part of
 * the exactly-once machinery (src/app/notifications): a filing that fails is retried by the
 * scheduler, never written twice.
 */
export type DriveTarget = {
  readonly bodyId: string;
  /** The body's linked channel, where the Graph adapter finds its files folder. */
  readonly channel?: {
    readonly tenantId: string;
    readonly channelId: string;
    /** The team's Microsoft 365 group id, where Graph finds the channel's files. */
    readonly teamGroupId?: string;
  };
};

export type FiledFile = {
  /** Where it is, as a person finds it (`AG Planung/2027/…docx`). */
  readonly path: string;
  /** A link to open it, where the drive gives one. */
  readonly webUrl?: string;
};

export interface GroupDrive {
  /** What the drive is, for texts ("Gruppenlaufwerk", a folder). */
  readonly kind: 'disk' | 'graph';
  /**
   * Files `content` as `folder/name`. Never overwrites: a name filed before is answered as filed
   * (a repeated attempt after a lost answer; names are unique per session and version, and a
   * released version never changes).
   */
  file(
    target: DriveTarget,
    folder: readonly string[],
    name: string,
    content: Buffer,
    contentType: string,
  ): Promise<FiledFile>;
}

/**
 * Why a filing did not happen: `retry` (throttled, unavailable; `retryAfterMs` where the drive
 * said), `permission` (the app lacks access: an administrator must grant it), `failed` (will not
 * work as it is). Messages carry no secrets.
 */
export class DriveError extends Error {
  readonly code = 'DRIVE_ERROR';
  constructor(
    readonly kind: 'retry' | 'permission' | 'failed',
    message: string,
    readonly retryAfterMs?: number,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'DriveError';
  }
}

import { createHash } from 'node:crypto';
import { type Body, parseBody, toBodyInput } from '../../domain/body.js';
import { type BodyVersion, versionInForce } from '../../domain/body-versions.js';
import { localDateOf } from '../../domain/calendar.js';
import type { Clock } from '../../ports/clock.js';
import { StorageConflictError } from '../../ports/errors.js';
import type { GremienStore } from '../../ports/gremien-store.js';
import type { Logger } from '../../ports/logger.js';
import type { BodyVersionRow } from '../../ports/records.js';

/** A body file's content as a short hash: a changed file is taken over as a new version. */
export const fileHash = (body: Body) =>
  createHash('sha256')
    .update(JSON.stringify(toBodyInput(body)))
    .digest('hex')
    .slice(0, 16);

/** A stored version read back through the rules core (one schema for what is written and read). */
export function versionOf(row: BodyVersionRow): BodyVersion {
  const body = parseBody(JSON.parse(row.definition), `version ${row.number}`);
  return {
    number: row.number,
    effectiveFrom: row.effectiveFrom,
    reason: row.reason,
    decision: row.decision,
    confirmedOn: row.confirmedOn,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    source: row.source,
    body: { ...body, version: { number: row.number, effectiveFrom: row.effectiveFrom } },
  };
}

/** A version as it is stored. */
export function rowOf(body: Body, v: Omit<BodyVersion, 'body'>): BodyVersionRow {
  return {
    number: v.number,
    effectiveFrom: v.effectiveFrom,
    reason: v.reason,
    decision: v.decision,
    confirmedOn: v.confirmedOn,
    createdAt: v.createdAt,
    createdBy: v.createdBy,
    source: v.source,
    definition: JSON.stringify(toBodyInput(body)),
  };
}

/**
 * The bodies as every use case looks them up (a `ReadonlyMap`, so lookups stay synchronous): each
 * body in the version of its rules in force today, read from Table Storage. The body files are
 * templates and the seed: a file whose content is new is taken over as a version of its own
 * (audited), once; amendments made in Teams are versions too. Every instance sees a new version
 * at its next turn (`refresh` reads one directory partition) and at every scheduler pass (`full`).
 */
export class BodyRegistry implements ReadonlyMap<string, Body> {
  private versions = new Map<string, readonly BodyVersion[]>();
  private seen = new Map<string, number>();

  constructor(
    private readonly store: GremienStore,
    private readonly clock: Clock,
    private readonly logger?: Logger,
  ) {}

  /**
   * Takes over the body files: a body without stored versions gets its file as version 1 (in
   * force from today); a file whose content changed since it was last taken over becomes a new
   * version (in force from today, reason "aus der Datei … übernommen"). Two instances starting at
   * once write it once (the second finds the version there).
   */
  async seed(files: readonly { body: Body; file: string }[]): Promise<void> {
    const now = this.clock.now();
    for (const { body, file } of files) {
      const rows = await this.store.bodyVersions(body.id);
      const source = `file:${file}#${fileHash(body)}`;
      const fromFiles = rows.filter((r) => r.source.startsWith(`file:`));
      if (fromFiles.at(-1)?.source.endsWith(`#${fileHash(body)}`)) continue;
      const number = (rows.at(-1)?.number ?? 0) + 1;
      const row = rowOf(body, {
        number,
        effectiveFrom: localDateOf(now),
        reason:
          number === 1 ? `Eingerichtet aus der Datei ${file}` : `Aus der geänderten Datei ${file} übernommen`,
        decision: '',
        confirmedOn: '',
        createdAt: now.toISOString(),
        createdBy: '',
        source,
      });
      try {
        await this.store.commitBodyVersion(body.id, row, {
          id: `seed-${body.id}-${number}`,
          at: now,
          actorAadObjectId: '',
          actorOfficeId: body.secretariat,
          action: number === 1 ? 'body.created' : 'body.amended',
          target: `body/${body.id}/v${number}`,
          before: '',
          after: JSON.stringify({ version: number, source: file }),
          activityId: '',
        });
        if (number > 1)
          this.logger?.warn('a changed body file was taken over as a new version of its rules', {
            body: body.id,
            version: number,
          });
      } catch (e) {
        if (!(e instanceof StorageConflictError)) throw e;
      }
    }
    // The files' bodies from their own partitions (another instance may not have listed its
    // version in the directory yet), then every other body the directory names.
    for (const { body } of files) await this.reload(body.id);
    await this.refresh(true);
  }

  /**
   * Reads what changed: the directory (one partition), then the versions of each body whose
   * latest number is new to this instance; `full` reads every body's versions.
   */
  async refresh(full = false): Promise<void> {
    const directory = await this.store.bodyDirectory();
    for (const { bodyId, latest } of directory) {
      if (!full && this.seen.get(bodyId) === latest) continue;
      await this.reload(bodyId);
    }
    if (full)
      for (const bodyId of this.versions.keys())
        if (!directory.some((d) => d.bodyId === bodyId)) await this.reload(bodyId);
  }

  /** Reads one body's versions again (after this instance wrote one). */
  async reload(bodyId: string): Promise<void> {
    const rows = await this.store.bodyVersions(bodyId);
    if (rows.length === 0) return;
    const versions: BodyVersion[] = [];
    for (const row of rows) {
      try {
        versions.push(versionOf(row));
      } catch (e) {
        // A stored version the rules core no longer accepts is skipped, never guessed at.
        this.logger?.error('a stored version of a body could not be read', {
          body: bodyId,
          version: row.number,
          error: e,
        });
      }
    }
    this.versions.set(bodyId, versions);
    this.seen.set(bodyId, rows.at(-1)?.number ?? 0);
  }

  /** Every version of a body, oldest first. */
  history(bodyId: string): readonly BodyVersion[] {
    return this.versions.get(bodyId) ?? [];
  }

  /** The version in force on `day` (today when omitted). */
  inForce(bodyId: string, day = localDateOf(this.clock.now())): BodyVersion | undefined {
    return versionInForce(this.history(bodyId), day);
  }

  get(id: string): Body | undefined {
    return this.inForce(id)?.body;
  }
  has(id: string): boolean {
    return this.versions.has(id);
  }
  get size(): number {
    return this.versions.size;
  }
  *keys(): MapIterator<string> {
    yield* this.versions.keys();
  }
  *values(): MapIterator<Body> {
    for (const id of this.versions.keys()) {
      const body = this.get(id);
      if (body) yield body;
    }
  }
  *entries(): MapIterator<[string, Body]> {
    for (const body of this.values()) yield [body.id, body];
  }
  [Symbol.iterator](): MapIterator<[string, Body]> {
    return this.entries();
  }
  forEach(cb: (value: Body, key: string, map: ReadonlyMap<string, Body>) => void): void {
    for (const [id, body] of this.entries()) cb(body, id, this);
  }
}

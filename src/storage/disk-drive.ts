import { randomUUID } from 'node:crypto';
import { link, mkdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { driveSegment } from '../domain/filing.js';
import { DriveError, type DriveTarget, type FiledFile, type GroupDrive } from '../ports/group-drive.js';

/**
 * The group drive as a folder on disk (local development and demo; a mounted file share). Same
 * layout and names as in Teams. Every segment is made safe again here (`driveSegment`) and the
 * result must lie inside the root, whatever a body or title contains. A file is written to a
 * temporary name and then linked to its name — which fails if the name exists — so a reader never
 * sees half a file and nothing is overwritten: a name filed before counts as filed.
 */
export class DiskGroupDrive implements GroupDrive {
  readonly kind = 'disk' as const;
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async file(
    _target: DriveTarget,
    folder: readonly string[],
    name: string,
    content: Buffer,
    _contentType: string,
  ): Promise<FiledFile> {
    const segments = [...folder.map(driveSegment), driveSegment(name)];
    const target = path.resolve(this.root, ...segments);
    if (!target.startsWith(`${this.root}${path.sep}`)) throw new DriveError('failed', 'outside the drive');
    const shown = segments.join('/');
    try {
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = path.join(path.dirname(target), `.${randomUUID()}.tmp`);
      await writeFile(temporary, content, { flag: 'wx' });
      try {
        await link(temporary, target);
      } catch (e) {
        // Filed before (an attempt whose answer was lost): names are unique per session and
        // version, and a released version never changes, so it stays as it is.
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      } finally {
        await unlink(temporary).catch(() => undefined);
      }
      return { path: shown };
    } catch (e) {
      if (e instanceof DriveError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
        throw new DriveError('permission', `no write access to the group drive folder (${code})`);
      throw new DriveError('retry', `group drive folder unavailable (${code ?? 'error'})`);
    }
  }
}

import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { driveSegment, protocolFilePath } from '../../src/domain/filing.js';
import { DiskGroupDrive } from '../../src/storage/disk-drive.js';

/** Every file below a folder, as paths relative to it. */
function filesBelow(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(path.relative(root, full));
    }
  };
  walk(root);
  return out.sort();
}

describe('names in the group drive', () => {
  it.each([
    ['characters SharePoint refuses', 'A"B*C:D<E>F?G/H\\I|J', 'A_B_C_D_E_F_G_H_I_J'],
    ['leading and trailing dots and spaces', ' ..AG Planung.. ', 'AG Planung'],
    ['a parent folder', '..', '_'],
    ['nothing left', '   ', '_'],
    ['control characters', 'AG\u0000\u0007Plan', 'AG__Plan'],
  ])('%s', (_name, text, expected) => {
    expect(driveSegment(text)).toBe(expected);
  });

  it('a protocol is found by body, year and date; the planned time keeps two sessions of a day apart', () => {
    expect(
      protocolFilePath(
        { shortName: 'AG Planung' },
        { sessionId: '2027-01-14-1000', date: '2027-01-14' },
        1,
        'docx',
      ),
    ).toEqual({
      folder: ['AG Planung', '2027'],
      name: '2027-01-14 10.00 Ergebnisprotokoll (Fassung 1).docx',
    });
    // A moved session: its id keeps the first date, the file its date now.
    expect(
      protocolFilePath(
        { shortName: 'UAG Infrastruktur' },
        { sessionId: '2027-02-11-1400-2', date: '2027-02-18' },
        2,
        'md',
      ).name,
    ).toBe('2027-02-18 14.00 (2) Ergebnisprotokoll (Fassung 2).md');
  });

  it('no segment can name another folder, whatever it contains (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const s = driveSegment(text);
        return (
          s.length > 0 &&
          s.length <= 120 &&
          !/[/\\]/.test(s) &&
          s !== '.' &&
          s !== '..' &&
          !/^[\s.]|[\s.]$/.test(s)
        );
      }),
    );
  });
});

describe('the group drive as a folder on disk', () => {
  const drive = () => {
    const root = mkdtempSync(path.join(tmpdir(), 'drive-'));
    return { root, drive: new DiskGroupDrive(root) };
  };
  const target = { bodyId: 'ag' };

  it('files under body and year, atomically; filing the same name again leaves the first as it is', async () => {
    const { root, drive: d } = drive();
    const filed = await d.file(target, ['AG Planung', '2027'], 'x.docx', Buffer.from('one'), 'application/x');
    expect(filed.path).toBe('AG Planung/2027/x.docx');
    expect(
      await d.file(target, ['AG Planung', '2027'], 'x.docx', Buffer.from('two'), 'application/x'),
    ).toEqual(filed);
    expect(readFileSync(path.join(root, 'AG Planung/2027/x.docx'), 'utf8')).toBe('one');
    // No temporary file stays behind.
    expect(filesBelow(root)).toEqual(['AG Planung/2027/x.docx']);
  });

  it('never writes outside its folder, whatever the body or title contains', async () => {
    const { root, drive: d } = drive();
    const hostile = ['..', '../..', '/etc', 'C:\\Windows', '..\\..', ' .. ', 'a/../../b'];
    for (const h of hostile) await d.file(target, [h, h], `${h}.md`, Buffer.from(h), 'text/markdown');
    const files = filesBelow(root);
    // Names that are the same once made safe are one file (the first stays).
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) expect(path.resolve(root, f).startsWith(`${root}${path.sep}`)).toBe(true);
    expect(files).toContain('_/_/md');
  });
});

import { strFromU8, unzipSync } from 'fflate';
import { expect } from 'vitest';

/** The text of every paragraph of a .docx (the XML of its main part), in order. */
export function docxParagraphs(file: Uint8Array): string[] {
  const entries = unzipSync(file);
  expect(Object.keys(entries)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
  const xml = strFromU8(entries['word/document.xml'] as Uint8Array);
  expect(xml).toMatch(/^<\?xml[^>]*\?>\s*<w:document /);
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) =>
      [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
        .map((m) => (m[1] === undefined ? ' ' : m[1]))
        .join(''),
    )
    .map(unescapeXml)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

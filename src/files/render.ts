import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block } from './protocol-blocks.js';

/**
 * The two renderers of a block list. Both write every block's text unchanged, so the Word
 * file and the Markdown say the same (a test unpacks the .docx and compares).
 */

/** Markdown: headings, bold lines, bullet lists and pipe tables (with `|` escaped). */
export function toMarkdown(blocks: readonly Block[]): string {
  const cell = (s: string) => escapeInline(s).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>') || ' ';
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'title':
        out.push(`# ${escapeInline(b.text)}`);
        break;
      case 'heading':
        out.push(`${b.level === 1 ? '##' : '###'} ${escapeInline(b.text)}`);
        break;
      case 'paragraph':
        out.push(
          b.text
            .split(/\r?\n/)
            .map((line) => (b.bold && line.trim() ? `**${escapeInline(line)}**` : escapeInline(line)))
            .join('  \n'),
        );
        break;
      case 'list':
        out.push(b.items.map((i) => `- ${escapeInline(i).replace(/\r?\n/g, ' ')}`).join('\n'));
        break;
      case 'table':
        out.push(
          [
            `| ${b.header.map(cell).join(' | ')} |`,
            `| ${b.header.map(() => '---').join(' | ')} |`,
            ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
          ].join('\n'),
        );
        break;
    }
  }
  return `${out.join('\n\n')}\n`;
}

/** Characters that would turn typed text into Markdown markup are escaped. */
function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]<>#])/g, '\\$1');
}

const FONT = 'Arial';

function runs(text: string, bold = false): TextRun[] {
  return text
    .split(/\r?\n/)
    .map((line, i) => new TextRun({ text: line, bold, font: FONT, break: i > 0 ? 1 : 0 }));
}

function tableOf(header: readonly string[], rows: readonly (readonly string[])[]): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
  const row = (cells: readonly string[], head: boolean) =>
    new TableRow({
      tableHeader: head,
      children: cells.map(
        (c) =>
          new TableCell({
            borders: { top: border, bottom: border, left: border, right: border },
            children: [new Paragraph({ children: runs(c, head) })],
          }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(header, true), ...rows.map((r) => row(r, false))],
  });
}

/** Word (.docx): A4, Arial, the body's name in the header, "Seite x von y" in the footer. */
export async function toDocx(
  blocks: readonly Block[],
  meta: { title: string; header: string; pageWord: string; ofWord: string },
): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'title':
        children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: runs(b.text, true) }));
        break;
      case 'heading':
        children.push(
          new Paragraph({
            heading: b.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
            children: runs(b.text, true),
          }),
        );
        break;
      case 'paragraph':
        children.push(new Paragraph({ spacing: { after: 120 }, children: runs(b.text, b.bold) }));
        break;
      case 'list':
        for (const item of b.items)
          children.push(new Paragraph({ bullet: { level: 0 }, children: runs(item) }));
        break;
      case 'table':
        children.push(tableOf(b.header, b.rows));
        children.push(new Paragraph({ children: [] }));
        break;
    }
  }
  const doc = new Document({
    creator: 'Gremienbot',
    title: meta.title,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1417, bottom: 1134, left: 1417, right: 1134 },
          },
        },
        headers: {
          default: new Header({
            children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: runs(meta.header) })],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    font: FONT,
                    children: [
                      `${meta.pageWord} `,
                      PageNumber.CURRENT,
                      ` ${meta.ofWord} `,
                      PageNumber.TOTAL_PAGES,
                    ],
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** CSV (RFC 4180, `;`-separated as German Excel expects, with a BOM so umlauts open right). */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const field = (s: string) => {
    // A leading = + - @ would be a formula in a spreadsheet: quote it with a leading apostrophe.
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `\uFEFF${[header, ...rows].map((r) => r.map(field).join(';')).join('\r\n')}\r\n`;
}

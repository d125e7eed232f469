import type { Locale } from '../../cards/locale.js';
import { textOf as t } from '../../cards/messages.js';
import type { Block } from './protocol-blocks.js';
import { toDocx } from './render.js';

export type ServedFile = {
  readonly contentType: string;
  readonly fileName: string;
  readonly content: string | Buffer;
};

/** A Word file of blocks in the reader's language, the body's name in the header. */
export function wordFile(locale: Locale, blocks: Block[], title: string, header: string): Promise<Buffer> {
  return toDocx(blocks, {
    title,
    header,
    pageWord: t(locale, 'doc.page'),
    ofWord: t(locale, 'doc.pageOf'),
  });
}

export const safeName = (s: string) => s.replace(/[^A-Za-z0-9-]+/g, '-');

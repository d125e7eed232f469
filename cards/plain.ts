/**
 * Text that people typed, made safe for a card's TextBlock, which renders a subset of
 * Markdown: emphasis, code and link syntax are backslash-escaped, and a line that would start
 * a list or a heading is escaped at its start. A title "[Hier klicken](https://…)" then shows as
 * typed instead of becoming a link in the bot's own card. Inputs' values are never escaped
 * (they are not rendered as Markdown).
 */
export function plain(text: string): string {
  return text
    .replace(/[\\`*_[\]]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#>+-])(?=\s|$)/gm, '$1\\$2')
    .replace(/^(\s*)(\d+)\.(?=\s)/gm, '$1$2\\.');
}

/** A link target for Markdown `[text](url)`: characters that could end or break the link are percent-encoded. */
export function linkTarget(url: string): string {
  return url.replace(
    /[()[\]<>\s\\`*_]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/**
 * Text put into XML or HTML (the xdomea message, the in-meeting notification's page): the five
 * characters markup gives meaning to escaped, and the control characters XML 1.0 cannot carry
 * removed (the bot refuses them in typed text; kept out here too).
 */
export function escapeMarkup(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing what XML forbids is the point.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
  );
}

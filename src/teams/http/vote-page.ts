import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Application, Request } from 'express';
import { type Locale, localeFrom } from '../../../cards/locale.js';
import { type MessageKey, t } from '../../../cards/messages.js';
import type { FileLinks } from '../../app/files/file-links.js';
import { type VotePage, verifyVotePage, votePage } from '../../app/meetings/vote-notice.js';
import type { MembershipDeps } from '../../app/shared/deps.js';
import { escapeMarkup } from '../../files/markup.js';
import type { Logger } from '../../ports/logger.js';

/**
 * The page the in-meeting notification shows on the meeting stage (#28): which vote is open and
 * how many offices have voted, read when it is opened, and where to vote (the card in the meeting
 * chat). It acts on nothing and names nobody; the link is signed, for this vote, for a day.
 * Teams shows it framed, so it may be framed by Teams only; its one script is the Teams client
 * library (served from here, no CDN), which tells Teams the page is ready.
 */

/** Who may frame the page: the Teams clients (web, desktop, the new cloud.microsoft domain). */
const FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://*.skype.com',
];

const HEADERS = {
  'content-security-policy': `default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; frame-ancestors ${FRAME_ANCESTORS.join(' ')}; base-uri 'none'; form-action 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

/** Tells Teams the page has loaded (outside Teams the library does nothing; the page reads the same). */
const READY_SCRIPT =
  'window.microsoftTeams&&microsoftTeams.app.initialize().then(function(){microsoftTeams.app.notifySuccess()}).catch(function(){});\n';

export function mountVotePage(
  web: Application,
  deps: MembershipDeps & { files?: FileLinks; logger: Logger },
): void {
  const teamsJs = readFileSync(createRequire(import.meta.url).resolve('@microsoft/teams-js'));
  web.get('/meeting/teams.js', (_req, res) => {
    res
      .status(200)
      .set('content-type', 'text/javascript; charset=utf-8')
      .set('x-content-type-options', 'nosniff')
      .set('cache-control', 'public, max-age=86400')
      .send(teamsJs);
  });
  web.get('/meeting/ready.js', (_req, res) => {
    res
      .status(200)
      .set('content-type', 'text/javascript; charset=utf-8')
      .set('x-content-type-options', 'nosniff')
      .set('cache-control', 'public, max-age=86400')
      .send(READY_SCRIPT);
  });
  web.get('/meeting/vote/:token', async (req, res) => {
    const locale = localeOf(req);
    const files = deps.files;
    const claim = files ? verifyVotePage(files.secret, req.params.token, deps.clock.now()) : undefined;
    const page = claim
      ? await votePage(deps, claim).catch((e: unknown) => {
          deps.logger.error('vote page could not be read', { error: e });
          return undefined;
        })
      : undefined;
    // A wrong, expired or foreign link, or a vote that is gone: the same page, nothing revealed.
    res
      .status(page ? 200 : 404)
      .set(HEADERS)
      .set('content-type', 'text/html; charset=utf-8')
      .send(renderVotePage(locale, page));
  });
}

/** The reader's language from the browser (Teams frames the page with the client's language). */
const localeOf = (req: Request): Locale => localeFrom(req.header('accept-language')?.split(',')[0]);

const escapeHtml = escapeMarkup;

/** The page's HTML: every text escaped; German unless the reader's browser asks for English. */
export function renderVotePage(locale: Locale, page: VotePage | undefined): string {
  const p = (key: MessageKey, params: Record<string, string | number> = {}, cls = '') =>
    `<p${cls ? ` class="${cls}"` : ''}>${escapeHtml(t(locale, key, params))}</p>`;
  const lines = !page
    ? [p('votePage.gone')]
    : [
        `<h1>${escapeHtml(t(locale, 'votePage.heading', { body: page.bodyName }))}</h1>`,
        `<h2>${escapeHtml(t(locale, 'votePage.item', { number: page.number, title: page.title }))}</h2>`,
        page.status === 'open'
          ? p('votePage.open', {}, 'state')
          : p(page.status === 'annulled' ? 'votePage.annulled' : 'votePage.closed', {}, 'state'),
        ...(page.status !== 'annulled'
          ? [p('votePage.progress', { voted: page.voted, electorate: page.electorate })]
          : []),
        ...(page.result ? [p(`votePage.${page.result}`, {}, 'result')] : []),
      ];
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(page ? t(locale, 'meeting.voteBubble', { number: page.number }) : 'Gremienbot')}</title>
<style>
  body { font-family: "Segoe UI", system-ui, sans-serif; margin: 16px; color: #242424; background: #fff; line-height: 1.4; }
  h1 { font-size: 14px; font-weight: 600; margin: 0 0 8px; color: #424242; }
  h2 { font-size: 18px; font-weight: 600; margin: 0 0 12px; overflow-wrap: anywhere; }
  p { font-size: 14px; margin: 0 0 8px; }
  .state { font-weight: 600; }
  .result { font-weight: 600; color: #1f5c99; }
  @media (prefers-color-scheme: dark) { body { color: #fff; background: #1f1f1f; } h1 { color: #d6d6d6; } .result { color: #8ab4e8; } }
</style>
<script src="../teams.js" defer></script>
<script src="../ready.js" defer></script>
</head>
<body>
<main>
${lines.join('\n')}
</main>
</body>
</html>
`;
}

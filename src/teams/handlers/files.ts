import type { Application } from 'express';
import type { z } from 'zod';
import type { CardActions } from '../../../cards/actions.js';
import { type AdaptiveCard, adaptiveCard, paragraph } from '../../../cards/adaptive-card.js';
import { formatDayTime } from '../../../cards/format.js';
import { cardLang, type Locale } from '../../../cards/locale.js';
import { t } from '../../../cards/messages.js';
import { type FileLinks, fileLink, type LinkResult } from '../../app/files/file-links.js';
import { fileFor } from '../../app/files/serve-file.js';
import { verifyFileLink } from '../../app/files/signed-links.js';
import type { MembershipDeps } from '../../app/shared/deps.js';
import { renderFile } from '../../files/documents.js';
import type { Logger } from '../../ports/logger.js';
import { notice, refusalCard } from '../refusals.js';
import { type Ctx, personOf } from './context.js';

/** A download button (calendar invite, agenda, protocol): a link for the clicker (a member), valid for a short time. */
export async function fileLinkAction(
  deps: MembershipDeps & { files?: FileLinks },
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['file.link']>,
): Promise<AdaptiveCard> {
  const result = await fileLink(deps, deps.files, {
    kind: data.kind,
    bodyId: data.bodyId,
    sessionId: data.sessionId,
    ...(data.version ? { version: data.version } : {}),
    actorAadObjectId: ctx.activity.from.aadObjectId ?? '',
    actor: personOf(ctx),
    locale,
  });
  return linkCard(locale, result);
}

/** The answer to a link request: the download button, or why there is none. */
export function linkCard(locale: Locale, result: LinkResult, intro?: string): AdaptiveCard {
  if (result.kind === 'refused') {
    if (result.reason === 'notMember') return notice(locale, 'file.notMember', {}, true);
    if (result.reason === 'filesOff') return notice(locale, 'file.off', {}, true);
    if (result.reason === 'notReleased') return notice(locale, 'protocol.none', {}, true);
    if (result.reason === 'badRange') return notice(locale, 'audit.badRange', {}, true);
    return refusalCard(locale, result.reason);
  }
  return adaptiveCard(
    cardLang(locale),
    [
      ...(intro ? [paragraph(intro, { weight: 'Bolder' as const })] : []),
      paragraph(t(locale, 'file.ready', { until: formatDayTime(locale, result.expiresAt) })),
    ],
    [{ type: 'Action.OpenUrl', title: t(locale, 'file.open'), url: result.url }],
  );
}

/**
 * GET /files/<token>: serves the file a signed link names. Anything wrong — tampered,
 * expired, signed with another key, holder no longer a member, subject gone — is the same
 * 403 with no detail.
 */
export function mountFiles(
  web: Application,
  deps: MembershipDeps & { files?: FileLinks; logger: Logger },
): void {
  web.get('/files/:token', async (req, res) => {
    const files = deps.files;
    const claim = files ? verifyFileLink(files.secret, req.params.token, deps.clock.now()) : undefined;
    // The use case says what the file holds; it is rendered here, in the reader's language.
    const file = claim
      ? await fileFor(deps, claim)
          .then((content) => (content ? renderFile(content, claim.locale ?? 'de') : undefined))
          .catch((e: unknown) => {
            deps.logger.error('file could not be served', { error: e });
            return undefined;
          })
      : undefined;
    if (!file) {
      res
        .status(403)
        .set('x-content-type-options', 'nosniff')
        .set('cache-control', 'no-store')
        .json({ error: 'forbidden' });
      return;
    }
    res
      .status(200)
      .set('content-type', file.contentType)
      .set('content-disposition', `attachment; filename="${file.fileName}"`)
      .set('x-content-type-options', 'nosniff')
      .set('cache-control', 'no-store')
      .send(file.content);
  });
}

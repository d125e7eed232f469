import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import type { Locale } from '../../../cards/locale.js';
import { personalDataCard } from '../../../cards/privacy-cards.js';
import { personalLinks } from '../../app/files/file-links.js';
import { personalData, recordCounts } from '../../app/privacy/personal-data.js';
import { activityFacts } from '../activity-facts.js';
import { notice } from '../refusals.js';
import type { Ctx } from './context.js';
import type { BotDeps } from './deps.js';
import { linkCard } from './files.js';

/**
 * `meine daten` (Art. 15 DSGVO): everything stored about the person who asks — who that is comes
 * from the platform —, in their personal chat only (a channel would show it to everyone there).
 * The answer counts the records by kind and offers the JSON file and the readable Word copy.
 */
export async function myDataCommand(deps: BotDeps, ctx: Ctx, locale: Locale): Promise<AdaptiveCard> {
  if (ctx.activity.conversation.conversationType !== 'personal')
    return notice(locale, 'personal.onlyPersonal', {}, true);
  const { tenantId, aadObjectId } = activityFacts(ctx.activity);
  // Whose data is matched by the platform's identity alone: without it there is nobody to match.
  if (!aadObjectId || !tenantId) return notice(locale, 'personal.noIdentity', {}, true);
  const links = personalLinks(deps, deps.files, {
    aadObjectId: aadObjectId ?? '',
    tenantId: tenantId ?? '',
    locale,
  });
  if (links.json.kind === 'refused' || links.docx.kind === 'refused') return linkCard(locale, links.json);
  const data = await personalData(deps, {
    aadObjectId: aadObjectId ?? '',
    tenantId: tenantId ?? '',
  });
  const counts = recordCounts(data);
  deps.logger.info('personal data access issued', {
    records: Object.values(counts).reduce((sum, n) => sum + n, 0),
  });
  return personalDataCard(locale, {
    counts,
    jsonUrl: links.json.url,
    docxUrl: links.docx.url,
    expiresAt: links.json.expiresAt,
  });
}

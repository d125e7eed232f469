import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import { type HelpLine, helpCard } from '../../../cards/help-card.js';
import type { Locale } from '../../../cards/locale.js';
import type { MembershipDeps } from '../../app/shared/deps.js';
import { rulesSummary } from '../../domain/body.js';
import { bodyOfChatOrChannel, type Ctx } from './context.js';

/** The help card: the commands, and the rules of the body it is asked in (or the person's body), if any. */
export async function helpReply(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  commands: readonly HelpLine[],
): Promise<AdaptiveCard> {
  const body = await bodyOfChatOrChannel(deps, ctx).catch(() => undefined);
  return helpCard({ locale, commands, ...(body ? { rules: rulesSummary(body) } : {}) });
}

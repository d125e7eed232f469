import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import type { Locale } from '../../../cards/locale.js';
import { decisionCard, registerCard } from '../../../cards/register-cards.js';
import { isMember } from '../../app/files/file-links.js';
import { findDecision, listDecisions } from '../../app/register/list-decisions.js';
import type { MembershipDeps } from '../../app/shared/deps.js';
import { notice, refusalCard } from '../refusals.js';
import { bodyOfChatOrChannel, type Ctx, personOf } from './context.js';

/** The body of a register command, or the refusal: no body here, or the person may not read it. */
async function readableBody(deps: MembershipDeps, ctx: Ctx, locale: Locale) {
  const body = await bodyOfChatOrChannel(deps, ctx);
  if (!body) return refusalCard(locale, 'noBody');
  // Members (and the SPK) read the register; who asks comes from the platform.
  const person = personOf(ctx);
  if (!(await isMember(deps, body.id, person.aadObjectId, person))) return refusalCard(locale, 'notMember');
  return body;
}

/** `beschlüsse [Jahr|Wort]`. */
export async function decisionsCommand(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  query: string,
): Promise<AdaptiveCard> {
  const body = await readableBody(deps, ctx, locale);
  if ('type' in body) return body;
  const list = await listDecisions(deps, body, query);
  return registerCard(locale, { bodyName: body.name, ...list });
}

/** `beschluss 2027/03`. */
export async function decisionCommand(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  number: string,
): Promise<AdaptiveCard> {
  const body = await readableBody(deps, ctx, locale);
  if ('type' in body) return body;
  const found = await findDecision(deps, body, number);
  if (found === 'invalid') return notice(locale, 'register.invalid', {}, true);
  if (found === 'unknown') return notice(locale, 'register.unknown', {}, true);
  return decisionCard(locale, found);
}

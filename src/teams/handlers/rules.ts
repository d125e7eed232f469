import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import type { Locale } from '../../../cards/locale.js';
import { textOf as t } from '../../../cards/messages.js';
import { rulesCard, rulesHistoryCard } from '../../../cards/rules-cards.js';
import { spkDocumentLink } from '../../app/files/file-links.js';
import { isSpk } from '../../app/shared/secretariat.js';
import { changesBetween } from '../../domain/body-versions.js';
import { localDateOf } from '../../domain/calendar.js';
import { refusalCard } from '../refusals.js';
import type { Ctx } from './context.js';
import { bodyOfChatOrChannel, personOf } from './context.js';
import type { BotDeps } from './deps.js';
import { linkCard } from './files.js';
import { readableBody } from './register.js';

/** `geschäftsordnung`: the rules in force, in words, and a version that is yet to come. */
export async function rulesCommand(deps: BotDeps, ctx: Ctx, locale: Locale): Promise<AdaptiveCard> {
  const body = await readableBody(deps, ctx, locale);
  if ('type' in body) return body;
  const version = deps.registry?.inForce(body.id);
  if (!version) return refusalCard(locale, 'unknownBody');
  const today = localDateOf(deps.clock.now());
  const upcoming = deps.registry
    ?.history(body.id)
    .find((v) => v.effectiveFrom > today && v.number > version.number);
  return rulesCard(locale, { version, ...(upcoming ? { upcoming } : {}) });
}

/** `gremium exportieren` (SPK): the version in force as a body file (YAML), for them alone. */
export async function exportBodyCommand(deps: BotDeps, ctx: Ctx, locale: Locale): Promise<AdaptiveCard> {
  const body = await bodyOfChatOrChannel(deps, ctx);
  if (!body) return refusalCard(locale, 'noBody');
  const person = personOf(ctx);
  if (!(await isSpk(deps, body, person))) return refusalCard(locale, 'notSecretariat');
  const version = deps.registry?.inForce(body.id);
  const link = spkDocumentLink(deps, deps.files, {
    kind: 'body.yaml',
    bodyId: body.id,
    sessionId: '',
    ...(version ? { version: version.number } : {}),
    aad: person.aadObjectId,
    locale,
  });
  return linkCard(
    locale,
    link,
    t(locale, 'rules.exportReady', { body: body.name, number: version?.number ?? 1 }),
  );
}

/** `geschäftsordnung verlauf`: every version with what it changed against the one before. */
export async function rulesHistoryCommand(deps: BotDeps, ctx: Ctx, locale: Locale): Promise<AdaptiveCard> {
  const body = await readableBody(deps, ctx, locale);
  if ('type' in body) return body;
  const history = deps.registry?.history(body.id) ?? [];
  return rulesHistoryCard(locale, {
    bodyName: body.name,
    versions: history.map((v, i) => {
      const before = history[i - 1];
      return { ...v, changes: before ? changesBetween(before.body, v.body) : [] };
    }),
  });
}

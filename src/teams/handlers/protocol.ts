import type { z } from 'zod';
import type { CardActions } from '../../../cards/actions.js';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import { formatDate, formatTime } from '../../../cards/format.js';
import type { Locale } from '../../../cards/locale.js';
import { t } from '../../../cards/messages.js';
import { protocolCard, protocolDraftCard } from '../../../cards/protocol-cards.js';
import { auditLink, type FileLinks } from '../../app/files/file-links.js';
import { findOpenDraft, findProtocol } from '../../app/protocol/find-protocol.js';
import type { ProtocolRefusal } from '../../app/protocol/protocol-context.js';
import { draftNotes, protocolDraft } from '../../app/protocol/protocol-draft.js';
import { saveProtocol } from '../../app/protocol/save-protocol.js';
import { startCorrection } from '../../app/protocol/start-correction.js';
import { endSession } from '../../app/session-run/end-session.js';
import { sessionsOn } from '../../app/sessions/session-queries.js';
import type { MembershipDeps } from '../../app/shared/deps.js';
import { isSpk } from '../../app/shared/secretariat.js';
import type { Body } from '../../domain/body.js';
import { localDateOf, type PlainDate, parseUserDate } from '../../domain/calendar.js';
import { LIMITS } from '../../domain/limits.js';
import type { ProtocolDocument } from '../../domain/protocol.js';
import { notice, refusalCard } from '../refusals.js';
import type { Ctx } from './context.js';
import { bodyOfChatOrChannel, channelSession, isCard, personOf } from './context.js';
import { linkCard } from './files.js';

function refused(locale: Locale, reason: ProtocolRefusal, date = '', openItems: readonly number[] = []) {
  switch (reason) {
    case 'sessionNotRunning':
      return notice(locale, 'protocol.notRunning', {}, true);
    case 'openVotes':
      return notice(locale, 'protocol.openVotes', { items: openItems.join(', ') }, true);
    case 'sessionNotEnded':
      return notice(locale, 'protocol.notEnded', {}, true);
    case 'alreadyReleased':
      return notice(locale, 'protocol.alreadyReleased', { date }, true);
    case 'nothingReleased':
      return notice(locale, 'protocol.nothingReleased', {}, true);
    case 'correctionReasonMissing':
      return notice(locale, 'protocol.reasonMissing', {}, true);
    case 'noteTooLong':
      return notice(
        locale,
        'protocol.noteTooLong',
        {
          max: LIMITS.protocolNote.max,
          remarks: LIMITS.protocolRemarks.max,
          reason: LIMITS.correctionReason.max,
        },
        true,
      );
    case 'noteText':
      return notice(locale, 'protocol.noteText', {}, true);
    case 'tooLarge':
      return notice(locale, 'protocol.tooLarge', {}, true);
    default:
      return refusalCard(locale, reason);
  }
}

/** The draft card for a document, with the item ids its result fields are keyed by. */
async function draftCard(
  deps: MembershipDeps,
  body: Body,
  sessionId: string,
  locale: Locale,
  doc: ProtocolDocument,
  intro?: string,
): Promise<AdaptiveCard> {
  const { itemIds, notes } = await draftNotes(deps, body.id, sessionId);
  return protocolDraftCard(locale, doc, { ...(intro ? { intro } : {}), notes, itemIds });
}

/** `sitzung beenden` (SPK): ends today's session and answers with the protocol's draft. */
export async function endSessionCommand(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
): Promise<AdaptiveCard> {
  const context = await channelSession(deps, ctx, locale, 'protocol.notRunning');
  if ('type' in context) return context;
  return endAndDraft(deps, ctx, locale, context.body, context.session.sessionId);
}

/** "Sitzung beenden" on the meeting-end card (SPK): ends exactly the session the card showed. */
export async function endSessionAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['session.end']>,
): Promise<AdaptiveCard> {
  const body = deps.bodies.get(data.bodyId);
  if (!body) return refusalCard(locale, 'unknownBody');
  return endAndDraft(deps, ctx, locale, body, data.sessionId);
}

async function endAndDraft(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  body: Body,
  sessionId: string,
): Promise<AdaptiveCard> {
  const result = await endSession(deps, {
    bodyId: body.id,
    sessionId,
    actor: personOf(ctx),
    activityId: ctx.activity.id,
  });
  if (result.kind === 'refused') return refused(locale, result.reason, '', result.openItems);
  if (!result.draft)
    return notice(locale, 'protocol.endedWithoutDraft', { time: formatTime(deps.clock.now()) });
  return draftCard(
    deps,
    body,
    sessionId,
    locale,
    result.draft,
    t(locale, 'protocol.ended', { time: formatTime(deps.clock.now()) }),
  );
}

/** "Entwurf speichern" / "Freigeben" on the draft card (SPK). */
export async function saveProtocolAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: z.output<(typeof CardActions)['protocol.save']>,
): Promise<AdaptiveCard> {
  const body = deps.bodies.get(data.bodyId);
  if (!body) return refusalCard(locale, 'unknownBody');
  const notes: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith('note_')) continue;
    if (typeof value !== 'string') return notice(locale, 'refused.badCard', {}, true);
    notes[key.slice('note_'.length)] = value;
  }
  const actor = personOf(ctx);
  const result = await saveProtocol(deps, {
    bodyId: body.id,
    sessionId: data.sessionId,
    actor,
    activityId: ctx.activity.id,
    input: { notes, remarks: data.remarks },
    release: data.release,
    correctionReason: data.correctionReason,
  });
  if (result.kind === 'refused') {
    return refused(locale, result.reason, result.date ? formatDate(locale, result.date) : '');
  }
  if (result.kind === 'released') {
    const card = protocolCard(locale, result.document);
    card.body.unshift({
      type: 'TextBlock',
      text: t(locale, 'protocol.released', { version: result.document.version }),
      wrap: true,
      weight: 'Bolder',
      color: 'Good',
    });
    return card;
  }
  const draft = await protocolDraft(deps, body, data.sessionId, actor);
  if (typeof draft === 'string') return refused(locale, draft);
  return draftCard(deps, body, data.sessionId, locale, draft.document, t(locale, 'protocol.saved'));
}

/** The date a person typed (German or ISO), or undefined when none was typed. */
function dateArg(text: string): PlainDate | 'bad' | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return parseUserDate(trimmed) ?? 'bad';
}

/** The body a protocol command is about and the date typed (undefined: none), or the refusal. */
async function bodyAndDate(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  text: string,
): Promise<{ body: Body; date: PlainDate | undefined } | AdaptiveCard> {
  const body = await bodyOfChatOrChannel(deps, ctx);
  if (!body) return refusalCard(locale, 'noBody');
  const date = dateArg(text);
  if (date === 'bad') return notice(locale, 'protocol.badDate', {}, true);
  return { body, date };
}

/** `protokoll [Datum]`: the latest released protocol of the body, or the one of that day. */
export async function protocolCommand(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  dateText_: string,
): Promise<AdaptiveCard> {
  const context = await bodyAndDate(deps, ctx, locale, dateText_);
  if (isCard(context)) return context;
  const { body, date } = context;
  // The SPK comes back to a draft not yet released (after `sitzung beenden`, or a correction).
  if (await isSpk(deps, body, personOf(ctx))) {
    const sessionId = await findOpenDraft(deps, body, date);
    const draft = sessionId ? await protocolDraft(deps, body, sessionId, personOf(ctx)) : undefined;
    if (sessionId && draft && typeof draft !== 'string')
      return draftCard(deps, body, sessionId, locale, draft.document, t(locale, 'protocol.draftAgain'));
  }
  const found = await findProtocol(deps, body, date);
  if (found.kind === 'found') return protocolCard(locale, found.document);
  if (found.kind === 'noSession')
    return notice(locale, 'protocol.noSession', { date: formatDate(locale, date ?? '') }, true);
  if (found.kind === 'notReleased')
    return notice(locale, 'protocol.notReleased', { date: formatDate(locale, date ?? '') }, true);
  return notice(locale, 'protocol.none');
}

/** `protokoll korrigieren <Datum>` (SPK): reopens the released protocol for a corrected version. */
export async function correctProtocolCommand(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  dateText_: string,
): Promise<AdaptiveCard> {
  const context = await bodyAndDate(deps, ctx, locale, dateText_);
  if (isCard(context)) return context;
  const { body } = context;
  const date = context.date ?? localDateOf(deps.clock.now());
  const session = (await sessionsOn(deps, body, date)).find((s) => s.session.status === 'ended');
  if (!session) return notice(locale, 'protocol.noSession', { date: formatDate(locale, date) }, true);
  const result = await startCorrection(deps, {
    bodyId: body.id,
    sessionId: session.sessionId,
    actor: personOf(ctx),
    activityId: ctx.activity.id,
  });
  if (result.kind === 'refused') return refused(locale, result.reason);
  return draftCard(deps, body, session.sessionId, locale, result.document);
}

/** `audit <von> <bis>` (SPK): a download link for the body's audit trail of that period, as CSV. */
export async function auditCommand(
  deps: MembershipDeps & { files?: FileLinks },
  ctx: Ctx,
  locale: Locale,
  fromText: string,
  toText: string,
): Promise<AdaptiveCard> {
  const body = await bodyOfChatOrChannel(deps, ctx);
  if (!body) return refusalCard(locale, 'noBody');
  const from = parseUserDate(fromText.trim());
  const to = parseUserDate(toText.trim());
  if (!from || !to) return notice(locale, 'audit.usage', {}, true);
  const result = await auditLink(deps, deps.files, {
    bodyId: body.id,
    actor: personOf(ctx),
    from,
    to,
    locale,
  });
  return linkCard(
    locale,
    result,
    result.kind === 'ok'
      ? t(locale, 'audit.ready', {
          from: formatDate(locale, from),
          to: formatDate(locale, to),
          count: result.entries ?? 0,
        })
      : undefined,
  );
}

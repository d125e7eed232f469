import { type AdaptiveCard, adaptiveCard, paragraph } from '../../../cards/adaptive-card.js';
import { formatDate, formatDayTime } from '../../../cards/format.js';
import { cardLang, type Locale } from '../../../cards/locale.js';
import { type MessageKey, textOf as t } from '../../../cards/messages.js';
import { decisionCard, registerCard } from '../../../cards/register-cards.js';
import { archiveYear } from '../../app/archive/archive-year.js';
import { isMember, type LinkResult, registerLinks, spkDocumentLink } from '../../app/files/file-links.js';
import { lineOf, listFollowUps } from '../../app/follow-ups/follow-ups.js';
import { releasedProtocolDocument } from '../../app/protocol/find-protocol.js';
import {
  type Filing,
  fileNow,
  madeStamp,
  registerEntries,
  reportFacts,
} from '../../app/register/documents.js';
import { findDecision, listDecisions } from '../../app/register/list-decisions.js';
import { REPORT_MAX_DAYS } from '../../app/register/report.js';
import type { MembershipDeps } from '../../app/shared/deps.js';
import { isSpk } from '../../app/shared/secretariat.js';
import { isArchivableYear } from '../../domain/archive.js';
import type { Body } from '../../domain/body.js';
import { isPeriodWithin, parseUserDate } from '../../domain/calendar.js';
import {
  archiveFilePath,
  basisFilePath,
  drivePathText,
  protocolFilePath,
  reportFilePath,
} from '../../domain/filing.js';
import { renderFile } from '../../files/documents.js';
import type { Decision } from '../../ports/records.js';
import { notice, refusalCard } from '../refusals.js';
import { bodyOfChatOrChannel, type Ctx, personOf, spkBody } from './context.js';
import type { BotDeps } from './deps.js';
import { linkCard } from './files.js';

/** The body of a register command, or the refusal: no body here, or the person may not read it. */
export async function readableBody(deps: MembershipDeps, ctx: Ctx, locale: Locale) {
  const body = await bodyOfChatOrChannel(deps, ctx);
  if (!body) return refusalCard(locale, 'noBody');
  // Members (and the SPK) read the register; who asks comes from the platform.
  const person = personOf(ctx);
  if (!(await isMember(deps, body.id, person.aadObjectId, person))) return refusalCard(locale, 'notMember');
  return body;
}

/**
 * A decision by its number (`2027/03`) in the body's register, or the answer saying why there is
 * none: how to write the number (`usage`, the command's own words) or that it does not exist.
 */
export async function decisionByNumber(
  deps: MembershipDeps,
  body: Body,
  locale: Locale,
  number: string,
  usage: MessageKey,
): Promise<Decision | AdaptiveCard> {
  const found = await findDecision(deps, body, number);
  if (found === 'invalid') return notice(locale, usage, {}, true);
  if (found === 'unknown') return notice(locale, 'register.unknown', {}, true);
  return found;
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
  return registerCard(locale, { bodyId: body.id, bodyName: body.name, ...list });
}

/** "Weitere Beschlüsse" on the list: the next page with the same filter (members only). */
export async function registerPageAction(
  deps: MembershipDeps,
  ctx: Ctx,
  locale: Locale,
  data: { bodyId: string; query: string; page: number },
): Promise<AdaptiveCard> {
  const body = deps.bodies.get(data.bodyId);
  if (!body) return refusalCard(locale, 'unknownBody');
  const person = personOf(ctx);
  if (!(await isMember(deps, body.id, person.aadObjectId, person))) return refusalCard(locale, 'notMember');
  const list = await listDecisions(deps, body, data.query, data.page);
  return registerCard(locale, { bodyId: body.id, bodyName: body.name, ...list });
}

/** `beschluss 2027/03`. */
export async function decisionCommand(
  deps: BotDeps,
  ctx: Ctx,
  locale: Locale,
  number: string,
): Promise<AdaptiveCard> {
  const body = await readableBody(deps, ctx, locale);
  if ('type' in body) return body;
  const found = await decisionByNumber(deps, body, locale, number, 'register.invalid');
  if ('type' in found) return found;
  const followUps = (await listFollowUps(deps, body, { ref: found.ref })).map(lineOf);
  const spk = await isSpk(deps, body, personOf(ctx));
  // Its session's released protocol (the latest version): where it is filed, and its download.
  const doc = found.sessionId
    ? await releasedProtocolDocument(deps.store, body.id, found.sessionId)
    : undefined;
  return decisionCard(locale, found, {
    followUps,
    ...(spk ? { spk: { bodyId: body.id } } : {}),
    ...(doc
      ? {
          protocol: {
            bodyId: body.id,
            sessionId: doc.sessionId,
            version: doc.version,
            ...(deps.drive ? { path: drivePathText(protocolFilePath(body, doc, doc.version, 'docx')) } : {}),
          },
        }
      : {}),
  });
}

/** A document's answer: what was made, where it was filed (or why not), and the download. */
function documentCard(locale: Locale, intro: string, filing: Filing, link: LinkResult): AdaptiveCard {
  const filed =
    filing.kind === 'filed'
      ? [paragraph(t(locale, 'doc.filedAt', { path: filing.path }), { size: 'Small' })]
      : filing.kind === 'notFiled'
        ? [
            paragraph(t(locale, filing.permission ? 'doc.notFiledPermission' : 'doc.notFiled'), {
              size: 'Small',
              color: 'Warning',
            }),
          ]
        : [];
  const actions = [
    ...(link.kind === 'ok'
      ? [{ type: 'Action.OpenUrl' as const, title: t(locale, 'file.open'), url: link.url }]
      : []),
    ...(filing.kind === 'filed' && filing.webUrl
      ? [{ type: 'Action.OpenUrl' as const, title: t(locale, 'protocol.openFiled'), url: filing.webUrl }]
      : []),
  ];
  return adaptiveCard(
    cardLang(locale),
    [
      paragraph(intro, { weight: 'Bolder' }),
      ...filed,
      ...(link.kind === 'ok'
        ? [
            paragraph(t(locale, 'file.ready', { until: formatDayTime(locale, link.expiresAt) }), {
              size: 'Small',
            }),
          ]
        : []),
    ],
    actions,
  );
}

/**
 * `grundlage 2027/03` (SPK): the decision's Entscheidungsgrundlage as a Word file, filed in the
 * group drive beside the protocols and offered for download.
 */
export async function basisCommand(
  deps: BotDeps,
  ctx: Ctx,
  locale: Locale,
  number: string,
): Promise<AdaptiveCard> {
  const body = await spkBody(deps, ctx, locale, 'chatOrChannel');
  if ('type' in body) return body;
  const found = await decisionByNumber(deps, body, locale, number, 'basis.usage');
  if ('type' in found) return found;
  const now = deps.clock.now();
  // Filed in German, the language of the Bezirksamt's files; downloaded in the reader's.
  const filing = await fileNow(
    deps,
    body,
    basisFilePath(body, found),
    await renderFile({ kind: 'basis', body, decision: found, madeAt: now }, 'de'),
  );
  const link = spkDocumentLink(deps, deps.files, {
    kind: 'basis.docx',
    bodyId: body.id,
    sessionId: '',
    year: found.year,
    number: found.number,
    aad: personOf(ctx).aadObjectId,
    locale,
  });
  return documentCard(locale, t(locale, 'basis.ready', { label: found.label }), filing, link);
}

/** `bericht 01.01.2027 30.06.2027` (SPK): the report to the Bezirksamt, filed and downloadable. */
export async function reportCommand(
  deps: BotDeps,
  ctx: Ctx,
  locale: Locale,
  fromText: string,
  toText: string,
): Promise<AdaptiveCard> {
  const body = await spkBody(deps, ctx, locale, 'chatOrChannel');
  if ('type' in body) return body;
  const from = parseUserDate(fromText.trim());
  const to = parseUserDate(toText.trim());
  if (!from || !to) return notice(locale, 'report.usage', {}, true);
  if (!isPeriodWithin(from, to, REPORT_MAX_DAYS)) return notice(locale, 'report.badRange', {}, true);
  const now = deps.clock.now();
  const facts = await reportFacts(deps, body, from, to);
  const filing = await fileNow(
    deps,
    body,
    reportFilePath(body, madeStamp(now), from, to),
    await renderFile({ kind: 'report', body, facts, madeAt: now }, 'de'),
  );
  const link = spkDocumentLink(deps, deps.files, {
    kind: 'report.docx',
    bodyId: body.id,
    sessionId: '',
    from,
    to,
    aad: personOf(ctx).aadObjectId,
    locale,
  });
  return documentCard(
    locale,
    t(locale, 'report.ready', { from: formatDate(locale, from), to: formatDate(locale, to) }),
    filing,
    link,
  );
}

/** `beschlüsse export [Jahr]`: the register as CSV and Word, for members. */
export async function registerExportCommand(
  deps: BotDeps,
  ctx: Ctx,
  locale: Locale,
  yearText: string,
): Promise<AdaptiveCard> {
  const body = await readableBody(deps, ctx, locale);
  if ('type' in body) return body;
  const year = /^\d{4}$/.test(yearText.trim()) ? Number(yearText.trim()) : undefined;
  const links = await registerLinks(deps, deps.files, {
    bodyId: body.id,
    actor: personOf(ctx),
    ...(year ? { year } : {}),
    locale,
  });
  if (links.csv.kind === 'refused' || links.docx.kind === 'refused') return linkCard(locale, links.csv);
  const count = (await registerEntries(deps, body, year)).length;
  return adaptiveCard(
    cardLang(locale),
    [
      paragraph(t(locale, 'registerDoc.ready', { year: year ? ` ${year}` : '', count }), {
        weight: 'Bolder',
      }),
      paragraph(t(locale, 'file.ready', { until: formatDayTime(locale, links.csv.expiresAt) }), {
        size: 'Small',
      }),
    ],
    [
      { type: 'Action.OpenUrl', title: t(locale, 'registerDoc.csv'), url: links.csv.url },
      { type: 'Action.OpenUrl', title: t(locale, 'registerDoc.word'), url: links.docx.url },
    ],
  );
}

/**
 * `archiv exportieren 2027` (SPK): a year that has ended, handed to the Landesarchiv as an
 * xdomea 3.0.0 Aussonderung (src/files/xdomea.ts) — filed in the group drive beside the year's
 * protocols, downloadable, and recorded in the audit trail with its process id.
 */
export async function archiveExportCommand(
  deps: BotDeps,
  ctx: Ctx,
  locale: Locale,
  yearText: string,
): Promise<AdaptiveCard> {
  const body = await spkBody(deps, ctx, locale, 'chatOrChannel');
  if ('type' in body) return body;
  if (!/^\d{4}$/.test(yearText.trim())) return notice(locale, 'archive.usage', {}, true);
  const year = Number(yearText.trim());
  const now = deps.clock.now();
  if (!isArchivableYear(year, now)) return notice(locale, 'archive.yearOpen', { year }, true);
  const archive = await archiveYear(deps, body, year, now);
  const made = await renderFile({ kind: 'archive', archive }, 'de');
  const person = personOf(ctx);
  // Recorded before it is filed or handed out: a hand-over that exists is always in the trail
  // (a storage failure here answers "nothing saved", and truly nothing was filed).
  await deps.store.recordAudit(body.id, {
    id: `archive-${archive.processId}`,
    at: now,
    actorAadObjectId: person.aadObjectId,
    actorOfficeId: body.secretariat,
    action: 'archive.exported',
    target: `archive/${year}`,
    before: '',
    after: JSON.stringify({
      processId: archive.processId,
      sessions: archive.sessions.length,
      umlaufs: archive.umlaufs.length,
    }),
    activityId: ctx.activity.id,
  });
  const filing = await fileNow(deps, body, archiveFilePath(body, year, archive.processId), made);
  const link = spkDocumentLink(deps, deps.files, {
    kind: 'archive.zip',
    bodyId: body.id,
    sessionId: '',
    year,
    made: now.getTime(),
    aad: person.aadObjectId,
    locale,
  });
  return documentCard(
    locale,
    t(locale, 'archive.ready', {
      year,
      sessions: archive.sessions.length,
      umlaufs: archive.umlaufs.length,
      decisions: archive.register.length,
      id: archive.processId,
    }),
    filing,
    link,
  );
}

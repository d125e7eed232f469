import type { LocalTime } from '../src/domain/body.js';
import { instantAt, type PlainDate } from '../src/domain/calendar.js';
import { LIMITS } from '../src/domain/limits.js';
import {
  chairAndWriter,
  type ProtocolDocument,
  type ProtocolItem,
  type ProtocolVote,
} from '../src/domain/protocol.js';
import type { QuorumStatus } from '../src/domain/quorum.js';
import { type CardData, execute } from './actions.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardElement,
  type CardInput,
  heading,
  paragraph,
} from './adaptive-card.js';
import { formatDay, formatDayTime } from './format.js';
import { cardLang, type Locale } from './locale.js';
import { type MessageKey, t } from './messages.js';
import { type DispatchNotes, dispatchNotes, shorten } from './notification-cards.js';
import { plain } from './plain.js';
import { rulesVersionText } from './rules-version.js';

/**
 * The Ergebnisprotokoll in Teams: the SPK's draft (facts plus a result field per item) and
 * the released protocol's summary with its files.
 */

/** The session's day with weekday and year (the card and the files say it the same way). */
export const sessionDay = (locale: Locale, doc: Pick<ProtocolDocument, 'date' | 'startTime'>) =>
  formatDay(locale, instantAt(doc.date as PlainDate, doc.startTime as LocalTime), true);

/** "Beschluss: angenommen (Ja 6, Nein 1, Enthaltung 0)." from the stored vote. */
export function outcomeText(locale: Locale, v: ProtocolVote): string {
  return t(locale, `doc.outcome.${v.outcome}` as MessageKey, v.counts);
}

/** "beschlussfähig – 7 von 10 stimmberechtigten Mitgliedern anwesend (erforderlich: 5)". */
export function quorumText(locale: Locale, q: QuorumStatus): string {
  return t(locale, q.quorate ? 'doc.quorate' : 'doc.notQuorate', {
    present: q.presentVoting,
    of: q.votingMembers,
    needed: q.needed,
  });
}

/** One line per item: what was decided, from the stored vote. */
function itemLine(locale: Locale, item: ProtocolItem): string {
  const head = `**TOP ${item.number}: ${plain(item.title)}**`;
  if (!item.vote) return head;
  const register = item.vote.register
    ? ` (${t(locale, 'register.numbered', { label: item.vote.register })})`
    : '';
  const version = item.vote.rulesVersion ? ` ${rulesVersionText(locale, item.vote.rulesVersion)}` : '';
  return `${head} — ${outcomeText(locale, item.vote)}${register}${version}`;
}

function attendanceLine(locale: Locale, doc: ProtocolDocument): string {
  const count = (s: string) => doc.attendance.filter((a) => a.status === s).length;
  const absent = doc.attendance.filter((a) => a.status === 'absent').map((a) => a.office);
  return t(locale, 'protocol.attendanceLine', {
    present: count('present'),
    advisory: count('advisory') + count('guest'),
    absent: absent.length > 0 ? absent.join(', ') : '–',
  });
}

function quorumLine(locale: Locale, doc: ProtocolDocument): string {
  return `${t(locale, 'doc.quorumAtStart')}: ${quorumText(locale, doc.quorumAtStart)}`;
}

const input = (o: CardInput): CardInput => o;

/** The SPK's draft: the facts, a result field per item, remarks, save and release. */
export function protocolDraftCard(
  locale: Locale,
  doc: ProtocolDocument,
  opts: { intro?: string; notes: Readonly<Record<string, string>>; itemIds: readonly string[] },
): AdaptiveCard {
  const correcting = doc.version > 1;
  const data = (release: boolean): CardData<'protocol.save'> => ({
    bodyId: doc.body.id,
    sessionId: doc.sessionId,
    release,
  });
  const body: CardElement[] = [
    heading(
      t(locale, correcting ? 'protocol.correctionTitle' : 'protocol.draftTitle', {
        body: doc.body.shortName,
        date: sessionDay(locale, doc),
        version: doc.version,
      }),
    ),
    ...(opts.intro ? [paragraph(opts.intro, { weight: 'Bolder' as const })] : []),
    paragraph(t(locale, 'protocol.draftIntro'), { isSubtle: true }),
    paragraph(attendanceLine(locale, doc)),
    paragraph(quorumLine(locale, doc)),
  ];
  doc.items.forEach((item, i) => {
    const itemId = opts.itemIds[i] ?? '';
    const outcome = item.vote ? ` — ${outcomeText(locale, item.vote)}` : '';
    body.push(
      input({
        type: 'Input.Text' as const,
        id: `note_${itemId}`,
        label: `TOP ${item.number}: ${shorten(item.title, 80)}${outcome}`,
        value: opts.notes[itemId] ?? '',
        isMultiline: true,
        maxLength: LIMITS.protocolNote.max,
      }),
    );
  });
  body.push(
    input({
      type: 'Input.Text' as const,
      id: 'remarks',
      label: t(locale, 'protocol.remarks'),
      value: doc.remarks,
      isMultiline: true,
      maxLength: LIMITS.protocolRemarks.max,
    }),
  );
  if (correcting)
    body.push(
      input({
        type: 'Input.Text' as const,
        id: 'correctionReason',
        label: t(locale, 'protocol.reason'),
        isMultiline: true,
        maxLength: LIMITS.correctionReason.max,
      }),
    );
  // A follow-up of an item (Wiedervorlage): its form comes as a message of its own, the draft stays.
  const withItems = doc.items.flatMap((item, i) =>
    opts.itemIds[i] ? [{ item, itemId: opts.itemIds[i] }] : [],
  );
  if (withItems.length)
    body.push(
      input({
        type: 'Input.ChoiceSet' as const,
        id: 'ref',
        label: t(locale, 'followUp.forItem'),
        choices: withItems.map(({ item, itemId }) => ({
          title: `TOP ${item.number}: ${shorten(item.title, 40)}`,
          value: itemId,
        })),
      }),
      {
        type: 'ActionSet',
        actions: [
          execute('followUp.form', t(locale, 'followUp.add'), {
            bodyId: doc.body.id,
            sessionId: doc.sessionId,
          }),
        ],
      },
    );
  return adaptiveCard(cardLang(locale), body, [
    execute('protocol.save', t(locale, 'protocol.save'), data(false)),
    execute('protocol.save', t(locale, 'protocol.release'), data(true), 'positive'),
  ]);
}

/** The released protocol: the summary, and buttons for the Word and Markdown files. */
export function protocolCard(
  locale: Locale,
  doc: ProtocolDocument,
  n: DispatchNotes & { filedAs?: string; filedUrl?: string } = {},
): AdaptiveCard {
  const link = (kind: 'protocol.docx' | 'protocol.md'): CardData<'file.link'> => ({
    kind,
    bodyId: doc.body.id,
    sessionId: doc.sessionId,
    version: doc.version,
  });
  const body: CardElement[] = [
    heading(t(locale, 'protocol.title', { body: doc.body.shortName, date: sessionDay(locale, doc) })),
    paragraph(
      t(locale, 'protocol.versionLine', {
        version: doc.version,
        at: formatDayTime(locale, new Date(doc.release.at), true),
      }),
      { isSubtle: true, size: 'Small' },
    ),
    ...(doc.release.correctionReason
      ? [
          paragraph(t(locale, 'protocol.correctionLine', { reason: doc.release.correctionReason }), {
            color: 'Warning' as const,
          }),
        ]
      : []),
    {
      type: 'FactSet' as const,
      facts: [
        { title: t(locale, 'doc.time'), value: `${doc.startTime} – ${doc.endTime}` },
        { title: t(locale, 'doc.place'), value: doc.place || '–' },
        ...chairAndWriter(doc).map((r) => ({
          title: t(
            locale,
            r.role === 'both' ? 'doc.chairAndWriter' : r.role === 'chair' ? 'doc.chair' : 'doc.writer',
          ),
          value: plain(r.text),
        })),
      ],
    },
    paragraph(attendanceLine(locale, doc)),
    paragraph(quorumLine(locale, doc)),
    ...doc.items.map((item) =>
      paragraph(
        item.result ? `${itemLine(locale, item)}\n\n${plain(shorten(item.result))}` : itemLine(locale, item),
      ),
    ),
    ...(doc.umlaufs.length > 0
      ? [paragraph(`${t(locale, 'doc.umlaufs')}: ${doc.umlaufs.map((u) => plain(u.title)).join('; ')}`)]
      : []),
  ];
  if (n.filedAs)
    body.push(
      paragraph(t(locale, 'protocol.filedAs', { path: n.filedAs }), { size: 'Small', isSubtle: true }),
    );
  body.push(...dispatchNotes(locale, n));
  return adaptiveCard(cardLang(locale), body, [
    execute('file.link', t(locale, 'protocol.word'), link('protocol.docx')),
    execute('file.link', t(locale, 'protocol.markdown'), link('protocol.md')),
    ...(n.filedUrl?.startsWith('https://')
      ? [{ type: 'Action.OpenUrl' as const, title: t(locale, 'protocol.openFiled'), url: n.filedUrl }]
      : []),
  ]);
}

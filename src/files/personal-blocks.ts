import { formatDayTime } from '../../cards/format.js';
import type { Locale } from '../../cards/locale.js';
import { type MessageKey, textOf as t } from '../../cards/messages.js';
import type { PersonalData, PersonalRecord } from '../app/privacy/personal-data.js';
import type { Block } from './protocol-blocks.js';

/**
 * The readable copy of `meine daten` (Art. 15 DSGVO): what is processed and why, then every
 * record per working group and kind with all its fields, the protocols that name the person, the
 * messages sent to them and the conversation references. The JSON file holds the same records.
 */

const KIND_KEYS: Record<string, MessageKey> = {
  member: 'personal.kind.member',
  secretariatName: 'personal.kind.secretariatName',
  item: 'personal.kind.item',
  attendance: 'personal.kind.attendance',
  ballot: 'personal.kind.ballot',
  session: 'personal.kind.session',
  umlauf: 'personal.kind.umlauf',
  protocolDraft: 'personal.kind.protocolDraft',
  followUp: 'personal.kind.followUp',
  bodyVersion: 'personal.kind.bodyVersion',
  channel: 'personal.kind.channel',
  decision: 'personal.kind.decision',
  vote: 'personal.kind.vote',
  audit: 'personal.kind.audit',
  other: 'personal.kind.other',
};

export const kindTitle = (locale: Locale, kind: string) =>
  t(locale, KIND_KEYS[kind] ?? 'personal.kind.other');

/** Fields longer than this are in the JSON file only (the rules a session ran under, a document). */
const LONG = 400;

function fieldsOf(locale: Locale, r: PersonalRecord): string {
  const where =
    r.area === 'body'
      ? ''
      : `${t(locale, r.area === 'umlauf' ? 'personal.area.umlauf' : 'personal.area.session')} ${r.subjectId}; `;
  const fields = Object.entries(r.data)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => {
      const text = String(v);
      return `${k}: ${text.length > LONG ? t(locale, 'personal.inJson', { length: text.length }) : text}`;
    });
  return `${where}${fields.join('; ')}`;
}

export function personalBlocks(locale: Locale, data: PersonalData): Block[] {
  const generated = formatDayTime(locale, new Date(data.generatedAt), true);
  const blocks: Block[] = [
    { kind: 'title', text: t(locale, 'personal.docTitle') },
    {
      kind: 'paragraph',
      text: t(locale, 'personal.docIntro', {
        date: generated,
        names: data.person.names.join(', ') || '—',
        id: data.person.aadObjectId,
      }),
    },
    { kind: 'heading', level: 1, text: t(locale, 'personal.aboutTitle') },
    {
      kind: 'list',
      items: [
        t(locale, 'personal.about.purpose'),
        t(locale, 'personal.about.recipients'),
        t(locale, 'personal.about.storage'),
        t(locale, 'personal.about.periods'),
        t(locale, 'personal.about.rights'),
        t(locale, 'personal.about.source'),
      ],
    },
  ];
  if (data.bodies.length === 0) blocks.push({ kind: 'paragraph', text: t(locale, 'personal.noBodies') });
  for (const body of data.bodies) {
    blocks.push({ kind: 'heading', level: 1, text: body.bodyName });
    const kinds = [...new Set(body.records.map((r) => r.kind))];
    for (const kind of kinds) {
      const records = body.records.filter((r) => r.kind === kind);
      blocks.push({ kind: 'heading', level: 2, text: `${kindTitle(locale, kind)} (${records.length})` });
      blocks.push({ kind: 'list', items: records.map((r) => fieldsOf(locale, r)) });
    }
    if (body.protocolMentions.length > 0) {
      blocks.push({ kind: 'heading', level: 2, text: t(locale, 'personal.protocols') });
      blocks.push({
        kind: 'list',
        items: body.protocolMentions.map((m) =>
          t(locale, 'personal.protocolLine', {
            session: m.sessionId,
            version: m.version,
            name: m.namedAs,
          }),
        ),
      });
    }
  }
  blocks.push({ kind: 'heading', level: 1, text: t(locale, 'personal.notifications') });
  blocks.push(
    data.notifications.length === 0
      ? { kind: 'paragraph', text: t(locale, 'personal.none') }
      : {
          kind: 'table',
          header: [
            t(locale, 'personal.col.at'),
            t(locale, 'personal.col.kind'),
            t(locale, 'personal.col.body'),
            t(locale, 'personal.col.how'),
            t(locale, 'personal.col.state'),
          ],
          rows: data.notifications.map((n) => [
            formatDayTime(locale, new Date(n.at), true),
            n.kind,
            n.bodyId,
            t(locale, n.how === 'personal' ? 'personal.how.personal' : 'personal.how.mention'),
            n.state,
          ]),
        },
  );
  blocks.push({ kind: 'heading', level: 1, text: t(locale, 'personal.conversations') });
  blocks.push(
    data.conversations.length === 0
      ? { kind: 'paragraph', text: t(locale, 'personal.none') }
      : {
          kind: 'list',
          items: data.conversations.map((c) =>
            t(locale, 'personal.conversationLine', {
              kind: c.kind,
              id: c.conversationId,
              updated: formatDayTime(locale, new Date(c.updatedAt), true),
            }),
          ),
        },
  );
  return blocks;
}

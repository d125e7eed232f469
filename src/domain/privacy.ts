/**
 * The kinds of record a person's own data (Art. 15 DSGVO, `meine daten`) is sorted and counted
 * by, in the order they are shown: the person's own acts first, the audit trail last.
 */
export const PERSONAL_RECORD_KINDS = [
  'member',
  'secretariatName',
  'item',
  'attendance',
  'ballot',
  'session',
  'umlauf',
  'protocolDraft',
  'protocolVersion',
  'followUp',
  'bodyVersion',
  'channel',
  'decision',
  'vote',
  'audit',
  'other',
] as const;

/** What the answer card counts besides the records: protocol mentions, messages, conversations. */
export const PERSONAL_COUNTED_KINDS = [
  ...PERSONAL_RECORD_KINDS,
  'protocolMention',
  'notification',
  'conversation',
] as const;

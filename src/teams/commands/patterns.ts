import { CHOICE_WORDS, type ChoiceWord, type CommandText, matchText } from './grammar.js';

/** The commands with arguments: their patterns (normalized text) and how the arguments are read. */

/** "abstimmung TOP 3", "abstimmung 3", "vote item 3", "vote 3". */
const OPEN_VOTE = /^(?:abstimmung(?: top)?|vote(?: item)?) ?(\d{1,3})$/;
/** "stimmrecht gewähren Integrationsbeauftragte TOP 2", "grant vote integration item 2". */
const GRANT = /^(?:stimmrecht gewähren|grant vote) (.+?) (?:top|item) (\d{1,3})$/;
/** "anwesend Jugendamt", "present youth office". */
const PRESENT = /^(?:anwesend|present) (.+)$/;
/** "abwesend Jugendamt", "absent youth office". */
const ABSENT = /^(?:abwesend|absent) (.+)$/;
/** "sitzung verschieben 10.12.2026 auf 17.12.2026 14:00", "move session 2026-12-10 to 2026-12-17". */
const MOVE =
  /^(?:sitzung verschieben|move session) (?:vom |from )?(\S+) (?:auf|to|nach) (\S+)(?: (?:um |at )?(\d{1,2}:\d{2})(?: uhr)?)?$/;
/** "sitzung absagen 10.12.2026", "cancel session 2026-12-10". */
const CANCEL = /^(?:sitzung absagen|cancel session) (?:am |on )?(\S+)$/;
/** "beschlüsse", "beschlüsse 2027", "beschlüsse kita", "decisions …". */
const DECISIONS = /^(?:beschlüsse|beschluesse|decisions|beschlussregister)(?: (.+))?$/;
/** "beschlüsse export", "beschlüsse export 2027", "decisions export 2027". */
const REGISTER_EXPORT =
  /^(?:beschlüsse|beschluesse|decisions|beschlussregister) (?:export|exportieren|herunterladen|download)(?: (\d{4}))?$/;
/** "archiv exportieren 2027", "archive export 2027" (the year may be missing: the usage is answered). */
const ARCHIVE_EXPORT = /^(?:archiv|archive) (?:exportieren|export|aussondern)(?: (.+))?$/;
export const archiveExportArgs = (text: CommandText) => {
  const m = matchText(text, ARCHIVE_EXPORT);
  return m ? { year: m.group(1) ?? '' } : undefined;
};
/** "grundlage 2027/03", "entscheidungsgrundlage 2027/03", "basis 2027/03". */
const BASIS = /^(?:entscheidungsgrundlage|grundlage|decision basis|basis)(?: (.+))?$/;
/** "bericht 01.01.2027 30.06.2027", "report 2027-01-01 to 2027-06-30". */
const REPORT = /^(?:bericht|report)(?: (?:von |from )?(\S+) (?:bis |to |- )?(\S+))?$/;
/** "wiedervorlage 2027/03", "follow-up 2027/03". */
const FOLLOW_UP = /^(?:wiedervorlage|follow-up|follow up|followup)(?: (?:zu |for |of )?(.+))?$/;

export const registerExportArgs = (text: CommandText) => {
  const m = matchText(text, REGISTER_EXPORT);
  return m ? { year: m.group(1) ?? '' } : undefined;
};

export const basisArgs = (text: CommandText) => {
  const m = matchText(text, BASIS);
  return m ? { number: m.group(1) ? m.typed(1) : '' } : undefined;
};

export const reportArgs = (text: CommandText) => {
  const m = matchText(text, REPORT);
  return m ? { from: m.group(1) ?? '', to: m.group(2) ?? '' } : undefined;
};

export const followUpArgs = (text: CommandText) => {
  const m = matchText(text, FOLLOW_UP);
  return m ? { number: m.group(1) ? m.typed(1) : '' } : undefined;
};

/** "gremium anlegen", "gremium anlegen wie AG Planung", "new body like AG Planung". */
const CREATE_BODY = /^(?:gremium anlegen|neues gremium|new body|create body)(?: (?:wie|like) (.+))?$/;

export const createBodyArgs = (text: CommandText) => {
  const m = matchText(text, CREATE_BODY);
  return m ? { like: m.group(1) ? m.typed(1) : '' } : undefined;
};

/** "beschluss 2027/03", "decision 2027/3". */
const DECISION = /^(?:beschluss|decision) (.+)$/;

export const decisionsArgs = (text: CommandText) => {
  const m = matchText(text, DECISIONS);
  return m ? { query: m.group(1) ? m.typed(1) : '' } : undefined;
};

export const decisionArgs = (text: CommandText) => {
  const m = matchText(text, DECISION);
  return m?.group(1) ? { number: m.typed(1) } : undefined;
};

/** "protokoll", "protokoll 12.11.2026", "protocol 2026-11-12" (not "protokoll korrigieren"). */
const PROTOCOL = /^(?:protokoll|ergebnisprotokoll|protocol)(?: (?!korrigieren$)(?:vom |from |of )?(\S+))?$/;
/** "protokoll korrigieren 12.11.2026", "correct protocol 2026-11-12". */
const CORRECT = /^(?:protokoll korrigieren|correct protocol)(?: (?:vom |from |of )?(\S+))?$/;
/** "audit 01.01.2026 31.12.2026", "audit 2026-01-01 to 2026-12-31". */
const AUDIT = /^(?:audit|audit export|prüfprotokoll)(?: (?:von |from )?(\S+) (?:bis |to |- )?(\S+))?$/;
/** "stimme erfassen Wirtschaftsförderung ja Wir tragen das mit" (SPK, for an office without Teams). */
const RECORD = /^(?:stimme erfassen|record vote) (.+?) (ja|nein|enthaltung|yes|no|abstain)(?: (.+))?$/;
/** The same for the open Umlaufverfahren (a written statement to the Geschäftsstelle). */
const RECORD_UMLAUF =
  /^(?:umlauf stimme erfassen|umlauf record vote) (.+?) (ja|nein|enthaltung|einspruch|yes|no|abstain|object)(?: (.+))?$/;

const officeArg = (p: RegExp) => (text: CommandText) => {
  const m = matchText(text, p);
  return m?.group(1) ? { office: m.typed(1) } : undefined;
};

const recorded =
  <C extends 'yes' | 'no' | 'abstain' | 'object'>(p: RegExp) =>
  (text: CommandText) => {
    const m = matchText(text, p);
    const office = m?.group(1);
    const word = m?.group(2);
    if (!m || !office || !word) return undefined;
    return {
      office: m.typed(1),
      choice: CHOICE_WORDS[word as ChoiceWord] as C,
      argument: m.group(3) ? m.typed(3) : '',
    };
  };

export const openVoteArgs = (text: CommandText) => {
  const m = matchText(text, OPEN_VOTE);
  return m ? { item: Number(m.group(1)) } : undefined;
};

export const grantVoteArgs = (text: CommandText) => {
  const m = matchText(text, GRANT);
  return m?.group(1) ? { office: m.typed(1), item: Number(m.group(2)) } : undefined;
};

export const moveArgs = (text: CommandText) => {
  const m = matchText(text, MOVE);
  const [date, toDate, time] = [m?.group(1), m?.group(2), m?.group(3)];
  return date && toDate ? { date, toDate, toTime: time ? time.padStart(5, '0') : '' } : undefined;
};

export const cancelArgs = (text: CommandText) => {
  const date = matchText(text, CANCEL)?.group(1);
  return date ? { date } : undefined;
};

export const protocolArgs = (text: CommandText) => {
  const m = matchText(text, PROTOCOL);
  return m ? { date: m.group(1) ?? '' } : undefined;
};

export const correctArgs = (text: CommandText) => {
  const m = matchText(text, CORRECT);
  return m ? { date: m.group(1) ?? '' } : undefined;
};

export const auditArgs = (text: CommandText) => {
  const m = matchText(text, AUDIT);
  return m ? { from: m.group(1) ?? '', to: m.group(2) ?? '' } : undefined;
};

export const presentArgs = officeArg(PRESENT);
export const absentArgs = officeArg(ABSENT);
export const recordVoteArgs = recorded<'yes' | 'no' | 'abstain'>(RECORD);
export const recordUmlaufArgs = recorded<'yes' | 'no' | 'abstain' | 'object'>(RECORD_UMLAUF);

/** Typed without its office and choice: the command says how it goes. */
export const recordUmlaufUsageArgs = (text: CommandText) =>
  /^(?:umlauf stimme erfassen|umlauf record vote)(?: |$)/.test(text.normalized) ? {} : undefined;
export const recordVoteUsageArgs = (text: CommandText) =>
  /^(?:stimme erfassen|record vote)(?: |$)/.test(text.normalized) ? {} : undefined;

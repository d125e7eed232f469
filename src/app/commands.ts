/**
 * Chat commands, parsed from what a person typed. German and English words map to
 * the same command; case, @mentions, surrounding punctuation and extra spaces do not matter.
 */
export type Command =
  | {
      readonly name:
        | 'help'
        | 'linkBody'
        | 'join'
        | 'members'
        | 'newSession'
        | 'planSessions'
        | 'sessions'
        | 'registerTopic'
        | 'agenda'
        | 'startSession'
        | 'endSession'
        | 'tally'
        | 'closeVote'
        | 'umlauf'
        | 'moveSessionUsage'
        | 'cancelSessionUsage'
        | 'recordVoteUsage'
        | 'recordUmlaufUsage';
    }
  | {
      readonly name: 'recordVote';
      readonly office: string;
      readonly choice: 'yes' | 'no' | 'abstain';
      readonly argument: string;
    }
  | {
      readonly name: 'recordUmlauf';
      readonly office: string;
      readonly choice: 'yes' | 'no' | 'abstain' | 'object';
      readonly argument: string;
    }
  | { readonly name: 'moveSession'; readonly date: string; readonly toDate: string; readonly toTime: string }
  | { readonly name: 'cancelSession'; readonly date: string }
  | { readonly name: 'protocol' | 'correctProtocol'; readonly date: string }
  | { readonly name: 'auditExport'; readonly from: string; readonly to: string }
  | { readonly name: 'openVote'; readonly item: number }
  | { readonly name: 'grantVote'; readonly office: string; readonly item: number }
  | { readonly name: 'markPresent' | 'markAbsent'; readonly office: string }
  | { readonly name: 'unknown'; readonly text: string };

type CommandName = Exclude<
  Command['name'],
  | 'unknown'
  | 'openVote'
  | 'grantVote'
  | 'markPresent'
  | 'markAbsent'
  | 'moveSession'
  | 'cancelSession'
  | 'protocol'
  | 'correctProtocol'
  | 'auditExport'
  | 'recordVote'
  | 'recordUmlauf'
>;

/** Phrases per command, already normalized (lower case, single spaces). */
const PHRASES: Readonly<Record<CommandName, readonly string[]>> = {
  help: ['hilfe', 'help', '?', 'hilfe bitte', 'was kannst du', 'what can you do'],
  linkBody: ['gremium verbinden', 'link body', 'gremium verknüpfen', 'ag verbinden'],
  join: ['mitglied werden', 'join', 'anmelden als mitglied'],
  members: ['mitglieder', 'members', 'mitgliederliste'],
  newSession: ['sitzung anlegen', 'new session', 'neue sitzung'],
  planSessions: ['sitzungen planen', 'plan sessions'],
  sessions: ['sitzungen', 'sessions', 'termine'],
  registerTopic: ['thema anmelden', 'register topic', 'thema'],
  agenda: ['tagesordnung', 'agenda', 'to'],
  startSession: ['sitzung starten', 'start session', 'sitzung beginnen'],
  endSession: ['sitzung beenden', 'end session', 'sitzung schließen', 'sitzung schliessen'],
  tally: ['stand', 'tally', 'abstimmungsstand'],
  closeVote: ['abstimmung schließen', 'abstimmung schliessen', 'close vote', 'abstimmung beenden'],
  umlauf: ['umlauf', 'umlaufverfahren', 'circular vote', 'umlauf starten'],
  moveSessionUsage: ['sitzung verschieben', 'move session'],
  cancelSessionUsage: ['sitzung absagen', 'cancel session'],
  recordVoteUsage: ['stimme erfassen', 'record vote'],
  recordUmlaufUsage: ['umlauf stimme erfassen', 'umlauf record vote'],
};

const LOOKUP = new Map<string, CommandName>(
  Object.entries(PHRASES).flatMap(([name, phrases]) => phrases.map((p) => [p, name as CommandName] as const)),
);

/** Lower-cases, removes mention markup and invisible characters, and folds white space. */
export function normalizeCommandText(text: string): string {
  return cleanCommandText(text).toLocaleLowerCase('de-DE');
}

/** As typed, without mention markup, invisible characters and extra white space: for quoting it back. */
function cleanCommandText(text: string): string {
  return text
    .replace(/<at[^>]*>.*?<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s/!.]+|[\s!.]+$/g, '');
}

/** The argument at the end of a command, as the person typed it (matched without regard to case). */
function typed(text: string, pattern: RegExp, group: number, fallback: string): string {
  return new RegExp(pattern.source, 'i').exec(cleanCommandText(text))?.[group] ?? fallback;
}

/** "abstimmung TOP 3", "abstimmung 3", "vote item 3", "vote 3". */
const OPEN_VOTE = /^(?:abstimmung(?: top)?|vote(?: item)?) ?(\d{1,3})$/;

/** "stimmrecht gewähren Integrationsbeauftragte TOP 2", "grant vote integration item 2". */
const GRANT = /^(?:stimmrecht gewähren|grant vote) (.+?) (?:top|item) (\d{1,3})$/;
/** "anwesend Jugendamt", "abwesend Jugendamt" (SPK), "present …", "absent …". */
const ATTENDANCE = /^(anwesend|abwesend|present|absent) (.+)$/;

/** "sitzung verschieben 10.12.2026 auf 17.12.2026 14:00", "move session 2026-12-10 to 2026-12-17". */
const MOVE =
  /^(?:sitzung verschieben|move session) (?:vom |from )?(\S+) (?:auf|to|nach) (\S+)(?: (?:um |at )?(\d{1,2}:\d{2})(?: uhr)?)?$/;
/** "sitzung absagen 10.12.2026", "cancel session 2026-12-10". */
const CANCEL = /^(?:sitzung absagen|cancel session) (?:am |on )?(\S+)$/;

/** "protokoll", "protokoll 12.11.2026", "protocol 2026-11-12". */
const PROTOCOL = /^(?:protokoll|ergebnisprotokoll|protocol)(?: (?:vom |from |of )?(\S+))?$/;
/** "protokoll korrigieren 12.11.2026", "correct protocol 2026-11-12". */
const CORRECT = /^(?:protokoll korrigieren|correct protocol)(?: (?:vom |from |of )?(\S+))?$/;
/** "audit 01.01.2026 31.12.2026", "audit 2026-01-01 to 2026-12-31". */
const AUDIT = /^(?:audit|audit export|prüfprotokoll)(?: (?:von |from )?(\S+) (?:bis |to |- )?(\S+))?$/;

/** "stimme erfassen Wirtschaftsförderung ja Wir tragen das mit" (SPK, for an office without Teams). */
const RECORD = /^(?:stimme erfassen|record vote) (.+?) (ja|nein|enthaltung|yes|no|abstain)(?: (.+))?$/;
/** The same for the open Umlaufverfahren (a written statement to the Geschäftsstelle). */
const RECORD_UMLAUF =
  /^(?:umlauf stimme erfassen|umlauf record vote) (.+?) (ja|nein|enthaltung|einspruch|yes|no|abstain|object)(?: (.+))?$/;
const CHOICE_WORDS = {
  ja: 'yes',
  yes: 'yes',
  nein: 'no',
  no: 'no',
  enthaltung: 'abstain',
  abstain: 'abstain',
  einspruch: 'object',
  object: 'object',
} as const;

export function parseCommand(text: string | undefined): Command {
  const raw = text ?? '';
  const normalized = normalizeCommandText(raw);
  const name = LOOKUP.get(normalized);
  if (name) return { name };
  const vote = OPEN_VOTE.exec(normalized);
  if (vote) return { name: 'openVote', item: Number(vote[1]) };
  const grant = GRANT.exec(normalized);
  if (grant?.[1])
    return { name: 'grantVote', office: typed(raw, GRANT, 1, grant[1]), item: Number(grant[2]) };
  const move = MOVE.exec(normalized);
  if (move?.[1] && move[2]) {
    return {
      name: 'moveSession',
      date: move[1],
      toDate: move[2],
      toTime: move[3] ? move[3].padStart(5, '0') : '',
    };
  }
  const cancel = CANCEL.exec(normalized);
  if (cancel?.[1]) return { name: 'cancelSession', date: cancel[1] };
  const correct = CORRECT.exec(normalized);
  if (correct) return { name: 'correctProtocol', date: correct[1] ?? '' };
  const protocol = PROTOCOL.exec(normalized);
  if (protocol) return { name: 'protocol', date: protocol[1] ?? '' };
  const audit = AUDIT.exec(normalized);
  if (audit) return { name: 'auditExport', from: audit[1] ?? '', to: audit[2] ?? '' };
  const recordUmlauf = RECORD_UMLAUF.exec(normalized);
  if (recordUmlauf?.[1] && recordUmlauf[2]) {
    return {
      name: 'recordUmlauf',
      office: typed(raw, RECORD_UMLAUF, 1, recordUmlauf[1]),
      choice: CHOICE_WORDS[recordUmlauf[2] as keyof typeof CHOICE_WORDS],
      argument: typed(raw, RECORD_UMLAUF, 3, ''),
    };
  }
  const record = RECORD.exec(normalized);
  if (record?.[1] && record[2]) {
    return {
      name: 'recordVote',
      office: typed(raw, RECORD, 1, record[1]),
      choice: CHOICE_WORDS[record[2] as keyof typeof CHOICE_WORDS] as 'yes' | 'no' | 'abstain',
      argument: typed(raw, RECORD, 3, ''),
    };
  }
  // Started, but without a choice word: say how it goes.
  if (/^(?:umlauf stimme erfassen|umlauf record vote) /.test(normalized))
    return { name: 'recordUmlaufUsage' };
  if (/^(?:stimme erfassen|record vote) /.test(normalized)) return { name: 'recordVoteUsage' };
  const attendance = ATTENDANCE.exec(normalized);
  if (attendance?.[2]) {
    const present = attendance[1] === 'anwesend' || attendance[1] === 'present';
    return { name: present ? 'markPresent' : 'markAbsent', office: typed(raw, ATTENDANCE, 2, attendance[2]) };
  }
  return { name: 'unknown', text: cleanCommandText(raw) };
}

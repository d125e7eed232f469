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
        | 'tally'
        | 'closeVote';
    }
  | { readonly name: 'openVote'; readonly item: number }
  | { readonly name: 'unknown'; readonly text: string };

type CommandName = Exclude<Command['name'], 'unknown' | 'openVote'>;

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
  tally: ['stand', 'tally', 'abstimmungsstand'],
  closeVote: ['abstimmung schließen', 'abstimmung schliessen', 'close vote', 'abstimmung beenden'],
};

const LOOKUP = new Map<string, CommandName>(
  Object.entries(PHRASES).flatMap(([name, phrases]) => phrases.map((p) => [p, name as CommandName] as const)),
);

/** Lower-cases, removes mention markup and invisible characters, and folds white space. */
export function normalizeCommandText(text: string): string {
  return text
    .replace(/<at[^>]*>.*?<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s/!.]+|[\s!.]+$/g, '')
    .toLocaleLowerCase('de-DE');
}

/** "abstimmung TOP 3", "abstimmung 3", "vote item 3", "vote 3". */
const OPEN_VOTE = /^(?:abstimmung(?: top)?|vote(?: item)?) ?(\d{1,3})$/;

export function parseCommand(text: string | undefined): Command {
  const normalized = normalizeCommandText(text ?? '');
  const name = LOOKUP.get(normalized);
  if (name) return { name };
  const vote = OPEN_VOTE.exec(normalized);
  if (vote) return { name: 'openVote', item: Number(vote[1]) };
  return { name: 'unknown', text: normalized };
}

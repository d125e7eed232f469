import type { MessageKey } from './messages.js';

/**
 * The commands a person can type, as the help card and the Teams manifest show them.
 * A test keeps this list, the parser and the manifest's command lists in step.
 */
export type CatalogEntry = {
  readonly command: string;
  readonly de: string;
  readonly en: string;
  readonly description: MessageKey;
};

export const COMMAND_CATALOG: readonly CatalogEntry[] = [
  { command: 'help', de: 'hilfe', en: 'help', description: 'command.help' },
  { command: 'linkBody', de: 'gremium verbinden', en: 'link body', description: 'command.linkBody' },
  { command: 'join', de: 'mitglied werden', en: 'join', description: 'command.join' },
  { command: 'members', de: 'mitglieder', en: 'members', description: 'command.members' },
  { command: 'newSession', de: 'sitzung anlegen', en: 'new session', description: 'command.newSession' },
  {
    command: 'planSessions',
    de: 'sitzungen planen',
    en: 'plan sessions',
    description: 'command.planSessions',
  },
  { command: 'sessions', de: 'sitzungen', en: 'sessions', description: 'command.sessions' },
  {
    command: 'registerTopic',
    de: 'thema anmelden',
    en: 'register topic',
    description: 'command.registerTopic',
  },
  { command: 'agenda', de: 'tagesordnung', en: 'agenda', description: 'command.agenda' },
  {
    command: 'startSession',
    de: 'sitzung starten',
    en: 'start session',
    description: 'command.startSession',
  },
  { command: 'openVote', de: 'abstimmung TOP 2', en: 'vote item 2', description: 'command.openVote' },
  { command: 'tally', de: 'stand', en: 'tally', description: 'command.tally' },
  { command: 'closeVote', de: 'abstimmung schließen', en: 'close vote', description: 'command.closeVote' },
  {
    command: 'grantVote',
    de: 'stimmrecht gewähren Integrationsbeauftragte TOP 2',
    en: 'grant vote integration item 2',
    description: 'command.grantVote',
  },
  {
    command: 'markPresent',
    de: 'anwesend Jugendamt',
    en: 'present youth office',
    description: 'command.markPresent',
  },
  {
    command: 'markAbsent',
    de: 'abwesend Jugendamt',
    en: 'absent youth office',
    description: 'command.markAbsent',
  },
  {
    command: 'recordVote',
    de: 'stimme erfassen Wirtschaftsförderung ja',
    en: 'record vote economic development yes',
    description: 'command.recordVote',
  },
  {
    command: 'recordUmlauf',
    de: 'umlauf stimme erfassen Wirtschaftsförderung ja',
    en: 'umlauf record vote economic development yes',
    description: 'command.recordUmlauf',
  },
  { command: 'umlauf', de: 'umlauf', en: 'circular vote', description: 'command.umlauf' },
  {
    command: 'moveSession',
    de: 'sitzung verschieben 10.12.2026 auf 17.12.2026 14:00',
    en: 'move session 2026-12-10 to 2026-12-17 14:00',
    description: 'command.moveSession',
  },
  {
    command: 'cancelSession',
    de: 'sitzung absagen 10.12.2026',
    en: 'cancel session 2026-12-10',
    description: 'command.cancelSession',
  },
  { command: 'endSession', de: 'sitzung beenden', en: 'end session', description: 'command.endSession' },
  {
    command: 'protocol',
    de: 'protokoll 12.11.2026',
    en: 'protocol 2026-11-12',
    description: 'command.protocol',
  },
  {
    command: 'correctProtocol',
    de: 'protokoll korrigieren 12.11.2026',
    en: 'correct protocol 2026-11-12',
    description: 'command.correctProtocol',
  },
  {
    command: 'auditExport',
    de: 'audit 01.01.2026 31.12.2026',
    en: 'audit 2026-01-01 2026-12-31',
    description: 'command.auditExport',
  },
];

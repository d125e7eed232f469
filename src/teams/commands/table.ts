import { noticeCard } from '../../../cards/notice-card.js';
import { agendaCommand, registerTopicCommand } from '../handlers/agenda.js';
import { amendBodyCommand, createBodyCommand } from '../handlers/body-form.js';
import { followUpFormCommand, followUpsCommand } from '../handlers/follow-ups.js';
import { helpReply } from '../handlers/help.js';
import { linkSessionCommand } from '../handlers/meetings.js';
import { joinCommand, leaveCommand, linkBodyCommand, membersCommand } from '../handlers/membership.js';
import { myDataCommand } from '../handlers/privacy.js';
import {
  auditCommand,
  correctProtocolCommand,
  endSessionCommand,
  protocolCommand,
} from '../handlers/protocol.js';
import { recordBallotCommand } from '../handlers/record-ballot.js';
import {
  archiveExportCommand,
  basisCommand,
  decisionCommand,
  decisionsCommand,
  registerExportCommand,
  reportCommand,
} from '../handlers/register.js';
import { exportBodyCommand, rulesCommand, rulesHistoryCommand } from '../handlers/rules.js';
import { markAttendanceCommand, startSessionCommand } from '../handlers/session-run.js';
import {
  changeSessionCommand,
  meetingSeriesCommand,
  newSessionCommand,
  planSessionsCommand,
  sessionsCommand,
} from '../handlers/sessions.js';
import { recordUmlaufCommand, umlaufCommand } from '../handlers/umlauf.js';
import {
  annulVoteCommand,
  closeVoteCommand,
  grantVoteCommand,
  openVoteCommand,
  tallyCommand,
} from '../handlers/voting.js';
import { cleanCommandText, commandText } from './grammar.js';
import {
  absentArgs,
  archiveExportArgs,
  auditArgs,
  basisArgs,
  cancelArgs,
  correctArgs,
  createBodyArgs,
  decisionArgs,
  decisionsArgs,
  followUpArgs,
  grantVoteArgs,
  moveArgs,
  openVoteArgs,
  presentArgs,
  protocolArgs,
  recordUmlaufArgs,
  recordVoteArgs,
  recordVoteUsageArgs,
  registerExportArgs,
  reportArgs,
} from './patterns.js';
import {
  type Command,
  type CommandSpec,
  type HelpEntry,
  type Matched,
  pattern,
  phrases,
  type Turn,
} from './spec.js';

/** A short notice that explains how a command goes (it was typed without its arguments). */
const usage =
  (text: 'session.usageMove' | 'session.usageCancel' | 'record.usage' | 'record.umlaufUsage') =>
  ({ locale }: Turn) =>
    noticeCard({ locale, tone: 'info', title: 'bot.name', text });

const help = (de: string, en: string, description: HelpEntry['description']): HelpEntry => ({
  de,
  en,
  description,
});

/**
 * Every command a person can type, in the order of the help card. Whole phrases are looked up
 * first; patterns are tried in this order. A test keeps the help card, this table and the Teams
 * manifest's command lists in step.
 */
export const COMMANDS: readonly CommandSpec[] = [
  phrases(
    'help',
    ['hilfe', 'help', '?', 'hilfe bitte', 'was kannst du', 'what can you do'],
    help('hilfe', 'help', 'command.help'),
    (t) => helpReply(t.deps, t.ctx, t.locale, helpEntries()),
  ),
  phrases(
    'linkBody',
    ['gremium verbinden', 'link body', 'gremium verknüpfen', 'ag verbinden'],
    help('gremium verbinden', 'link body', 'command.linkBody'),
    (t) => linkBodyCommand(t.deps, t.ctx, t.locale),
  ),
  phrases(
    'join',
    ['mitglied werden', 'join', 'anmelden als mitglied'],
    help('mitglied werden', 'join', 'command.join'),
    (t) => joinCommand(t.deps, t.ctx, t.locale),
  ),
  phrases(
    'members',
    ['mitglieder', 'members', 'mitgliederliste'],
    help('mitglieder', 'members', 'command.members'),
    (t) => membersCommand(t.deps, t.ctx, t.locale),
  ),
  phrases(
    'leave',
    ['austreten', 'leave', 'mitgliedschaft beenden', 'leave group'],
    help('austreten', 'leave', 'command.leave'),
    (t) => leaveCommand(t.deps, t.ctx, t.locale),
  ),
  phrases(
    'linkSession',
    ['sitzung verbinden', 'link session', 'besprechung verbinden', 'link meeting'],
    help('sitzung verbinden', 'link session', 'command.linkSession'),
    (t) => linkSessionCommand(t.deps, t.ctx, t.locale),
  ),
  phrases(
    'myData',
    ['meine daten', 'my data', 'meine daten anzeigen', 'auskunft'],
    help('meine daten', 'my data', 'command.myData'),
    (t) => myDataCommand(t.deps, t.ctx, t.locale),
  ),
  phrases(
    'newSession',
    ['sitzung anlegen', 'new session', 'neue sitzung'],
    help('sitzung anlegen', 'new session', 'command.newSession'),
    (t) => newSessionCommand(t.deps, t.ctx, t.locale),
  ),
  phrases(
    'meetingSeries',
    ['besprechungslink', 'meeting link', 'teams-besprechung', 'besprechung'],
    help('besprechungslink', 'meeting link', 'command.meetingSeries'),
    (t) => meetingSeriesCommand(t.deps, t.ctx, t.locale),
  ),
  phrases(
    'planSessions',
    ['sitzungen planen', 'plan sessions'],
    help('sitzungen planen', 'plan sessions', 'command.planSessions'),
    (t) => planSessionsCommand(t.deps, t.ctx, t.locale),
  ),
  phrases(
    'sessions',
    ['sitzungen', 'sessions', 'termine'],
    help('sitzungen', 'sessions', 'command.sessions'),
    (t) => sessionsCommand(t.deps, t.ctx, t.locale),
  ),
  phrases(
    'registerTopic',
    ['thema anmelden', 'register topic', 'thema'],
    help('thema anmelden', 'register topic', 'command.registerTopic'),
    (t) => registerTopicCommand(t.deps, t.ctx, t.locale),
  ),
  phrases('agenda', ['tagesordnung', 'agenda', 'to'], help('tagesordnung', 'agenda', 'command.agenda'), (t) =>
    agendaCommand(t.deps, t.ctx, t.locale),
  ),
  phrases(
    'startSession',
    ['sitzung starten', 'start session', 'sitzung beginnen'],
    help('sitzung starten', 'start session', 'command.startSession'),
    (t) => startSessionCommand(t.deps, t.ctx, t.locale),
  ),
  pattern('openVote', openVoteArgs, help('abstimmung TOP 2', 'vote item 2', 'command.openVote'), (t, a) =>
    openVoteCommand(t.deps, t.ctx, t.locale, a.item),
  ),
  phrases('tally', ['stand', 'tally', 'abstimmungsstand'], help('stand', 'tally', 'command.tally'), (t) =>
    tallyCommand(t.deps, t.ctx, t.locale),
  ),
  phrases(
    'closeVote',
    ['abstimmung schließen', 'abstimmung schliessen', 'close vote', 'abstimmung beenden'],
    help('abstimmung schließen', 'close vote', 'command.closeVote'),
    (t) => closeVoteCommand(t.deps, t.ctx, t.locale),
  ),
  phrases(
    'annulVote',
    ['abstimmung aufheben', 'annul vote', 'abstimmung annullieren'],
    help('abstimmung aufheben', 'annul vote', 'command.annulVote'),
    (t) => annulVoteCommand(t.deps, t.ctx, t.locale),
  ),
  pattern(
    'grantVote',
    grantVoteArgs,
    help(
      'stimmrecht gewähren Integrationsbeauftragte TOP 2',
      'grant vote integration item 2',
      'command.grantVote',
    ),
    (t, a) => grantVoteCommand(t.deps, t.ctx, t.locale, a.office, a.item),
  ),
  pattern(
    'markPresent',
    presentArgs,
    help('anwesend Jugendamt', 'present youth office', 'command.markPresent'),
    (t, a) => markAttendanceCommand(t.deps, t.ctx, t.locale, a.office, true),
  ),
  pattern(
    'markAbsent',
    absentArgs,
    help('abwesend Jugendamt', 'absent youth office', 'command.markAbsent'),
    (t, a) => markAttendanceCommand(t.deps, t.ctx, t.locale, a.office, false),
  ),
  pattern(
    'recordVote',
    recordVoteArgs,
    help(
      'stimme erfassen Wirtschaftsförderung ja',
      'record vote economic development yes',
      'command.recordVote',
    ),
    (t, a) => recordBallotCommand(t.deps, t.ctx, t.locale, a),
  ),
  pattern(
    'recordUmlauf',
    recordUmlaufArgs,
    help(
      'umlauf stimme erfassen Wirtschaftsförderung ja',
      'umlauf record vote economic development yes',
      'command.recordUmlauf',
    ),
    (t, a) => recordUmlaufCommand(t.deps, t.ctx, t.locale, a),
  ),
  phrases(
    'umlauf',
    ['umlauf', 'umlaufverfahren', 'circular vote', 'umlauf starten'],
    help('umlauf', 'circular vote', 'command.umlauf'),
    (t) => umlaufCommand(t.deps, t.ctx, t.locale),
  ),
  pattern(
    'moveSession',
    moveArgs,
    help(
      'sitzung verschieben 10.12.2026 auf 17.12.2026 14:00',
      'move session 2026-12-10 to 2026-12-17 14:00',
      'command.moveSession',
    ),
    (t, a) => changeSessionCommand(t.deps, t.ctx, t.locale, { kind: 'move', ...a }),
  ),
  pattern(
    'cancelSession',
    cancelArgs,
    help('sitzung absagen 10.12.2026', 'cancel session 2026-12-10', 'command.cancelSession'),
    (t, a) => changeSessionCommand(t.deps, t.ctx, t.locale, { kind: 'cancel', date: a.date }),
  ),
  phrases(
    'endSession',
    ['sitzung beenden', 'end session', 'sitzung schließen', 'sitzung schliessen'],
    help('sitzung beenden', 'end session', 'command.endSession'),
    (t) => endSessionCommand(t.deps, t.ctx, t.locale),
  ),
  pattern(
    'archiveExport',
    archiveExportArgs,
    help('archiv exportieren 2026', 'archive export 2026', 'command.archiveExport'),
    (t, a) => archiveExportCommand(t.deps, t.ctx, t.locale, a.year),
  ),
  pattern(
    'registerExport',
    registerExportArgs,
    help('beschlüsse export 2027', 'decisions export 2027', 'command.registerExport'),
    (t, a) => registerExportCommand(t.deps, t.ctx, t.locale, a.year),
  ),
  pattern(
    'decisions',
    decisionsArgs,
    help('beschlüsse 2027', 'decisions 2027', 'command.decisions'),
    (t, a) => decisionsCommand(t.deps, t.ctx, t.locale, a.query),
  ),
  pattern(
    'decision',
    decisionArgs,
    help('beschluss 2027/03', 'decision 2027/03', 'command.decision'),
    (t, a) => decisionCommand(t.deps, t.ctx, t.locale, a.number),
  ),
  pattern('basis', basisArgs, help('grundlage 2027/03', 'basis 2027/03', 'command.basis'), (t, a) =>
    basisCommand(t.deps, t.ctx, t.locale, a.number),
  ),
  phrases(
    'followUps',
    ['wiedervorlagen', 'follow-ups', 'followups', 'follow ups', 'arbeitsaufträge'],
    help('wiedervorlagen', 'follow-ups', 'command.followUps'),
    (t) => followUpsCommand(t.deps, t.ctx, t.locale),
  ),
  pattern(
    'followUp',
    followUpArgs,
    help('wiedervorlage 2027/03', 'follow-up 2027/03', 'command.followUp'),
    (t, a) => followUpFormCommand(t.deps, t.ctx, t.locale, a.number),
  ),
  pattern(
    'report',
    reportArgs,
    help('bericht 01.01.2027 30.06.2027', 'report 2027-01-01 2027-06-30', 'command.report'),
    (t, a) => reportCommand(t.deps, t.ctx, t.locale, a.from, a.to),
  ),
  phrases(
    'amendBody',
    ['gremium ändern', 'gremium aendern', 'amend body', 'geschäftsordnung ändern'],
    help('gremium ändern', 'amend body', 'command.amendBody'),
    (t) => amendBodyCommand(t.deps, t.ctx, t.locale),
  ),
  pattern(
    'createBody',
    createBodyArgs,
    help('gremium anlegen wie AG Planung', 'new body like AG Planung', 'command.createBody'),
    (t, a) => createBodyCommand(t.deps, t.ctx, t.locale, a.like),
  ),
  phrases(
    'exportBody',
    ['gremium exportieren', 'export body', 'geschäftsordnung exportieren'],
    help('gremium exportieren', 'export body', 'command.exportBody'),
    (t) => exportBodyCommand(t.deps, t.ctx, t.locale),
  ),
  phrases(
    'rulesHistory',
    ['geschäftsordnung verlauf', 'geschaeftsordnung verlauf', 'rules history', 'go verlauf'],
    help('geschäftsordnung verlauf', 'rules history', 'command.rulesHistory'),
    (t) => rulesHistoryCommand(t.deps, t.ctx, t.locale),
  ),
  phrases(
    'rules',
    ['geschäftsordnung', 'geschaeftsordnung', 'rules', 'rules of procedure', 'regeln'],
    help('geschäftsordnung', 'rules', 'command.rules'),
    (t) => rulesCommand(t.deps, t.ctx, t.locale),
  ),
  pattern(
    'protocol',
    protocolArgs,
    help('protokoll 12.11.2026', 'protocol 2026-11-12', 'command.protocol'),
    (t, a) => protocolCommand(t.deps, t.ctx, t.locale, a.date),
  ),
  pattern(
    'correctProtocol',
    correctArgs,
    help('protokoll korrigieren 12.11.2026', 'correct protocol 2026-11-12', 'command.correctProtocol'),
    (t, a) => correctProtocolCommand(t.deps, t.ctx, t.locale, a.date),
  ),
  pattern(
    'auditExport',
    auditArgs,
    help('audit 01.01.2026 31.12.2026', 'audit 2026-01-01 2026-12-31', 'command.auditExport'),
    (t, a) => auditCommand(t.deps, t.ctx, t.locale, a.from, a.to),
  ),
  // Typed without their arguments: say how they go (not in the help card).
  phrases('moveSessionUsage', ['sitzung verschieben', 'move session'], undefined, usage('session.usageMove')),
  phrases(
    'cancelSessionUsage',
    ['sitzung absagen', 'cancel session'],
    undefined,
    usage('session.usageCancel'),
  ),
  pattern(
    'recordUmlaufUsage',
    (text) =>
      /^(?:umlauf stimme erfassen|umlauf record vote)(?: |$)/.test(text.normalized) ? {} : undefined,
    undefined,
    usage('record.umlaufUsage'),
  ),
  pattern('recordVoteUsage', recordVoteUsageArgs, undefined, usage('record.usage')),
];

/** The help card's lines, in the table's order. */
export function helpEntries(): (HelpEntry & { command: string })[] {
  return COMMANDS.flatMap((c) => (c.help ? [{ command: c.name, ...c.help }] : []));
}

const BY_PHRASE = new Map(COMMANDS.flatMap((c) => c.phrases.map((p) => [p, c] as const)));

/** The command a text names, bound to its handler, or `unknown` with the text as typed. */
export function matchCommand(
  text: string | undefined,
): Matched | { readonly command: Command; readonly run?: undefined } {
  const t = commandText(text);
  const exact = BY_PHRASE.get(t.normalized)?.match(t);
  if (exact) return exact;
  for (const spec of COMMANDS) {
    const matched = spec.phrases.length === 0 ? spec.match(t) : undefined;
    if (matched) return matched;
  }
  return { command: { name: 'unknown', text: cleanCommandText(t.raw) } };
}

/** What a text parses to: the command's name and its arguments. */
export function parseCommand(text: string | undefined): Command {
  return matchCommand(text).command;
}

import type { Locale } from './locale.js';

/**
 * Every text a user reads, German first. Keys are stable; cards pick them by locale.
 * A missing English text is a type error, so the two languages cannot drift apart.
 */
const de = {
  'bot.name': 'Gremienbot',
  'bot.tagline':
    'Ich unterstütze Arbeitsgruppen der Berliner Bezirksämter: Themenanmeldung, Fristen, Tagesordnung, Anwesenheit und Beschlussfähigkeit, Abstimmungen, Umlaufverfahren und Ergebnisprotokoll.',
  'welcome.title': 'Willkommen beim Gremienbot',
  'welcome.personal':
    'Schön, dass Sie da sind. Hier im persönlichen Chat erhalten Sie Erinnerungen und Abstimmungskarten.',
  'welcome.channel':
    'Ich bin jetzt in diesem Kanal. Die Geschäftsstelle (SPK) kann den Kanal mit einer Arbeitsgruppe verbinden.',
  'welcome.groupChat': 'Ich bin jetzt in diesem Gruppenchat.',
  'welcome.next': 'Schreiben Sie **hilfe**, um zu sehen, was ich kann.',
  'help.title': 'Hilfe',
  'help.commands': 'Befehle',
  'help.mention': 'Im Kanal sprechen Sie mich mit @Gremienbot an, im persönlichen Chat genügt der Befehl.',
  'help.rules.title': 'Die Regeln, nach denen ich arbeite',
  'help.rules.text':
    'Themen bis 7 Tage vor der Sitzung anmelden · Tagesordnung 5 Tage vorher · beschlussfähig ab der Hälfte der stimmberechtigten Mitglieder · Beschluss mit 2/3 der anwesenden Stimmberechtigten · eine Stimme je Amt, keine Stimmrechtsübertragung.',
  'command.help': 'Zeigt diese Hilfe.',
  'unknown.title': 'Das habe ich nicht verstanden',
  'unknown.text': 'Ich kenne den Befehl „{text}“ nicht. Schreiben Sie **hilfe** für eine Übersicht.',
  'error.storage.title': 'Nicht gespeichert',
  'error.storage.text':
    'Der Speicher ist gerade nicht erreichbar. Es wurde nichts geändert – bitte versuchen Sie es gleich noch einmal.',
  'error.generic.title': 'Das hat leider nicht geklappt',
  'error.generic.text':
    'Ein unerwarteter Fehler ist aufgetreten. Es wurde nichts geändert. Bitte versuchen Sie es später noch einmal.',
} as const;

export type MessageKey = keyof typeof de;

const en: Record<MessageKey, string> = {
  'bot.name': 'Gremienbot',
  'bot.tagline':
    "I support the working groups of Berlin's district offices: topic registration, deadlines, agenda, attendance and quorum, votes, circular votes and the results protocol.",
  'welcome.title': 'Welcome to Gremienbot',
  'welcome.personal': 'Glad to have you. In this personal chat you will receive reminders and ballot cards.',
  'welcome.channel':
    "I'm now in this channel. The office that runs the body (SPK) can link this channel to a working group.",
  'welcome.groupChat': "I'm now in this group chat.",
  'welcome.next': 'Type **help** to see what I can do.',
  'help.title': 'Help',
  'help.commands': 'Commands',
  'help.mention':
    'In a channel, address me with @Gremienbot; in a personal chat the command alone is enough.',
  'help.rules.title': 'The rules I work by',
  'help.rules.text':
    'Register topics up to 7 days before the session · agenda 5 days before · quorate when half of the voting members are present · decisions need 2/3 of the voting members present · one vote per office, no proxies.',
  'command.help': 'Shows this help.',
  'unknown.title': "I didn't understand that",
  'unknown.text': 'I don\'t know the command "{text}". Type **help** for an overview.',
  'error.storage.title': 'Not saved',
  'error.storage.text':
    'Storage is not reachable right now. Nothing was changed – please try again in a moment.',
  'error.generic.title': 'Something went wrong',
  'error.generic.text': 'An unexpected error occurred. Nothing was changed. Please try again later.',
};

const catalogs: Record<Locale, Record<MessageKey, string>> = { de, en };

/** Looks up a text and fills `{name}` placeholders. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogs[locale][key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

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
  'command.linkBody': 'Verbindet diesen Kanal mit einer Arbeitsgruppe (nur Geschäftsstelle/SPK).',
  'command.join': 'Sie melden sich als Vertretung Ihres Amtes an; die SPK bestätigt.',
  'command.members': 'Zeigt die Ämter der Arbeitsgruppe mit ihren Vertretungen.',
  'link.title': 'Kanal mit Arbeitsgruppe verbinden',
  'link.text':
    'Wählen Sie die Arbeitsgruppe, deren Heimat dieser Kanal wird. Hier erscheinen Tagesordnung, Erinnerungen und Anfragen.',
  'link.label': 'Arbeitsgruppe',
  'link.placeholder': 'Bitte eine Arbeitsgruppe wählen',
  'link.submit': 'Verbinden',
  'link.done': 'Dieser Kanal gehört jetzt zur {body}.',
  'link.already': 'Dieser Kanal ist bereits mit der {body} verbunden.',
  'link.taken':
    'Dieser Kanal gehört schon zu einer anderen Arbeitsgruppe ({other}). Für eine weitere Arbeitsgruppe brauchen Sie einen eigenen Kanal.',
  'link.notChannel': 'Das geht nur in einem Kanal eines Teams, nicht im Chat.',
  'join.title': 'Mitglied werden',
  'join.text':
    'Für welches Amt handeln Sie? Die Geschäftsstelle (SPK) bestätigt Ihre Anmeldung; erst dann können Sie für das Amt Themen anmelden und abstimmen.',
  'join.label': 'Amt',
  'join.placeholder': 'Bitte ein Amt wählen',
  'join.submit': 'Anmelden',
  'join.requested': 'Danke! Ihre Anmeldung für „{office}“ ({body}) liegt der SPK zur Bestätigung vor.',
  'join.noChannel':
    'Die SPK sieht sie unter „mitglieder“; sobald ein Kanal verbunden ist, erhält sie dort eine Nachricht.',
  'join.pending': 'Ihre Anmeldung für „{office}“ ({body}) wartet noch auf die Bestätigung der SPK.',
  'join.already': 'Sie vertreten bereits „{office}“ in der {body}.',
  'join.otherOffice':
    'Sie vertreten in dieser Arbeitsgruppe bereits ein anderes Amt. Eine Person handelt für ein Amt.',
  'join.unknownOffice': 'Dieses Amt gehört nicht zu der Arbeitsgruppe.',
  'request.title': 'Neue Anmeldung',
  'request.text': '{person} möchte für „{office}“ in der {body} handeln.',
  'request.approve': 'Bestätigen',
  'request.decline': 'Ablehnen',
  'request.approved': '{person} vertritt jetzt „{office}“ ({role}).',
  'request.declined': 'Die Anmeldung von {person} für „{office}“ wurde abgelehnt.',
  'request.alreadyApproved': '{person} ist für „{office}“ bereits bestätigt.',
  'request.unknown': 'Diese Anmeldung gibt es nicht (mehr).',
  'roster.title': 'Mitglieder der {body}',
  'roster.nobody': 'noch niemand angemeldet',
  'roster.deputy': 'Stellvertretung',
  'roster.pending': 'wartet auf Bestätigung',
  'role.voting': 'stimmberechtigt',
  'role.commissioner': 'Beauftragte, beratend',
  'role.advisory': 'beratend',
  'role.guest': 'Gast, beratend',
  'role.representative': 'Vertretung',
  'role.deputy': 'Stellvertretung',
  'refused.notSecretariat': 'Das darf nur die Geschäftsstelle (SPK) der Arbeitsgruppe.',
  'refused.noBody':
    'Dieser Kanal ist noch mit keiner Arbeitsgruppe verbunden. Die SPK verbindet ihn mit „gremium verbinden“.',
  'refused.badCard': 'Diese Karte enthält ungültige Daten. Bitte rufen Sie den Befehl erneut auf.',
  'command.newSession': 'Legt eine Sitzung an: Datum, Uhrzeit, Ort oder Online-Link (SPK).',
  'command.planSessions': 'Schlägt die nächsten Sitzungen nach dem Sitzungsrhythmus vor (SPK).',
  'command.sessions': 'Zeigt die kommenden Sitzungen mit Anmeldeschluss und Versand der Tagesordnung.',
  'session.newTitle': 'Sitzung anlegen',
  'session.date': 'Datum',
  'session.time': 'Beginn',
  'session.place': 'Ort oder Online-Link',
  'session.placeHint': 'z. B. Rathaus, Raum 101, oder Teams-Link',
  'session.create': 'Anlegen',
  'session.created': 'Sitzung angelegt: {when}. Anmeldeschluss für Themen: {deadline}.',
  'session.exists': 'Diese Sitzung gibt es schon: {when}.',
  'session.invalidDate': 'Bitte ein gültiges Datum angeben.',
  'session.invalidTime': 'Bitte eine gültige Uhrzeit angeben (HH:MM).',
  'session.pastDate': 'Dieser Termin liegt in der Vergangenheit.',
  'session.placeTooLong': 'Der Ort darf höchstens 200 Zeichen lang sein.',
  'sessions.title': 'Sitzungen der {body}',
  'sessions.none':
    'Keine kommenden Sitzungen. Die SPK legt sie mit „sitzung anlegen“ oder „sitzungen planen“ an.',
  'sessions.running': 'läuft',
  'sessions.deadline': 'Anmeldeschluss',
  'sessions.dispatch': 'Versand Tagesordnung',
  'plan.title': 'Sitzungen planen',
  'plan.text': 'Vorschläge nach dem Sitzungsrhythmus der {body}. Ein Klick legt die Sitzung an.',
  'plan.none': 'Für die {body} sind die nächsten Sitzungen schon angelegt.',
  'plan.create': 'Anlegen',
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
  'command.linkBody': 'Links this channel to a working group (SPK only).',
  'command.join': 'Register as the representative of your office; the SPK confirms.',
  'command.members': "Shows the body's offices and who represents them.",
  'link.title': 'Link channel to a working group',
  'link.text':
    'Choose the working group whose home this channel becomes. Agendas, reminders and requests appear here.',
  'link.label': 'Working group',
  'link.placeholder': 'Please choose a working group',
  'link.submit': 'Link',
  'link.done': 'This channel now belongs to {body}.',
  'link.already': 'This channel is already linked to {body}.',
  'link.taken':
    'This channel already belongs to another working group ({other}). Another working group needs a channel of its own.',
  'link.notChannel': 'That works only in a team channel, not in a chat.',
  'join.title': 'Become a member',
  'join.text':
    'Which office do you act for? The office that runs the body (SPK) confirms your registration; only then can you register topics and vote for the office.',
  'join.label': 'Office',
  'join.placeholder': 'Please choose an office',
  'join.submit': 'Register',
  'join.requested': 'Thank you! Your registration for "{office}" ({body}) awaits the SPK\'s confirmation.',
  'join.noChannel': 'The SPK sees it under "members"; once a channel is linked, it is notified there.',
  'join.pending': 'Your registration for "{office}" ({body}) still awaits the SPK\'s confirmation.',
  'join.already': 'You already represent "{office}" in {body}.',
  'join.otherOffice':
    'You already represent another office in this working group. A person acts for one office.',
  'join.unknownOffice': 'That office does not belong to the working group.',
  'request.title': 'New registration',
  'request.text': '{person} wants to act for "{office}" in {body}.',
  'request.approve': 'Approve',
  'request.decline': 'Decline',
  'request.approved': '{person} now represents "{office}" ({role}).',
  'request.declined': 'The registration of {person} for "{office}" was declined.',
  'request.alreadyApproved': '{person} is already confirmed for "{office}".',
  'request.unknown': 'This registration does not exist (any more).',
  'roster.title': 'Members of {body}',
  'roster.nobody': 'nobody registered yet',
  'roster.deputy': 'deputy',
  'roster.pending': 'awaiting confirmation',
  'role.voting': 'voting',
  'role.commissioner': 'commissioner, advisory',
  'role.advisory': 'advisory',
  'role.guest': 'guest, advisory',
  'role.representative': 'representative',
  'role.deputy': 'deputy',
  'refused.notSecretariat': 'Only the office that runs the working group (SPK) may do that.',
  'refused.noBody': 'This channel is not linked to a working group yet. The SPK links it with "link body".',
  'refused.badCard': 'This card contains invalid data. Please run the command again.',
  'command.newSession': 'Creates a session: date, time, place or online link (SPK).',
  'command.planSessions': "Proposes the next sessions from the body's cadence (SPK).",
  'command.sessions': 'Shows the upcoming sessions with registration deadline and agenda dispatch.',
  'session.newTitle': 'New session',
  'session.date': 'Date',
  'session.time': 'Start',
  'session.place': 'Place or online link',
  'session.placeHint': 'e.g. Town hall, room 101, or a Teams link',
  'session.create': 'Create',
  'session.created': 'Session created: {when}. Topic registration closes: {deadline}.',
  'session.exists': 'This session already exists: {when}.',
  'session.invalidDate': 'Please give a valid date.',
  'session.invalidTime': 'Please give a valid time (HH:MM).',
  'session.pastDate': 'This date is in the past.',
  'session.placeTooLong': 'The place may be at most 200 characters long.',
  'sessions.title': 'Sessions of {body}',
  'sessions.none': 'No upcoming sessions. The SPK creates them with "new session" or "plan sessions".',
  'sessions.running': 'running',
  'sessions.deadline': 'Registration closes',
  'sessions.dispatch': 'Agenda goes out',
  'plan.title': 'Plan sessions',
  'plan.text': "Proposals from {body}'s cadence. One click creates the session.",
  'plan.none': 'The next sessions of {body} already exist.',
  'plan.create': 'Create',
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

import type { AdaptiveCard } from './adaptive-card.js';
import { helpCard } from './help-card.js';
import type { Locale } from './locale.js';
import { bodyChoiceCard, membershipRequestCard, officeChoiceCard, rosterCard } from './membership-cards.js';
import { noticeCard } from './notice-card.js';
import { planCard, sessionFormCard, sessionsCard } from './session-cards.js';
import { welcomeCard } from './welcome-card.js';

/**
 * Every card the bot can send, rendered with representative data in both languages.
 * The card test parses each of these with the adaptivecards library; a new card
 * must be added here or it is not checked.
 */
export function everyCard(): { name: string; card: AdaptiveCard }[] {
  const locales: Locale[] = ['de', 'en'];
  // As large as the largest preset: 26 offices (AG SRO Mitte), three bodies.
  const offices = Array.from({ length: 26 }, (_, i) => ({
    id: `amt-${i + 1}`,
    name: `Beauftragte/r für Queer, Diversity und Antidiskriminierung ${i + 1}`,
  }));
  const bodies = [1, 2, 3].map((i) => ({ id: `ag-${i}`, name: `AG Sozialraumorientierung Mitte ${i}` }));
  return locales.flatMap((locale) => [
    { name: `welcome/personal/${locale}`, card: welcomeCard({ locale, conversationKind: 'personal' }) },
    { name: `welcome/channel/${locale}`, card: welcomeCard({ locale, conversationKind: 'channel' }) },
    { name: `welcome/groupChat/${locale}`, card: welcomeCard({ locale, conversationKind: 'groupChat' }) },
    { name: `help/${locale}`, card: helpCard({ locale }) },
    { name: `link-body/${locale}`, card: bodyChoiceCard(locale, bodies) },
    {
      name: `join/${locale}`,
      card: officeChoiceCard(
        locale,
        bodies.map((b) => ({ bodyId: b.id, bodyName: b.name, offices })),
      ),
    },
    {
      name: `membership-request/${locale}`,
      card: membershipRequestCard(locale, {
        bodyId: 'ag-1',
        bodyName: 'AG Planung',
        officeName: 'Jugendamt',
        personName: 'Jonas Krüger',
        memberAadObjectId: '5a1d0c6e-2222-4a00-8000-000000000002',
      }),
    },
    {
      name: `roster/${locale}`,
      card: rosterCard(
        locale,
        { id: 'ag-1', name: 'AG Sozialraumorientierung Mitte' },
        offices.map((o, i) => ({
          officeName: o.name,
          role: i % 5 === 0 ? 'commissioner' : 'voting',
          people: [
            { name: 'Vorname Nachname', status: 'approved', deputy: false, aadObjectId: `a${i}` },
            { name: 'Vorname Nachname', status: 'pending', deputy: true, aadObjectId: `b${i}` },
          ],
        })),
      ),
    },
    {
      name: `session-form/${locale}`,
      card: sessionFormCard(locale, bodies[0] ?? { id: 'x', name: 'x' }, {
        date: '2027-01-14',
        time: '10:00',
      }),
    },
    {
      name: `sessions/${locale}`,
      card: sessionsCard(
        locale,
        { name: 'AG Planung Steglitz-Zehlendorf' },
        Array.from({ length: 6 }, (_, i) => ({
          sessionId: `s${i}`,
          start: new Date(Date.UTC(2027, i, 14, 9)),
          place: 'Rathaus Zehlendorf, Kirchstraße 1–3, Raum 101, oder Teams-Link',
          status: i === 0 ? 'running' : 'planned',
          registrationClosesAt: new Date(Date.UTC(2027, i, 7, 23)),
          agendaDispatchAt: new Date(Date.UTC(2027, i, 9, 7)),
        })),
      ),
    },
    { name: `sessions-empty/${locale}`, card: sessionsCard(locale, { name: 'AG Planung' }, []) },
    {
      name: `plan/${locale}`,
      card: planCard(
        locale,
        { id: 'ag-1', name: 'AG Planung' },
        [1, 3, 5].map((m) => ({
          date: `2027-0${m}-14`,
          time: '10:00',
          start: new Date(Date.UTC(2027, m - 1, 14, 9)),
        })),
      ),
    },
    {
      name: `unknown-command/${locale}`,
      card: noticeCard({
        locale,
        tone: 'info',
        title: 'unknown.title',
        text: 'unknown.text',
        params: { text: 'xyz' },
      }),
    },
    {
      name: `error-storage/${locale}`,
      card: noticeCard({ locale, tone: 'error', title: 'error.storage.title', text: 'error.storage.text' }),
    },
    {
      name: `error-generic/${locale}`,
      card: noticeCard({ locale, tone: 'error', title: 'error.generic.title', text: 'error.generic.text' }),
    },
  ]);
}

import { type CardData, execute } from './actions.js';
import { type AdaptiveCard, adaptiveCard, type CardElement, heading, paragraph } from './adaptive-card.js';
import { cardLang, type Locale } from './locale.js';
import { t } from './messages.js';
import { plain } from './plain.js';

type Choice = { title: string; value: string };

const choiceSet = (id: string, label: string, choices: Choice[], placeholder: string) => ({
  type: 'Input.ChoiceSet' as const,
  id,
  label,
  choices,
  style: 'compact' as const,
  isRequired: true,
  errorMessage: placeholder,
  placeholder,
});

/** `gremium verbinden`: the SPK picks which body this channel belongs to. */
export function bodyChoiceCard(locale: Locale, bodies: { id: string; name: string }[]): AdaptiveCard {
  return adaptiveCard(
    cardLang(locale),
    [
      heading(t(locale, 'link.title')),
      paragraph(t(locale, 'link.text')),
      choiceSet(
        'bodyId',
        t(locale, 'link.label'),
        bodies.map((b) => ({ title: b.name, value: b.id })),
        t(locale, 'link.placeholder'),
      ),
    ],
    [execute('body.link', t(locale, 'link.submit'), {})],
  );
}

/** `mitglied werden`: a person picks the office they act for (only offices of the body or bodies offered). */
export function officeChoiceCard(
  locale: Locale,
  groups: { bodyId: string; bodyName: string; offices: { id: string; name: string }[] }[],
): AdaptiveCard {
  const multi = groups.length > 1;
  const choices = groups.flatMap((g) =>
    g.offices.map((o) => ({
      title: multi ? `${g.bodyName} – ${o.name}` : o.name,
      value: `${g.bodyId}|${o.id}`,
    })),
  );
  return adaptiveCard(
    cardLang(locale),
    [
      heading(t(locale, 'join.title')),
      paragraph(t(locale, 'join.text')),
      choiceSet('choice', t(locale, 'join.label'), choices, t(locale, 'join.placeholder')),
    ],
    [execute('member.request', t(locale, 'join.submit'), {})],
  );
}

/** Posted to the SPK: someone wants to act for an office. */
export function membershipRequestCard(
  locale: Locale,
  r: {
    bodyId: string;
    bodyName: string;
    officeId: string;
    officeName: string;
    personName: string;
    memberAadObjectId: string;
    requestedAt: string;
  },
): AdaptiveCard {
  const data = (decision: 'approve' | 'decline'): CardData<'member.decide'> => ({
    bodyId: r.bodyId,
    memberAadObjectId: r.memberAadObjectId,
    decision,
    officeId: r.officeId,
    requestedAt: r.requestedAt,
  });
  return adaptiveCard(
    cardLang(locale),
    [
      paragraph(t(locale, 'request.title'), { weight: 'Bolder' }),
      paragraph(t(locale, 'request.text', { person: r.personName, office: r.officeName, body: r.bodyName })),
    ],
    [
      execute('member.decide', t(locale, 'request.approve'), data('approve'), 'positive'),
      execute('member.decide', t(locale, 'request.decline'), data('decline'), 'destructive'),
    ],
  );
}

export type RosterEntry = {
  officeName: string;
  role: 'voting' | 'commissioner' | 'advisory' | 'guest';
  people: { name: string; status: 'pending' | 'approved'; deputy: boolean; aadObjectId: string }[];
};

/** `mitglieder`: every office of the body with its people; pending requests carry the SPK's buttons. */
export function rosterCard(
  locale: Locale,
  body: { id: string; name: string },
  entries: RosterEntry[],
): AdaptiveCard {
  const roleText = (role: RosterEntry['role']) => t(locale, `role.${role}`);
  const rows: CardElement[] = entries.map((e) => ({
    type: 'Container' as const,
    separator: true,
    items: [
      paragraph(`**${e.officeName}** · ${roleText(e.role)}`),
      paragraph(
        e.people.length === 0
          ? t(locale, 'roster.nobody')
          : e.people
              .map(
                (p) =>
                  `${plain(p.name)}${p.deputy ? ` (${t(locale, 'roster.deputy')})` : ''}${p.status === 'pending' ? ` – ${t(locale, 'roster.pending')}` : ''}`,
              )
              .join(', '),
        { isSubtle: e.people.length === 0, size: 'Small' },
      ),
    ],
  }));
  return adaptiveCard(cardLang(locale), [heading(t(locale, 'roster.title', { body: body.name })), ...rows]);
}

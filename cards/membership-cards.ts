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
  officeId: string;
  officeName: string;
  role: 'voting' | 'commissioner' | 'advisory' | 'guest';
  people: {
    name: string;
    status: 'pending' | 'approved';
    deputy: boolean;
    aadObjectId: string;
    /** When the request was made (pending) or approved: what a decision card binds to. */
    since: string;
  }[];
};

/** `mitglieder`: every office of the body with its people; pending requests carry the SPK's buttons. */
export function rosterCard(
  locale: Locale,
  body: { id: string; name: string },
  entries: RosterEntry[],
  /** The SPK's view: buttons for pending requests and forms to remove or move a person. */
  spk = false,
): AdaptiveCard {
  const roleText = (role: RosterEntry['role']) => t(locale, `role.${role}`);
  // The oldest pending requests carry their buttons (the card stays within Teams' size limit);
  // the others follow once these are decided.
  const pending = entries.flatMap((e) => e.people.filter((p) => p.status === 'pending'));
  const pendingShown = new Set(
    [...pending]
      .sort((a, b) => (a.since < b.since ? -1 : 1))
      .slice(0, MAX_PENDING_BUTTONS)
      .map((p) => p.aadObjectId),
  );
  const rows: CardElement[] = entries.map((e) => ({
    type: 'Container' as const,
    separator: true,
    items: [
      paragraph(`**${plain(e.officeName)}** · ${roleText(e.role)}`),
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
      ...(spk
        ? e.people
            .filter((p) => p.status === 'pending' && pendingShown.has(p.aadObjectId))
            .map((p) => pendingRow(locale, body, e, p))
        : []),
    ],
  }));
  const approved = entries.flatMap((e) =>
    e.people
      .filter((p) => p.status === 'approved')
      .map((p) => ({ title: `${p.name} (${e.officeName})`, value: `${p.aadObjectId}|${e.officeId}` })),
  );
  // One form for both changes: the person (as shown: id and office), and the new office for a move.
  const actions =
    spk && approved.length > 0
      ? [
          {
            type: 'Action.ShowCard' as const,
            title: t(locale, 'roster.change'),
            card: {
              type: 'AdaptiveCard' as const,
              body: [
                choiceSet('person', t(locale, 'roster.person'), approved, t(locale, 'roster.pickPerson')),
                {
                  ...choiceSet(
                    'toOfficeId',
                    t(locale, 'roster.toOffice'),
                    entries.map((e) => ({ title: e.officeName, value: e.officeId })),
                    t(locale, 'join.placeholder'),
                  ),
                  isRequired: false,
                },
                paragraph(t(locale, 'roster.removeText'), { size: 'Small', isSubtle: true }),
              ],
              actions: [
                execute('member.move', t(locale, 'roster.moveSubmit'), { bodyId: body.id }),
                execute(
                  'member.remove',
                  t(locale, 'roster.removeSubmit'),
                  { bodyId: body.id },
                  'destructive',
                ),
              ],
            },
          },
        ]
      : undefined;
  const more = spk ? pending.length - pendingShown.size : 0;
  return adaptiveCard(
    cardLang(locale),
    [
      heading(t(locale, 'roster.title', { body: body.name })),
      ...rows,
      ...(more > 0 ? [paragraph(t(locale, 'roster.morePending', { count: more }), { isSubtle: true })] : []),
    ],
    actions,
  );
}

const MAX_PENDING_BUTTONS = 5;

/** A pending request on the SPK's roster, with the decision buttons bound to exactly this request. */
function pendingRow(
  locale: Locale,
  body: { id: string },
  e: RosterEntry,
  p: RosterEntry['people'][number],
): CardElement {
  const data = (decision: 'approve' | 'decline'): CardData<'member.decide'> => ({
    bodyId: body.id,
    memberAadObjectId: p.aadObjectId,
    decision,
    officeId: e.officeId,
    requestedAt: p.since,
  });
  return {
    type: 'ActionSet',
    spacing: 'Small',
    actions: [
      execute('member.decide', `${t(locale, 'request.approve')}: ${p.name}`, data('approve'), 'positive'),
      execute('member.decide', `${t(locale, 'request.decline')}: ${p.name}`, data('decline'), 'destructive'),
    ],
  };
}

/** `austreten`: the bodies the person is a member of, each with its button to leave. */
export function leaveCard(
  locale: Locale,
  memberships: { bodyId: string; bodyName: string; officeName: string }[],
): AdaptiveCard {
  return adaptiveCard(
    cardLang(locale),
    [
      heading(t(locale, 'leave.title')),
      paragraph(t(locale, memberships.length > 0 ? 'leave.text' : 'leave.none')),
      ...memberships.map((m) => paragraph(`**${plain(m.bodyName)}** · ${plain(m.officeName)}`)),
    ],
    memberships.map((m) =>
      execute(
        'member.leave',
        t(locale, 'leave.submit', { body: m.bodyName }),
        { bodyId: m.bodyId },
        'destructive',
      ),
    ),
  );
}

import { LIMITS } from '../src/domain/limits.js';
import type { CardData } from './actions.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardAction,
  type CardElement,
  heading,
  paragraph,
} from './adaptive-card.js';
import { formatDayTime } from './format.js';
import { cardLang, type Locale } from './locale.js';
import { type MessageKey, t } from './messages.js';
import { plain } from './plain.js';

export type QuorumView = { presentVoting: number; needed: number; votingMembers: number; quorate: boolean };

/** `sitzung starten`: the session, its agenda, the live quorum and the "Anwesend" button. */
export function checkInCard(
  locale: Locale,
  d: {
    bodyId: string;
    sessionId: string;
    bodyName: string;
    start: Date;
    place: string;
    agenda: { number: number; title: string; marking: 'Beschluss' | 'Erörterung' }[];
    quorum: QuorumView;
    present: string[];
    advisory: string[];
  },
): AdaptiveCard {
  return adaptiveCard(
    cardLang(locale),
    [
      heading(t(locale, 'run.title', { session: formatDayTime(locale, d.start, true) })),
      paragraph(`${d.bodyName}${d.place ? ` · ${plain(d.place)}` : ''}`, { isSubtle: true }),
      ...d.agenda.map((i) =>
        paragraph(
          `TOP ${i.number}: ${i.title} (${i.marking === 'Beschluss' ? t(locale, 'agenda.decision') : t(locale, 'agenda.discussion')})`,
          { size: 'Small', spacing: 'None' },
        ),
      ),
      quorumLine(locale, d.quorum),
      paragraph(`${t(locale, 'run.present')}: ${d.present.length > 0 ? d.present.join(', ') : '–'}`, {
        size: 'Small',
      }),
      ...(d.advisory.length > 0
        ? [
            paragraph(`${t(locale, 'run.advisory')}: ${d.advisory.join(', ')}`, {
              size: 'Small',
              isSubtle: true,
            }),
          ]
        : []),
    ],
    [
      {
        type: 'Action.Execute',
        title: t(locale, 'run.checkIn'),
        verb: 'session.checkIn',
        data: { bodyId: d.bodyId, sessionId: d.sessionId } satisfies CardData<'session.checkIn'>,
        style: 'positive',
      },
    ],
  );
}

export function quorumLine(locale: Locale, q: QuorumView): CardElement {
  return {
    type: 'Container',
    style: q.quorate ? 'good' : 'attention',
    items: [
      paragraph(
        t(locale, q.quorate ? 'run.quorate' : 'run.notQuorate', {
          present: q.presentVoting,
          needed: q.needed,
          members: q.votingMembers,
        }),
        {
          weight: 'Bolder',
        },
      ),
    ],
  };
}

export type RuleView = {
  numerator: number;
  denominator: number;
  comparison: 'atLeast' | 'moreThan';
  base: string;
};

/** "angenommen mit mindestens 2/3 der anwesenden stimmberechtigten Mitglieder: 7 von 10". */
export function ruleInWords(locale: Locale, rule: RuleView, required: number, base: number): string {
  return t(locale, 'vote.rule', {
    comparison: t(locale, rule.comparison === 'atLeast' ? 'vote.atLeast' : 'vote.moreThan'),
    fraction: `${rule.numerator}/${rule.denominator}`,
    base: t(locale, `vote.base.${rule.base}` as MessageKey),
    required,
    of: base,
  });
}

export type VoteCardData = {
  bodyId: string;
  sessionId: string;
  voteId: string;
  number: number;
  title: string;
  rule: RuleView;
  required: number;
  base: number;
  counts: { yes: number; no: number; abstain: number; notVoted: number };
  open: boolean;
  /** Who is present now (attendance changes redraw the card). */
  quorum?: QuorumView;
  /** Offices of the vote without anyone on Teams, whose ballot the SPK records (the SPK's form). */
  recordable?: { id: string; name: string }[];
  /** Teams user ids (at most 60) who get their own copy with their office's ballot. */
  refreshUserIds?: string[];
  /** The reader's own state, on their copy only ("Ihre Stimme für Jugendamt: Ja"). */
  ownLine?: string;
};

/** The vote on a Beschluss item: the rule in words, Ja / Nein / Enthaltung and an argument. */
export function voteCard(locale: Locale, d: VoteCardData): AdaptiveCard {
  const cast = (choice: 'yes' | 'no' | 'abstain'): Partial<CardData<'vote.cast'>> => ({
    bodyId: d.bodyId,
    sessionId: d.sessionId,
    voteId: d.voteId,
    choice,
  });
  const card = adaptiveCard(
    cardLang(locale),
    [
      heading(t(locale, 'vote.title', { number: d.number })),
      paragraph(`**${plain(d.title)}**`),
      paragraph(ruleInWords(locale, d.rule, d.required, d.base), { size: 'Small' }),
      paragraph(t(locale, 'vote.counts', d.counts), { size: 'Small', isSubtle: true }),
      ...(d.quorum && d.open ? [quorumLine(locale, d.quorum)] : []),
      ...(d.open
        ? [
            {
              type: 'Input.Text',
              id: 'argument',
              label: t(locale, 'vote.argument'),
              isMultiline: true,
              maxLength: LIMITS.argument.max,
            } as unknown as CardElement,
          ]
        : [paragraph(t(locale, 'vote.closedNote'), { color: 'Warning' })]),
    ],
    d.open
      ? [
          ...ballotButtons(locale, 'vote.cast', cast, ['yes', 'no', 'abstain']),
          ...(d.recordable && d.recordable.length > 0
            ? [
                recordBallotForm(locale, 'vote.record', d.recordable, ['yes', 'no', 'abstain'], {
                  bodyId: d.bodyId,
                  sessionId: d.sessionId,
                  voteId: d.voteId,
                } satisfies Partial<CardData<'vote.record'>>),
              ]
            : []),
        ]
      : undefined,
  );
  if (d.ownLine)
    card.body.unshift({ type: 'TextBlock', text: d.ownLine, wrap: true, weight: 'Bolder', color: 'Good' });
  if (d.refreshUserIds && d.refreshUserIds.length > 0) {
    const view: CardData<'vote.view'> = { bodyId: d.bodyId, sessionId: d.sessionId, voteId: d.voteId };
    card.refresh = {
      action: {
        type: 'Action.Execute',
        title: t(locale, 'vote.title', { number: d.number }),
        verb: 'vote.view',
        data: view,
      },
      userIds: d.refreshUserIds.slice(0, 60),
    };
  }
  return card;
}

/** The ballot buttons of a vote card and an Umlauf card, defined once; `data` gives each its choice. */
export function ballotButtons<
  V extends 'vote.cast' | 'umlauf.cast',
  C extends 'yes' | 'no' | 'abstain' | 'object',
>(locale: Locale, verb: V, data: (choice: C) => Partial<CardData<V>>, choices: readonly C[]): CardAction[] {
  const style = { yes: 'positive', no: 'destructive', abstain: undefined, object: undefined } as const;
  return choices.map((choice) => ({
    type: 'Action.Execute' as const,
    title: t(locale, choice === 'object' ? 'umlauf.object' : (`vote.${choice}` as MessageKey)),
    verb,
    data: data(choice),
    ...(style[choice] ? { style: style[choice] } : {}),
  }));
}

/**
 * The SPK's form on a vote or Umlauf card: the ballot of an office without Teams (in the room, or
 * sent in writing), with its argument. Shown to everyone; only SPK people are accepted.
 */
export function recordBallotForm(
  locale: Locale,
  verb: 'vote.record' | 'umlauf.record',
  offices: { id: string; name: string }[],
  choices: ('yes' | 'no' | 'abstain' | 'object')[],
  data: Record<string, string>,
): CardAction {
  const label = (c: string) => t(locale, c === 'object' ? 'umlauf.object' : (`vote.${c}` as MessageKey));
  return {
    type: 'Action.ShowCard',
    title: t(locale, 'record.title'),
    card: {
      type: 'AdaptiveCard',
      body: [
        {
          type: 'Input.ChoiceSet',
          id: 'recordOfficeId',
          label: t(locale, 'record.office'),
          isRequired: true,
          errorMessage: t(locale, 'record.pickOffice'),
          choices: offices.map((o) => ({ title: o.name, value: o.id })),
        } as unknown as CardElement,
        {
          type: 'Input.ChoiceSet',
          id: 'recordChoice',
          label: t(locale, 'record.choice'),
          style: 'expanded',
          isRequired: true,
          errorMessage: t(locale, 'record.pickChoice'),
          choices: choices.map((c) => ({ title: label(c), value: c })),
        } as unknown as CardElement,
        {
          type: 'Input.Text',
          id: 'recordArgument',
          label: t(locale, 'record.argument'),
          isMultiline: true,
          maxLength: LIMITS.argument.max,
        } as unknown as CardElement,
      ],
      actions: [{ type: 'Action.Execute', title: t(locale, 'record.submit'), verb, data }],
    },
  };
}

export type TallyData = VoteCardData & {
  outcome: 'open' | 'adopted' | 'rejected' | 'notQuorate';
  reached: boolean;
  /** Yes votes still missing for the majority, as the rules core counts them. */
  stillNeeded: number;
  quorum: QuorumView;
  byChoice: { yes: string[]; no: string[]; abstain: string[]; notVoted: string[] };
  arguments: {
    office: string;
    choice: 'yes' | 'no' | 'abstain' | 'object';
    text: string;
    advisory: boolean;
  }[];
};

/** `stand` and the closing card: counts per office, quorum, majority, a chart with a text fallback. */
export function tallyCard(locale: Locale, d: TallyData): AdaptiveCard {
  const line = (key: MessageKey, names: string[]) => ({
    title: `${t(locale, key)} (${names.length})`,
    value: names.length > 0 ? names.join(', ') : '–',
  });
  const status =
    d.outcome === 'open'
      ? t(locale, d.reached ? 'tally.reached' : 'tally.notReached', {
          missing: d.stillNeeded,
        })
      : t(locale, `outcome.${d.outcome}` as MessageKey);
  const pros = d.arguments.filter((a) => !a.advisory && a.choice === 'yes' && a.text);
  const cons = d.arguments.filter((a) => !a.advisory && a.choice === 'no' && a.text);
  const advisory = d.arguments.filter((a) => a.advisory);
  const choiceKey: Record<string, MessageKey> = { yes: 'vote.yes', no: 'vote.no', abstain: 'vote.abstain' };
  const argumentBlock = (key: MessageKey, list: TallyData['arguments']): CardElement[] =>
    list.length === 0
      ? []
      : [
          paragraph(t(locale, key), { weight: 'Bolder', size: 'Small' }),
          ...list.map((a) =>
            paragraph(
              // An advisory opinion shows the opinion itself; an argument for or against its text.
              a.advisory
                ? `${a.office}: ${t(locale, choiceKey[a.choice] ?? 'vote.abstain')}${a.text ? ` – „${plain(a.text)}“` : ''}`
                : `${a.office}: ${plain(a.text)}`,
              { size: 'Small', spacing: 'None' },
            ),
          ),
        ];
  return adaptiveCard(cardLang(locale), [
    heading(t(locale, d.outcome === 'open' ? 'tally.title' : 'outcome.title', { number: d.number })),
    paragraph(`**${plain(d.title)}**`),
    paragraph(status, {
      weight: 'Bolder',
      color:
        d.outcome === 'adopted' || (d.outcome === 'open' && d.reached)
          ? 'Good'
          : d.outcome === 'open'
            ? 'Default'
            : 'Attention',
    }),
    paragraph(ruleInWords(locale, d.rule, d.required, d.base), { size: 'Small' }),
    quorumLine(locale, d.quorum),
    {
      type: 'Chart.Pie',
      title: t(locale, 'tally.chart'),
      // Colours that stay apart for colour-blind readers (blue, orange, purple, grey), and the
      // counts in the labels, so nothing depends on telling colours apart.
      data: [
        {
          legend: `${t(locale, 'vote.yes')} (${d.counts.yes})`,
          value: d.counts.yes,
          color: 'categoricalBlue',
        },
        {
          legend: `${t(locale, 'vote.no')} (${d.counts.no})`,
          value: d.counts.no,
          color: 'categoricalMarigold',
        },
        {
          legend: `${t(locale, 'vote.abstain')} (${d.counts.abstain})`,
          value: d.counts.abstain,
          color: 'categoricalPurple',
        },
        {
          legend: `${t(locale, 'tally.notVoted')} (${d.counts.notVoted})`,
          value: d.counts.notVoted,
          color: 'neutral',
        },
      ],
      fallback: paragraph(t(locale, 'vote.counts', d.counts), { size: 'Small' }),
    } as unknown as CardElement,
    {
      type: 'FactSet',
      facts: [
        line('vote.yes', d.byChoice.yes),
        line('vote.no', d.byChoice.no),
        line('vote.abstain', d.byChoice.abstain),
        line('tally.notVoted', d.byChoice.notVoted),
      ],
    },
    ...argumentBlock('tally.pro', pros),
    ...argumentBlock('tally.contra', cons),
    ...argumentBlock('tally.advisory', advisory),
  ]);
}

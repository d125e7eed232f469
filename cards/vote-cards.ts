import { LIMITS } from '../src/domain/limits.js';
import { type ButtonData, type CardData, execute } from './actions.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardAction,
  heading,
  type InputText,
  paragraph,
} from './adaptive-card.js';
import { type QuorumView, quorumLine } from './check-in-card.js';
import { cardLang, type Locale } from './locale.js';
import { type MessageKey, t } from './messages.js';
import { plain } from './plain.js';

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
  /** Annulled by the SPK: no buttons, and it says so. */
  annulled?: boolean;
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
  const cast = (choice: 'yes' | 'no' | 'abstain'): ButtonData<'vote.cast'> => ({
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
        ? [argumentInput(locale)]
        : [paragraph(t(locale, d.annulled ? 'vote.annulledNote' : 'vote.closedNote'), { color: 'Warning' })]),
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
                }),
              ]
            : []),
        ]
      : undefined,
  );
  if (d.ownLine)
    card.body.unshift({
      type: 'TextBlock' as const,
      text: d.ownLine,
      wrap: true,
      weight: 'Bolder',
      color: 'Good',
    });
  if (d.refreshUserIds && d.refreshUserIds.length > 0) {
    const view: CardData<'vote.view'> = { bodyId: d.bodyId, sessionId: d.sessionId, voteId: d.voteId };
    card.refresh = {
      action: execute('vote.view', t(locale, 'vote.title', { number: d.number }), view),
      userIds: d.refreshUserIds.slice(0, 60),
    };
  }
  return card;
}

/** The argument field under the ballot buttons of a vote card and an Umlauf card (sent with the button). */
export function argumentInput(locale: Locale): InputText {
  return {
    type: 'Input.Text',
    id: 'argument',
    label: t(locale, 'vote.argument'),
    isMultiline: true,
    maxLength: LIMITS.argument.max,
  };
}

/** The ballot buttons of a vote card and an Umlauf card, defined once; `data` gives each its choice. */
export function ballotButtons<
  V extends 'vote.cast' | 'umlauf.cast',
  C extends 'yes' | 'no' | 'abstain' | 'object',
>(locale: Locale, verb: V, data: (choice: C) => ButtonData<V>, choices: readonly C[]): CardAction[] {
  const style = { yes: 'positive', no: 'destructive', abstain: undefined, object: undefined } as const;
  return choices.map((choice) =>
    execute(
      verb,
      t(locale, choice === 'object' ? 'umlauf.object' : (`vote.${choice}` as MessageKey)),
      data(choice),
      style[choice],
    ),
  );
}

/**
 * The SPK's form on a vote or Umlauf card: the ballot of an office without Teams (in the room, or
 * sent in writing), with its argument. Shown to everyone; only SPK people are accepted.
 */
export function recordBallotForm<V extends 'vote.record' | 'umlauf.record'>(
  locale: Locale,
  verb: V,
  offices: { id: string; name: string }[],
  choices: ('yes' | 'no' | 'abstain' | 'object')[],
  data: ButtonData<V>,
): CardAction {
  const label = (c: string) => t(locale, c === 'object' ? 'umlauf.object' : (`vote.${c}` as MessageKey));
  return {
    type: 'Action.ShowCard',
    title: t(locale, 'record.title'),
    card: {
      type: 'AdaptiveCard',
      body: [
        {
          type: 'Input.ChoiceSet' as const,
          id: 'recordOfficeId',
          label: t(locale, 'record.office'),
          isRequired: true,
          errorMessage: t(locale, 'record.pickOffice'),
          choices: offices.map((o) => ({ title: o.name, value: o.id })),
        },
        {
          type: 'Input.ChoiceSet' as const,
          id: 'recordChoice',
          label: t(locale, 'record.choice'),
          style: 'expanded' as const,
          isRequired: true,
          errorMessage: t(locale, 'record.pickChoice'),
          choices: choices.map((c) => ({ title: label(c), value: c })),
        },
        {
          type: 'Input.Text' as const,
          id: 'recordArgument',
          label: t(locale, 'record.argument'),
          isMultiline: true,
          maxLength: LIMITS.argument.max,
        },
      ],
      actions: [execute(verb, t(locale, 'record.submit'), data)],
    },
  };
}

import { type AdaptiveCard, adaptiveCard, type CardElement, heading, paragraph } from './adaptive-card.js';
import { type QuorumView, quorumLine } from './check-in-card.js';
import { cardLang, type Locale } from './locale.js';
import { type MessageKey, t } from './messages.js';
import { shorten } from './notification-cards.js';
import { plain } from './plain.js';
import { rulesVersionText } from './rules-version.js';
import { ruleInWords, type VoteCardData } from './vote-cards.js';

export type TallyData = VoteCardData & {
  outcome: 'open' | 'adopted' | 'rejected' | 'notQuorate';
  reached: boolean;
  /** Yes votes still missing for the majority, as the rules core counts them. */
  stillNeeded: number;
  quorum: QuorumView;
  /** The version of the rules the vote was opened under. */
  rulesVersion?: { number: number; effectiveFrom: string };
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
  // Arguments are shortened to share a budget of 6,000 characters (280 each at most), so the card
  // stays under Teams' 28 KB with 60 offices arguing at the longest; the protocol has them in full.
  const preview = Math.max(
    80,
    Math.min(280, Math.floor(6_000 / Math.max(1, d.arguments.filter((a) => a.text).length))),
  );
  const argumentBlock = (key: MessageKey, list: TallyData['arguments']): CardElement[] =>
    list.length === 0
      ? []
      : [
          paragraph(t(locale, key), { weight: 'Bolder', size: 'Small' }),
          ...list.map((a) =>
            paragraph(
              // An advisory opinion shows the opinion itself; an argument for or against its text.
              a.advisory
                ? `${a.office}: ${t(locale, choiceKey[a.choice] ?? 'vote.abstain')}${a.text ? ` – „${plain(shorten(a.text, preview))}“` : ''}`
                : `${a.office}: ${plain(shorten(a.text, preview))}`,
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
    ...(d.rulesVersion
      ? [paragraph(rulesVersionText(locale, d.rulesVersion), { size: 'Small', isSubtle: true })]
      : []),
    quorumLine(locale, d.quorum),
    {
      type: 'Chart.Pie' as const,
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
    },
    {
      type: 'FactSet' as const,
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

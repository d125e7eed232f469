import type { Decision } from '../src/ports/records.js';
import { type AdaptiveCard, adaptiveCard, type CardElement, heading, paragraph } from './adaptive-card.js';
import { formatDay } from './format.js';
import { cardLang, type Locale } from './locale.js';
import { type MessageKey, t } from './messages.js';
import { plain } from './plain.js';

const outcome = (locale: Locale, d: Decision) =>
  t(locale, (d.kind === 'umlauf' ? `umlauf.outcome.${d.outcome}` : `outcome.${d.outcome}`) as MessageKey);
const choice = (locale: Locale, c: string) =>
  t(locale, (c === 'object' ? 'umlauf.object' : `vote.${c}`) as MessageKey);

/** `beschlüsse`: the body's decisions, latest first, one line each. */
export function registerCard(
  locale: Locale,
  d: { bodyName: string; entries: readonly Decision[]; more: number; query: string },
): AdaptiveCard {
  const body: CardElement[] = [
    heading(t(locale, 'register.title', { body: d.bodyName })),
    ...(d.query
      ? [paragraph(t(locale, 'register.filter', { query: plain(d.query) }), { isSubtle: true })]
      : []),
    ...(d.entries.length === 0 ? [paragraph(t(locale, 'register.none'), { isSubtle: true })] : []),
    ...d.entries.map((e) =>
      paragraph(
        `**${plain(e.label)}** · ${formatDay(locale, new Date(e.decidedAt), true)} · ${plain(e.title)} — ${outcome(locale, e)}`,
        { size: 'Small' },
      ),
    ),
    ...(d.more > 0 ? [paragraph(t(locale, 'register.more', { count: d.more }), { isSubtle: true })] : []),
  ];
  return adaptiveCard(cardLang(locale), body);
}

/** `beschluss 2027/03`: one decision with its counts and every office's ballot and argument. */
export function decisionCard(locale: Locale, d: Decision): AdaptiveCard {
  const counts = t(locale, 'register.counts', {
    yes: d.counts.yes,
    no: d.counts.no,
    abstain: d.counts.abstain,
  });
  const base =
    d.base !== undefined && d.required !== undefined
      ? ` ${t(locale, 'register.base', { required: d.required, base: d.base })}`
      : '';
  return adaptiveCard(cardLang(locale), [
    heading(t(locale, 'register.numbered', { label: d.label })),
    paragraph(`**${plain(d.title)}**`),
    ...(d.text
      ? [paragraph(plain(d.text.length > 1500 ? `${d.text.slice(0, 1500)} …` : d.text), { size: 'Small' })]
      : []),
    paragraph(
      `${t(locale, d.kind === 'umlauf' ? 'register.byUmlauf' : 'register.inSession', {
        date: formatDay(locale, new Date(d.decidedAt), true),
      })}: **${outcome(locale, d)}** (${counts}).${base}`,
    ),
    {
      type: 'FactSet',
      facts: d.ballots.map((b) => ({
        title: `${plain(b.office)}${b.recorded ? ` (${t(locale, 'record.marker')})` : ''}`,
        value: `${choice(locale, b.choice)}${b.argument ? ` – ${plain(b.argument.slice(0, 400))}` : ''}`,
      })),
    },
  ]);
}

import type { Decision } from '../src/ports/records.js';
import { execute } from './actions.js';
import { type AdaptiveCard, adaptiveCard, type CardElement, heading, paragraph } from './adaptive-card.js';
import { type FollowUpLine, followUpLines } from './follow-up-cards.js';
import { formatDay } from './format.js';
import { cardLang, type Locale } from './locale.js';
import { type MessageKey, t } from './messages.js';
import { plain } from './plain.js';
import { rulesVersionText } from './rules-version.js';

/** A decision's outcome in words ("Angenommen."). */
export const outcome = (locale: Locale, d: Pick<Decision, 'kind' | 'outcome'>) =>
  t(locale, (d.kind === 'umlauf' ? `umlauf.outcome.${d.outcome}` : `outcome.${d.outcome}`) as MessageKey);
/** An office's ballot in words ("Ja", "Einspruch"). */
export const choice = (locale: Locale, c: string) =>
  t(locale, (c === 'object' ? 'umlauf.object' : `vote.${c}`) as MessageKey);

/** `beschlüsse`: the body's decisions, latest first, one line each. */
export function registerCard(
  locale: Locale,
  d: {
    bodyId: string;
    bodyName: string;
    entries: readonly Decision[];
    more: number;
    query: string;
    page: number;
  },
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
    ...(d.page > 1 ? [paragraph(t(locale, 'register.page', { page: d.page }), { isSubtle: true })] : []),
    ...(d.more > 0 ? [paragraph(t(locale, 'register.more', { count: d.more }), { isSubtle: true })] : []),
  ];
  return adaptiveCard(
    cardLang(locale),
    body,
    d.more > 0
      ? [
          execute('register.page', t(locale, 'register.next'), {
            bodyId: d.bodyId,
            query: d.query,
            page: d.page + 1,
          }),
        ]
      : undefined,
  );
}

/**
 * `beschluss 2027/03`: one decision with its counts and every office's ballot and argument, and
 * its follow-ups; the SPK's copy adds a follow-up and names the command for the decision basis.
 */
export function decisionCard(
  locale: Locale,
  d: Decision,
  options: {
    followUps?: readonly FollowUpLine[];
    spk?: { bodyId: string };
    /** The released protocol of its session: where it is filed, and its download. */
    protocol?: { bodyId: string; sessionId: string; version: number; path?: string };
  } = {},
): AdaptiveCard {
  const counts = t(locale, 'register.counts', {
    yes: d.counts.yes,
    no: d.counts.no,
    abstain: d.counts.abstain,
  });
  const base =
    d.base !== undefined && d.required !== undefined
      ? ` ${t(locale, 'register.base', { required: d.required, base: d.base })}`
      : '';
  const followUps = options.followUps ?? [];
  return adaptiveCard(
    cardLang(locale),
    [
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
      ...(d.rulesVersion
        ? [paragraph(rulesVersionText(locale, d.rulesVersion), { size: 'Small', isSubtle: true })]
        : []),
      {
        type: 'FactSet',
        facts: d.ballots.map((b) => ({
          title: `${plain(b.office)}${b.recorded ? ` (${t(locale, 'record.marker')})` : ''}`,
          value: `${choice(locale, b.choice)}${b.argument ? ` – ${plain(b.argument.slice(0, 400))}` : ''}`,
        })),
      },
      ...(followUps.length
        ? [paragraph(`**${t(locale, 'followUp.agendaTitle')}**`), ...followUpLines(locale, followUps)]
        : []),
      ...(options.protocol
        ? [
            paragraph(
              t(locale, 'register.protocol', { version: options.protocol.version }) +
                (options.protocol.path
                  ? ` ${t(locale, 'protocol.filedAs', { path: options.protocol.path })}`
                  : ''),
              { size: 'Small' },
            ),
          ]
        : []),
      ...(options.spk
        ? [
            paragraph(
              t(locale, 'register.basisHint', { number: `${d.year}/${String(d.number).padStart(2, '0')}` }),
              {
                size: 'Small',
                isSubtle: true,
              },
            ),
          ]
        : []),
    ],
    [
      ...(options.protocol
        ? [
            execute('file.link', t(locale, 'register.openProtocol'), {
              kind: 'protocol.docx',
              bodyId: options.protocol.bodyId,
              sessionId: options.protocol.sessionId,
              version: options.protocol.version,
            }),
          ]
        : []),
      ...(options.spk
        ? [execute('followUp.form', t(locale, 'followUp.add'), { bodyId: options.spk.bodyId, ref: d.ref })]
        : []),
    ],
  );
}

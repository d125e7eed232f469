import { PERSONAL_COUNTED_KINDS } from '../src/domain/privacy.js';
import { type AdaptiveCard, adaptiveCard, paragraph } from './adaptive-card.js';
import { formatDayTime } from './format.js';
import { cardLang, type Locale } from './locale.js';
import { type MessageKey, t } from './messages.js';

const KINDS: ReadonlySet<string> = new Set(PERSONAL_COUNTED_KINDS);

/**
 * The answer to `meine daten`: how many records of each kind are stored about the person, and
 * the two downloads (the records as JSON, the readable Word copy), valid for a short time.
 */
export function personalDataCard(
  locale: Locale,
  view: {
    counts: Readonly<Record<string, number>>;
    jsonUrl: string;
    docxUrl: string;
    expiresAt: Date;
  },
): AdaptiveCard {
  // In the order of the kinds (the person's own acts first), whatever order they were counted in.
  const order = (kind: string) => {
    const i = PERSONAL_COUNTED_KINDS.indexOf(kind as (typeof PERSONAL_COUNTED_KINDS)[number]);
    return i < 0 ? PERSONAL_COUNTED_KINDS.length : i;
  };
  const counts = Object.entries(view.counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => order(a) - order(b));
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  return adaptiveCard(
    cardLang(locale),
    [
      paragraph(total > 0 ? t(locale, 'personal.ready', { count: total }) : t(locale, 'personal.readyNone'), {
        weight: 'Bolder',
      }),
      ...counts.map(([kind, count]) =>
        paragraph(
          t(locale, 'personal.summary', {
            kind: t(
              locale,
              (KINDS.has(kind) ? `personal.kind.${kind}` : 'personal.kind.other') as MessageKey,
            ),
            count,
          }),
          { spacing: 'None' },
        ),
      ),
      paragraph(t(locale, 'file.ready', { until: formatDayTime(locale, view.expiresAt) }), { size: 'Small' }),
    ],
    [
      { type: 'Action.OpenUrl', title: t(locale, 'personal.json'), url: view.jsonUrl },
      { type: 'Action.OpenUrl', title: t(locale, 'personal.word'), url: view.docxUrl },
    ],
  );
}

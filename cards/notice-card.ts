import { type AdaptiveCard, adaptiveCard, paragraph } from './adaptive-card.js';
import { cardLang, type Locale } from './locale.js';
import { type MessageKey, t } from './messages.js';

export type NoticeCardData = {
  readonly locale: Locale;
  readonly tone: 'info' | 'warning' | 'error';
  readonly title: MessageKey;
  readonly text: MessageKey;
  readonly params?: Record<string, string | number>;
};

/** A short answer: an unknown command, a refused action, an error the user can act on. */
export function noticeCard(data: NoticeCardData): AdaptiveCard {
  const color = data.tone === 'error' ? 'Attention' : data.tone === 'warning' ? 'Warning' : 'Default';
  return adaptiveCard(cardLang(data.locale), [
    paragraph(t(data.locale, data.title, data.params), { weight: 'Bolder', color }),
    paragraph(t(data.locale, data.text, data.params)),
  ]);
}

import { formatDate } from './format.js';
import type { Locale } from './locale.js';
import { t } from './messages.js';

/** "Nach der Geschäftsordnung in der Fassung vom 01.02.2027 (Fassung 2)." */
export function rulesVersionText(locale: Locale, v: { number: number; effectiveFrom: string }): string {
  return t(locale, 'rules.version', { date: formatDate(locale, v.effectiveFrom), number: v.number });
}

import type { Body } from '../../domain/body.js';
import type { Decision } from '../../ports/records.js';
import type { SessionDeps } from '../shared/deps.js';

/** Entries on one page of `beschlüsse` (the card stays small; a filter narrows it). */
export const REGISTER_PAGE = 15;

/**
 * `beschlüsse [Jahr|Wort]`: the body's decisions, latest first — all of them, those of a year
 * ("2027"), or those whose title or text contains a word. Members read it.
 */
export async function listDecisions(
  deps: Pick<SessionDeps, 'store'>,
  body: Body,
  query: string,
  page = 1,
): Promise<{
  readonly entries: readonly Decision[];
  readonly more: number;
  readonly query: string;
  readonly page: number;
}> {
  const q = query.trim();
  const all = (await deps.store.decisions(body.id)).reverse();
  const year = /^\d{4}$/.test(q) ? Number(q) : undefined;
  const word = year === undefined ? q.toLocaleLowerCase('de') : '';
  const matching = all.filter((d) =>
    year !== undefined
      ? d.year === year
      : word === '' || `${d.title}\n${d.text}`.toLocaleLowerCase('de').includes(word),
  );
  // A page past the end shows the last one.
  const last = Math.max(1, Math.ceil(matching.length / REGISTER_PAGE));
  const at = Math.min(Math.max(1, Math.floor(page)), last);
  return {
    entries: matching.slice((at - 1) * REGISTER_PAGE, at * REGISTER_PAGE),
    more: Math.max(0, matching.length - at * REGISTER_PAGE),
    query: q,
    page: at,
  };
}

/** `beschluss 2027/03`: one decision by its number in the body's register. */
export async function findDecision(
  deps: Pick<SessionDeps, 'store'>,
  body: Body,
  text: string,
): Promise<Decision | 'invalid' | 'unknown'> {
  const m = /^(\d{4})\s*\/\s*(\d{1,4})$/.exec(text.trim());
  if (!m) return 'invalid';
  const [year, number] = [Number(m[1]), Number(m[2])];
  // A point read: the register's row key is its year and number.
  return (await deps.store.decision(body.id, year, number)) ?? 'unknown';
}

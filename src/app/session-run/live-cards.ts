import type { GremienStore } from '../../ports/gremien-store.js';
import type { LiveCardRow } from '../../ports/records.js';

type Deps = { readonly store: GremienStore };

/**
 * Where a session's live cards (check-in, votes) were posted, so that every change redraws each
 * of them. Kept in a partition of its own: never in a decision's read set.
 */
export function rememberLiveCard(deps: Deps, bodyId: string, sessionId: string, card: LiveCardRow) {
  return deps.store.rememberSessionCard(bodyId, sessionId, card);
}

/** The posted live cards of a session. */
export function liveCardsOf(deps: Deps, bodyId: string, sessionId: string): Promise<LiveCardRow[]> {
  return deps.store.sessionCards(bodyId, sessionId);
}

import { recordableOffices } from '../../domain/ballots.js';
import type { SessionDeps } from '../shared/deps.js';
import type { VoteView } from './vote-view.js';

/** Who sees a vote card: Teams refreshes it per member, and the SPK may record some offices. */
export type VoteAudience = {
  /** The Teams user ids of the approved members (each gets a copy of their own; Teams takes 60). */
  readonly refreshUserIds: string[];
  /** Offices whose ballot the SPK may record: in the vote (or present to advise), nobody on Teams. */
  readonly recordable: { id: string; name: string }[];
};

export async function voteAudience(deps: Pick<SessionDeps, 'store'>, view: VoteView): Promise<VoteAudience> {
  const members = (await deps.store.members(view.body.id)).filter((m) => m.value.status === 'approved');
  const onTeams = new Set(members.map((m) => m.value.officeId));
  return {
    refreshUserIds: members
      .filter((m) => m.value.teamsUserId !== '')
      .map((m) => m.value.teamsUserId)
      .slice(0, 60),
    recordable: recordableOffices(
      view.body,
      { kind: 'session', electorate: view.vote.electorate },
      view.present,
      onTeams,
    ),
  };
}

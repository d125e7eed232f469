import { type Body, officeById } from '../../domain/body.js';
import { localDateOf } from '../../domain/calendar.js';
import { decisionLabel } from '../../domain/filing.js';
import { quorumStatus } from '../../domain/quorum.js';
import type { Threshold } from '../../domain/threshold.js';
import { umlaufParticipation } from '../../domain/umlauf.js';
import { type Decision, umlaufResultOf } from '../../ports/records.js';
import { auditEntry } from '../shared/audit.js';
import type { SessionDeps } from '../shared/deps.js';
import type { UmlaufView } from '../umlauf/umlauf-view.js';
import type { VoteView } from '../voting/vote-view.js';

/** What was decided by a session vote, as the register names it. */
export const voteRef = (sessionId: string, voteId: string) => `session/${sessionId}/${voteId}`;
export const umlaufRef = (umlaufId: string) => `umlauf/${umlaufId}`;

/**
 * Records an announced decision in the body's register (000 §4: results and arguments are
 * documented per office as the Bezirksamt's basis for decision): numbered per body and year in
 * the order of decision, with the item, the outcome, counts and base, and every office's ballot and
 * argument. Once: a decision recorded before keeps its number.
 */
export async function recordVoteDecision(deps: SessionDeps, body: Body, view: VoteView): Promise<Decision> {
  const o = view.outcome;
  // Decided when it closed, even if it is recorded later (the hourly check after a failure).
  const decidedAt = view.vote.closedAt || deps.clock.now().toISOString();
  const name = (id: string) => officeById(view.body, id)?.name ?? officeById(body, id)?.name ?? id;
  return record(deps, body, {
    kind: 'vote',
    ref: voteRef(view.sessionId, view.voteId),
    sessionId: view.sessionId,
    title: view.item.title,
    text: view.item.description,
    outcome: o.kind,
    counts: { yes: o.tally.yes, no: o.tally.no, abstain: o.tally.abstain },
    ...('base' in o ? { base: o.base, required: o.required } : {}),
    decidedAt,
    quorum: quorumAtOpening(view),
    majority: ruleOf(view.body.majority),
    ...(view.body.version ? { rulesVersion: view.body.version } : {}),
    ballots: view.ballots
      .filter((b) => b.capacity === 'vote')
      .map((b) => ({
        office: name(b.officeId),
        choice: b.choice,
        argument: b.argument,
        recorded: b.recordedBy === 'secretariat',
      })),
  });
}

export async function recordUmlaufDecision(
  deps: SessionDeps,
  body: Body,
  view: UmlaufView,
): Promise<Decision> {
  const result = umlaufResultOf(view.umlauf);
  const decidedAt = view.umlauf.closedAt || view.umlauf.deadline;
  return record(deps, body, {
    kind: 'umlauf',
    ref: umlaufRef(view.umlaufId),
    sessionId: '',
    title: view.umlauf.title,
    text: view.umlauf.text,
    outcome: result?.kind ?? view.final.kind,
    counts: result
      ? { yes: result.counts.yes, no: result.counts.no, abstain: result.counts.abstain }
      : { yes: view.final.tally.yes, no: view.final.tally.no, abstain: view.final.tally.abstain },
    ...(result?.base !== undefined && result.required !== undefined
      ? { base: result.base, required: result.required }
      : {}),
    decidedAt,
    quorum: participationOf(view),
    majority: ruleOf(view.body.umlauf.majority),
    ...(view.body.version ? { rulesVersion: view.body.version } : {}),
    ballots: view.ballots
      .filter((b) => b.capacity === 'vote')
      .map((b) => ({
        office: officeById(view.body, b.officeId)?.name ?? officeById(body, b.officeId)?.name ?? b.officeId,
        choice: b.choice,
        argument: b.argument,
        recorded: b.recordedBy === 'secretariat',
      })),
  });
}

/** The voting offices present when the vote opened (its electorate less per-case grants). */
function quorumAtOpening(view: VoteView): Decision['quorum'] {
  const granted = new Set(view.vote.grants);
  const q = quorumStatus(
    view.body,
    view.vote.electorate.filter((id) => !granted.has(id)),
  );
  return { present: q.presentVoting, needed: q.needed, of: q.votingMembers };
}

/** An Umlauf's participation as the rules core counts it: offices that took part, needed, of all. */
function participationOf(view: UmlaufView): Decision['quorum'] {
  const p = umlaufParticipation(view.body, view.electorate.length, view.final.tally);
  return { present: p.cast, needed: p.needed, of: p.of };
}

const ruleOf = (r: Threshold & { base: string }): Decision['majority'] => ({
  numerator: r.fraction.numerator,
  denominator: r.fraction.denominator,
  comparison: r.comparison,
  base: r.base,
});

async function record(
  deps: SessionDeps,
  body: Body,
  draft: Omit<Decision, 'number' | 'label' | 'year'>,
): Promise<Decision> {
  const year = Number(localDateOf(new Date(draft.decidedAt)).slice(0, 4));
  return deps.store.registerDecision(
    body.id,
    { ...draft, year },
    (number) => decisionLabel(body, year, number),
    auditEntry(deps, {
      at: deps.clock.now(),
      actor: '',
      office: body.secretariat,
      action: 'decision.registered',
      target: draft.ref,
      activityId: '',
    }),
  );
}

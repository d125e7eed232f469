import type { Body } from '../../domain/body.js';
import type { UmlaufOutcome } from '../../domain/umlauf.js';
import { bodyUnderUmlauf, parseUmlaufRules } from '../../domain/vote-rules.js';
import type { UmlaufChange, UmlaufSnapshot } from '../../ports/gremien-store.js';
import {
  type BallotRow,
  type UmlaufResult,
  UmlaufResultSchema,
  type UmlaufRow,
} from '../../ports/records.js';
import { finalOf } from './umlauf-view.js';

/**
 * A closing's read set: every office's ballot as read, the places of the others sealed, so a
 * ballot cast on a stale read of the open Umlauf cannot land after the result was decided
 * (src/app/read-set.ts). `except` is the office whose ballot the same commit writes.
 */
export function ballotsAsRead(body: Body, snapshot: UmlaufSnapshot, except?: string): UmlaufChange[] {
  return body.offices
    .filter((o) => o.id !== except)
    .map((office): UmlaufChange => {
      const ballot = snapshot.ballots.get(office.id);
      return ballot
        ? { kind: 'unchangedBallot', officeId: office.id, etag: ballot.etag }
        : { kind: 'sealBallot', officeId: office.id };
    });
}

export function closedRow(
  body: Body,
  umlauf: UmlaufRow,
  ballots: readonly BallotRow[],
  reason: 'deadline' | 'settled',
  now: Date,
): UmlaufRow {
  return {
    ...umlauf,
    status: 'closed',
    closeReason: reason,
    closedAt: now.toISOString(),
    // Decided under the rules it opened with.
    outcome: JSON.stringify(
      resultOf(finalOf(bodyUnderUmlauf(body, parseUmlaufRules(umlauf.rules)), ballots)),
    ),
  };
}

/** What is stored of a final outcome: its kind and the counts it was decided on. */
function resultOf(final: Exclude<UmlaufOutcome, { kind: 'open' }>): UmlaufResult {
  const { yes, no, abstain, objections } = final.tally;
  return UmlaufResultSchema.parse({
    kind: final.kind,
    counts: { yes, no, abstain, objections },
    cast: final.tally.counted.length,
    ...(final.kind === 'adopted' || final.kind === 'rejected'
      ? { base: final.base, required: final.required }
      : {}),
  });
}

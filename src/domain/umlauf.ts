import { checkDocumentLinks } from './agenda.js';
import { type Ballot, type Tally, tally } from './ballots.js';
import { type Body, votingOffices } from './body.js';
import { majorityBase } from './decision.js';
import { LIMITS } from './limits.js';
import { type TextProblem, textProblem } from './text.js';
import { requiredCount } from './threshold.js';

/**
 * The Umlaufverfahren (circular vote). The sources allow it for urgent matters but fix
 * neither its quorum nor its deadline; both come from the body's `umlauf` settings.
 * Participation counts every ballot cast (yes, no, abstention, objection).
 */
export type UmlaufOutcome =
  | { readonly kind: 'objected'; readonly by: readonly string[]; readonly tally: Tally }
  | {
      readonly kind: 'insufficientParticipation';
      readonly cast: number;
      readonly needed: number;
      readonly tally: Tally;
    }
  | ({ readonly kind: 'adopted' | 'rejected' } & Counts)
  | ({
      readonly kind: 'open';
      readonly cast: number;
      readonly participationNeeded: number;
      readonly stillNeeded: number;
      /** Set when no office that has not voted yet could change the outcome at the deadline. */
      readonly settled?: 'adopted' | 'rejected' | 'objected' | 'insufficientParticipation';
    } & Counts);

type Counts = { readonly base: number; readonly required: number; readonly tally: Tally };

export type UmlaufVote = {
  readonly grants: readonly string[];
  readonly ballots: readonly Ballot[];
  readonly closed: boolean;
};

export function umlaufElectorate(body: Body, grants: readonly string[]): string[] {
  return [...new Set([...votingOffices(body).map((o) => o.id), ...grants])].sort();
}

/** How many offices of the electorate took part, and how many must for the result to count. */
export function umlaufParticipation(
  body: Body,
  electorateSize: number,
  counts: Tally,
): { readonly cast: number; readonly needed: number; readonly of: number } {
  return {
    cast: electorateSize - counts.notVoted.length,
    needed: requiredCount(body.umlauf.participation, electorateSize),
    of: electorateSize,
  };
}

/** Ballots are taken strictly before the deadline; from the deadline on, the Umlauf is over. */
export function umlaufDeadlinePassed(deadline: Date, now: Date): boolean {
  return now.getTime() >= deadline.getTime();
}

export function decideUmlauf(body: Body, vote: UmlaufVote): UmlaufOutcome {
  const electorate = umlaufElectorate(body, vote.grants);
  const counts = tally(electorate, vote.ballots);
  const final = finalOutcome(body, electorate.length, counts);
  if (vote.closed) return final;
  const { cast, needed: participationNeeded } = umlaufParticipation(body, electorate.length, counts);
  const base = umlaufBase(body, counts, electorate.length);
  const required = requiredCount(body.umlauf.majority, base);
  const settled = settledOutcome(body, electorate.length, counts);
  return {
    kind: 'open',
    cast,
    participationNeeded,
    stillNeeded: Math.max(0, required - counts.yes),
    base,
    required,
    tally: counts,
    ...(settled ? { settled } : {}),
  };
}

function umlaufBase(body: Body, counts: Tally, electorateSize: number): number {
  const base = body.umlauf.majority.base;
  return majorityBase(base, counts, { present: electorateSize, allVoting: electorateSize });
}

type Final = Exclude<UmlaufOutcome, { kind: 'open' }>;

function finalOutcome(body: Body, electorateSize: number, counts: Tally): Final {
  if (counts.objections > 0) {
    return {
      kind: 'objected',
      by: counts.counted.filter((b) => b.choice === 'object').map((b) => b.officeId),
      tally: counts,
    };
  }
  const { cast, needed } = umlaufParticipation(body, electorateSize, counts);
  if (cast < needed) return { kind: 'insufficientParticipation', cast, needed, tally: counts };
  const base = umlaufBase(body, counts, electorateSize);
  const required = requiredCount(body.umlauf.majority, base);
  return { kind: counts.yes >= required ? 'adopted' : 'rejected', base, required, tally: counts };
}

/**
 * Early closing: the ballots cast are taken as they stand, and every way the offices that
 * have not voted could still vote (or not) is tried. If all lead to the same outcome, the
 * vote can close now — closing also ends the chance to change a ballot, which is why the
 * SPK closes it (the bot does not close on its own before the deadline).
 */
function settledOutcome(body: Body, electorateSize: number, counts: Tally): Final['kind'] | undefined {
  const remaining = counts.notVoted.length;
  const choices = body.umlauf.objectionAllowed ? 4 : 3;
  const kinds = new Set<Final['kind']>();
  for (let yes = 0; yes <= remaining; yes++) {
    for (let no = 0; yes + no <= remaining; no++) {
      for (let abstain = 0; yes + no + abstain <= remaining; abstain++) {
        for (
          let object = 0;
          yes + no + abstain + object <= remaining && (choices === 4 || object === 0);
          object++
        ) {
          const notVoted = remaining - yes - no - abstain - object;
          const scenario: Tally = {
            ...counts,
            yes: counts.yes + yes,
            no: counts.no + no,
            abstain: counts.abstain + abstain,
            objections: counts.objections + object,
            notVoted: counts.notVoted.slice(0, notVoted),
          };
          kinds.add(finalOutcome(body, electorateSize, scenario).kind);
          if (kinds.size > 1) return undefined;
        }
      }
    }
  }
  return kinds.size === 1 ? [...kinds][0] : undefined;
}

export type UmlaufField = 'title' | 'text' | 'documents' | 'deadline';
export type UmlaufProblem = {
  readonly field: UmlaufField;
  readonly code:
    | 'required'
    | 'tooShort'
    | 'tooLong'
    | 'tooMany'
    | 'notHttps'
    | 'invalid'
    | 'past'
    | 'tooFar'
    | TextProblem;
  readonly limit?: number;
};

/** Checks the SPK's Umlauf form field by field (the deadline is checked by `checkUmlaufDeadline`). */
export function validateUmlaufDraft(draft: {
  title: string;
  text: string;
  documents: readonly string[];
}): UmlaufProblem[] {
  const problems: UmlaufProblem[] = [];
  const title = draft.title.trim();
  const titleText = textProblem(title, 'line');
  const text = draft.text.trim();
  const textText = textProblem(text, 'multiline');
  if (title === '') problems.push({ field: 'title', code: 'required' });
  else if (titleText) problems.push({ field: 'title', code: titleText });
  else if (title.length < LIMITS.topicTitle.min)
    problems.push({ field: 'title', code: 'tooShort', limit: LIMITS.topicTitle.min });
  else if (title.length > LIMITS.topicTitle.max)
    problems.push({ field: 'title', code: 'tooLong', limit: LIMITS.topicTitle.max });
  if (text === '') problems.push({ field: 'text', code: 'required' });
  else if (textText) problems.push({ field: 'text', code: textText });
  else if (text.length > LIMITS.umlaufText.max)
    problems.push({ field: 'text', code: 'tooLong', limit: LIMITS.umlaufText.max });
  const documentProblem = checkDocumentLinks(draft.documents);
  if (documentProblem) problems.push({ field: 'documents', ...documentProblem });
  return problems;
}

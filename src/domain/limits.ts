/**
 * Maximum lengths of what people type, enforced before anything is written. They keep cards
 * under Teams' 28 KB limit with 20 agenda items and rows under Table Storage's 64 KiB per
 * property. Documented in docs/rules.md.
 */
export const LIMITS = {
  topicTitle: { min: 3, max: 150 },
  topicDescription: { max: 2000 },
  conflictsOfGoals: { max: 4000 },
  documentUrl: { max: 2048 },
  documentsPerTopic: { max: 10 },
  argument: { max: 2000 },
  place: { max: 200 },
  /** The SPK's result per item: a results protocol records results, not the debate (the card holds 20). */
  protocolNote: { max: 500 },
  protocolRemarks: { max: 1000 },
  correctionReason: { max: 500 },
  umlaufText: { max: 4000 },
  /** A follow-up's task and the note it was done with. */
  followUp: { min: 3, max: 500 },
  followUpNote: { max: 500 },
} as const;

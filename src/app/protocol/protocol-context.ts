export type ProtocolRefusal =
  | 'unknownBody'
  | 'notSecretariat'
  | 'unknownSession'
  | 'sessionNotRunning'
  | 'openVotes'
  | 'sessionNotEnded'
  | 'alreadyReleased'
  | 'nothingReleased'
  | 'correctionReasonMissing'
  | 'noteTooLong'
  | 'noteText'
  | 'unknownItem'
  | 'tooLarge';

/** The notes the SPK types into the draft: per agenda item id, plus remarks for the whole session. */
export type ProtocolNotes = { readonly notes: Readonly<Record<string, string>>; readonly remarks: string };

/** How far back the previous session (and the Umlaufverfahren decided since) is looked for. */
export const LOOK_BACK_DAYS = 400;

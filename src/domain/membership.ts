/**
 * Who represents an office: members send a standing representative (000 §5; 004). The first
 * approved person of an office is it; everyone approved after them is a deputy (the bot's
 * reading: the sources name no deputies, but offices send stand-ins).
 */
export function roleOnApproval(
  officeId: string,
  approved: readonly { readonly officeId: string; readonly role: 'representative' | 'deputy' }[],
): 'representative' | 'deputy' {
  return approved.some((m) => m.officeId === officeId && m.role === 'representative')
    ? 'deputy'
    : 'representative';
}

type Approved = {
  readonly aadObjectId: string;
  readonly officeId: string;
  readonly role: 'representative' | 'deputy';
  readonly since: string;
};

/**
 * Roles follow when people leave an office (removed, left, or moved to another office): an
 * office whose representative is gone is represented by its longest-serving deputy. Returns
 * the deputy to promote, if any. `remaining` are the approved people after the change.
 */
export function deputyToPromote(officeId: string, remaining: readonly Approved[]): string | undefined {
  const ofOffice = remaining.filter((m) => m.officeId === officeId);
  if (ofOffice.some((m) => m.role === 'representative')) return undefined;
  return [...ofOffice].sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0))[0]?.aadObjectId;
}

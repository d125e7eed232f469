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

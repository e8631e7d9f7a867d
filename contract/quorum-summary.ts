/** What the quorum rule found, as far as its summary needs (main's QuorumResult has this shape). */
export interface QuorumFacts {
  readonly requiredRoles: readonly string[];
  readonly missingRoles: readonly string[];
  readonly noGoRoles: readonly string[];
}

/**
 * The quorum in one line for the room: "4 of 4 voted, quorum met: NO-GO by Tech lead (required)".
 *
 * Why: a quorum is whether every required role has answered; a required NO-GO is what they
 * answered. Saying "quorum not met" once everyone has voted sends the room looking for a
 * missing voter instead of at the veto. Shared by the poll views and anything else that
 * tells the room where it stands.
 */
export function summarizeQuorum(quorum: QuorumFacts, voted: number, total: number): string {
  const head = `${voted} of ${total} voted`;
  const veto = quorum.noGoRoles.length > 0 ? `NO-GO by ${quorum.noGoRoles.join(', ')} (required)` : '';
  if (quorum.requiredRoles.length === 0) return `${head}, quorum not met: no role is required`;
  if (quorum.missingRoles.length > 0) return `${head}, quorum not met: waiting for ${quorum.missingRoles.join(', ')}${veto ? `; ${veto}` : ''}`;
  return veto ? `${head}, quorum met: ${veto}` : `${head}, quorum met`;
}

import { ROLES, roleAllows, type ParticipantIdentity, type Permission } from '../../../contract/participants';
import type { RequestName } from '../../../contract/requests';
import { permissionFor } from '../../../contract/roles';
import { useYou } from './use-you';

/** May this page do something, and if not, the tooltip that says which role can. */
export interface Gate {
  readonly allowed: boolean;
  /** Why not, naming the roles that can (null when allowed). */
  readonly why: string | null;
}

/** The roles that hold a permission, as the page names them: "release-manager or comms". */
export function rolesHolding(permission: Permission): string {
  const holders = ROLES.filter((role) => roleAllows(role, permission));
  return holders.length <= 1 ? holders.join('') : `${holders.slice(0, -1).join(', ')} or ${holders.at(-1)!}`;
}

/**
 * Whether `you` may make `request` (its permission is the role table's, contract/roles.ts, so
 * the page and main never disagree); `what` says it in words for the tooltip. Not known yet
 * (or the page could not ask): allowed, main refuses what the role cannot do anyway; this
 * only spares a person a button that would be refused.
 */
export function gate(you: ParticipantIdentity | null, request: RequestName, what: string): Gate {
  const permission = permissionFor(request);
  if (you === null || roleAllows(you.role, permission)) return { allowed: true, why: null };
  return { allowed: false, why: `Only the ${rolesHolding(permission)} role can ${what}; you are ${you.name} (${you.role}).` };
}

/** `gate` for this page's own identity. */
export function useGate(request: RequestName, what: string): Gate {
  return gate(useYou(), request, what);
}

/**
 * Four-eyes: an action that needs N approvers happens only once N distinct people, none
 * of them the person who asked, have approved it.
 *
 * Pure: the run service (playbook approval steps) and the approval service (policy
 * overrides) keep the tally; this decides who counts. A person is their name as the
 * journal's actor names them (`parseActor`), compared without case or surrounding
 * spaces: the same person on two devices (two sessions) is one approver, as they cast
 * one ballot.
 */
import { parseActor } from '../../../contract/participants';
import { WarRoomError } from '../../../contract/domain/errors';

export interface FourEyesTally {
  /** The actor who asked (started the run, requested the override). */
  readonly requester: string;
  /** How many distinct approvers, the requester excluded. */
  readonly required: number;
  /** Actors whose approval counted, in order. */
  readonly approvedBy: readonly string[];
}

/** Who an actor is, for counting: `Ana (operator · 3f2a)` and `ana` are the same person. */
export function personOf(actor: string): string {
  return parseActor(actor).name.trim().toLowerCase();
}

/**
 * May `actor` approve now? Throws `forbidden` for the requester (they never count) and
 * `conflict` for someone whose approval already counted (the same person twice counts once).
 */
export function checkApprover(tally: FourEyesTally, actor: string, what: string): void {
  const person = personOf(actor);
  if (person === personOf(tally.requester)) {
    throw new WarRoomError(
      'forbidden',
      `${parseActor(actor).name} asked for ${what} and cannot approve it: four-eyes needs ${tally.required} other ${tally.required === 1 ? 'person' : 'people'}.`,
      [{ field: 'approved' }],
    );
  }
  if (tally.approvedBy.some((earlier) => personOf(earlier) === person)) {
    throw new WarRoomError(
      'conflict',
      `${parseActor(actor).name} already approved ${what}; it needs ${tally.required - countedApprovals(tally)} more approval(s) from someone else.`,
      [{ field: 'approved' }],
    );
  }
}

/** How many approvals count: distinct people, never the requester. */
export function countedApprovals(tally: FourEyesTally): number {
  const requester = personOf(tally.requester);
  return new Set(tally.approvedBy.map(personOf).filter((person) => person !== requester)).size;
}

export function isApproved(tally: FourEyesTally): boolean {
  return countedApprovals(tally) >= tally.required;
}

/** The setting's bounds: a release or a step asks for 1 to 9 approvers. */
export const MAX_APPROVERS = 9;

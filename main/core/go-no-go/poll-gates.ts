import { voteOf } from '../../../contract/domain/go-no-go/poll-model';
import type { ChecklistState } from '../../../contract/domain/checklist/checklist-model';
import { openRequiredItemsBeforeT0 } from '../checklist/checklist-queries';
import { statusWords } from '../checklist/status-rules';
import type { DecisionSnapshot, GateBlocker, PollState, QuorumResult, RiskSummary, SnapshotPhase } from '../../../contract/domain/go-no-go/poll-model';
import { evaluateQuorum } from './poll-quorum';

/**
 * What stands between the room and a GO.
 *
 * Quorum blockers (a required role has not voted or says NO-GO, or no role is required)
 * cannot be overridden: the room has not said GO. Checklist and risk blockers (required
 * items due before T-0 still open; open high or critical risks without a mitigation)
 * can be overridden with a written reason, because release managers do go live with a
 * known gap, and the report must show that they did and why.
 */
export interface GateInput {
  readonly checklist: ChecklistState;
  /** Open risks without a mitigation, from the risk register; only high and critical ones gate. */
  readonly unmitigatedRisks: readonly RiskSummary[];
  /** Overridable blockers from other sources (a release-window policy...), already phrased. */
  readonly otherBlockers?: readonly GateBlocker[];
}

export interface GateVerdict {
  readonly quorum: QuorumResult;
  /** Blockers no override lifts. */
  readonly quorumBlockers: readonly GateBlocker[];
  /** Blockers a written override lifts. */
  readonly overridableBlockers: readonly GateBlocker[];
}

/** Evaluate every gate of a GO decision. */
export function evaluateGoGates(state: Pick<PollState, 'participants' | 'votes'>, input: GateInput): GateVerdict {
  const quorum = evaluateQuorum(state);
  const quorumBlockers: GateBlocker[] = [];
  if (quorum.requiredRoles.length === 0) {
    quorumBlockers.push({ kind: 'no-required-role', message: 'no participant holds a required role: mark at least one role required' });
  }
  for (const role of quorum.missingRoles) quorumBlockers.push({ kind: 'missing-role', role, message: `required role '${role}' has not voted` });
  for (const role of quorum.noGoRoles) {
    const participantIds = state.participants
      .filter((participant) => participant.role === role && voteOf(state, participant.id)?.value === 'NO-GO')
      .map((participant) => participant.id);
    quorumBlockers.push({ kind: 'required-no-go', role, participantIds, message: `required role '${role}' says NO-GO` });
  }
  const overridableBlockers: GateBlocker[] = [];
  for (const item of openRequiredItemsBeforeT0(input.checklist)) {
    overridableBlockers.push({
      kind: 'open-item',
      itemId: item.id,
      title: item.title,
      status: item.status,
      due: item.due ?? '',
      message: `required item '${item.title}' (due ${item.due ?? ''}) is ${statusWords(item.status)}`,
    });
  }
  for (const risk of input.unmitigatedRisks) {
    if (risk.band !== 'high' && risk.band !== 'critical') continue;
    overridableBlockers.push({
      kind: 'unmitigated-risk',
      riskId: risk.id,
      title: risk.title,
      band: risk.band,
      message: `${risk.band} risk '${risk.title}' has no mitigation`,
    });
  }
  overridableBlockers.push(...(input.otherBlockers ?? []));
  return { quorum, quorumBlockers, overridableBlockers };
}

/** Freeze the checklist and the votes as they stand, for the decision event. */
export function takeDecisionSnapshot(state: PollState, input: GateInput, quorum: QuorumResult, takenAt: string): DecisionSnapshot {
  const checklist: SnapshotPhase[] = input.checklist.phases.map((phase) => ({
    id: phase.id,
    title: phase.title,
    items: phase.itemIds.flatMap((itemId) => {
      const item = input.checklist.items[itemId];
      if (item === undefined) return [];
      return [
        {
          id: item.id,
          title: item.title,
          status: item.status,
          statusReason: item.statusReason,
          required: item.required,
          due: item.due,
          owner: item.owner,
          evidenceCount: item.evidence.length,
        },
      ];
    }),
  }));
  return {
    takenAt,
    criteria: state.criteria,
    participants: state.participants,
    votes: state.participants.map((participant) => voteOf(state, participant.id)).filter((vote) => vote !== undefined),
    voteHistory: state.voteHistory,
    quorum,
    checklist,
    unmitigatedRisks: input.unmitigatedRisks,
  };
}

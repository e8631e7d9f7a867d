import { voteOf } from '../../../contract/domain/go-no-go/poll-model';
import { openRequiredItemsBeforeT0 } from '../checklist/checklist-queries';
import { statusWords } from '../checklist/status-rules';
import type { DecisionSnapshot, GateBlocker, PollState, QuorumResult, SnapshotPhase } from '../../../contract/domain/go-no-go/poll-model';
import { evaluateQuorum } from './poll-quorum';
export type { GateInput, GateVerdict } from '../../../contract/domain/go-no-go/poll-model';
import type { GateInput, GateVerdict } from '../../../contract/domain/go-no-go/poll-model';

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
  for (const reading of input.metricGates ?? []) {
    if (reading.phase === 'successful') continue;
    const verdict = reading.phase === 'failed' ? 'fails' : 'is inconclusive (never passed)';
    overridableBlockers.push({
      kind: 'metric-gate',
      criterionId: reading.criterionId,
      title: reading.title,
      phase: reading.phase,
      message: `metric gate '${reading.title}' ${verdict}: ${reading.message}`,
    });
  }
  return { quorum, quorumBlockers, overridableBlockers, metricGates: input.metricGates ?? [] };
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
    ...(input.metricGates && input.metricGates.length > 0 ? { metricGates: input.metricGates } : {}),
  };
}

/**
 * The go/no-go poll slice of a release: plain readonly JSON.
 *
 * A release may poll more than once (a NO-GO, a fix, a new poll): the current poll sits
 * at the top level and finished or abandoned polls move to `pastPolls` on reset, with
 * their decision and frozen snapshot, so the report shows every poll.
 */
import type { ChecklistState } from '../checklist/checklist-model';

export const VOTE_VALUES = ['GO', 'NO-GO', 'ABSTAIN'] as const;
export type VoteValue = (typeof VOTE_VALUES)[number];

export const DECISION_OUTCOMES = ['GO', 'NO-GO', 'POSTPONED'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** Bands of the risk register; high and critical ones need a mitigation before GO. */
export const RISK_BANDS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

/** An open risk without a mitigation, as the risk register reports it. */
export interface RiskSummary {
  readonly id: string;
  readonly title: string;
  readonly band: RiskBand;
}

export interface Criterion {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** A metric gate: measured whenever the gates are read and at the decision, frozen into its snapshot. */
  readonly metric?: MetricCriterion;
}

/**
 * A criterion that the numbers decide: one measurement of `query` (against `baseline`),
 * judged by the conditions with the analysis step's rules (main/core/telemetry/analysis.ts).
 */
export interface MetricCriterion {
  /** `sandbox` (the release's local sandbox's own /metrics) or a Prometheus address. */
  readonly source: string;
  readonly query: string;
  readonly baseline?: string;
  readonly successCondition?: string;
  readonly failureCondition?: string;
}

/** A metric gate's reading: the query as sent, its values and verdict, when; what the snapshot freezes. */
export interface MetricGateReading {
  readonly criterionId: string;
  readonly title: string;
  readonly at: string;
  readonly query: string;
  readonly baselineQuery: string | null;
  readonly source: string;
  readonly values: readonly number[];
  readonly baselineValues: readonly number[] | null;
  /** `error`: the source could not be read, so the gate is inconclusive: never passed. */
  readonly phase: 'successful' | 'failed' | 'inconclusive' | 'error';
  readonly message: string;
  readonly threshold: number | null;
}

/** A person in the poll; `required` belongs to the role (all participants of a role share it). */
export interface Participant {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly required: boolean;
}

export interface CriterionVote {
  readonly criterionId: string;
  readonly value: VoteValue;
  readonly comment: string | null;
}

export interface Vote {
  readonly participantId: string;
  readonly role: string;
  readonly value: VoteValue;
  readonly comment: string | null;
  readonly criteria: readonly CriterionVote[];
  /** Who recorded the vote (the participant, or the release manager polling the room) and when. */
  readonly castBy: string;
  readonly castAt: string;
}

/** Why GO cannot be called now. Quorum blockers cannot be overridden; the others can, with a reason. */
export type GateBlocker =
  | { readonly kind: 'no-required-role'; readonly message: string }
  | { readonly kind: 'missing-role'; readonly role: string; readonly message: string }
  | { readonly kind: 'required-no-go'; readonly role: string; readonly participantIds: readonly string[]; readonly message: string }
  | { readonly kind: 'open-item'; readonly itemId: string; readonly title: string; readonly status: string; readonly due: string; readonly message: string }
  | { readonly kind: 'unmitigated-risk'; readonly riskId: string; readonly title: string; readonly band: RiskBand; readonly message: string }
  /** A blocker from another source (a release-window policy...), named by `source`. */
  | { readonly kind: 'policy'; readonly source: string; readonly message: string }
  /** A metric gate that did not pass (failed, or inconclusive because its source could not be read). */
  | {
      readonly kind: 'metric-gate';
      readonly criterionId: string;
      readonly title: string;
      readonly phase: 'failed' | 'inconclusive' | 'error';
      readonly message: string;
    };

/** A written override of the checklist and risk gates; flagged in the report. */
export interface GateOverride {
  readonly reason: string;
  readonly blockers: readonly GateBlocker[];
  readonly by: string;
  readonly at: string;
}

/** The checklist and votes as they stood when the decision was called. */
export interface DecisionSnapshot {
  readonly takenAt: string;
  readonly criteria: readonly Criterion[];
  readonly participants: readonly Participant[];
  readonly votes: readonly Vote[];
  readonly voteHistory: readonly Vote[];
  readonly quorum: QuorumResult;
  readonly checklist: readonly SnapshotPhase[];
  readonly unmitigatedRisks: readonly RiskSummary[];
  /** The metric gates as measured when the decision was called (absent in polls from before metric gates). */
  readonly metricGates?: readonly MetricGateReading[];
}

export interface SnapshotPhase {
  readonly id: string;
  readonly title: string;
  readonly items: readonly {
    readonly id: string;
    readonly title: string;
    readonly status: string;
    readonly statusReason: string | null;
    readonly required: boolean;
    readonly due: string | null;
    readonly owner: { readonly role?: string; readonly person?: string };
    readonly evidenceCount: number;
  }[];
}

export interface QuorumResult {
  /** Every required role has voted (ABSTAIN counts as a vote) and none says NO-GO. */
  readonly met: boolean;
  readonly requiredRoles: readonly string[];
  readonly missingRoles: readonly string[];
  readonly noGoRoles: readonly string[];
  /** NO-GO votes of advisory participants: dissent written down, not a veto. */
  readonly advisoryNoGo: readonly string[];
}

export interface Decision {
  readonly outcome: DecisionOutcome;
  readonly decidedBy: string;
  readonly decidedAt: string;
  readonly note: string | null;
  readonly override: GateOverride | null;
  readonly snapshot: DecisionSnapshot;
}

export interface PastPoll {
  readonly pollId: string;
  readonly openedBy: string;
  readonly openedAt: string;
  readonly decision: Decision | null;
  readonly voteHistory: readonly Vote[];
  readonly resetBy: string;
  readonly resetAt: string;
  readonly resetReason: string | null;
}

export type PollStatus = 'idle' | 'open' | 'decided';

export interface PollState {
  readonly status: PollStatus;
  readonly pollId: string | null;
  readonly openedBy: string | null;
  readonly openedAt: string | null;
  readonly criteria: readonly Criterion[];
  readonly participants: readonly Participant[];
  /** The current vote of each participant, by participant id. */
  readonly votes: Readonly<Record<string, Vote>>;
  /** Every vote cast in this poll, changed ones included, in order. */
  readonly voteHistory: readonly Vote[];
  readonly overrides: readonly GateOverride[];
  readonly decision: Decision | null;
  readonly pastPolls: readonly PastPoll[];
}

/** A participant's current vote, or undefined; ids come from outside, so inherited names ("constructor") find nothing. */
export function voteOf(state: Pick<PollState, 'votes'>, participantId: string): Vote | undefined {
  return Object.hasOwn(state.votes, participantId) ? state.votes[participantId] : undefined;
}

/** The criteria of a go/no-go unless the release sets its own. */
export const DEFAULT_CRITERIA: readonly Criterion[] = [
  { id: 'solution-readiness', title: 'Solution readiness', description: 'The release build is tested, load tested and deployable; known issues are accepted.' },
  { id: 'regulatory-compliance', title: 'Regulatory compliance', description: 'Security review and regulatory duties (personal data) are covered.' },
  {
    id: 'organisational-readiness',
    title: 'Organisational readiness',
    description: 'Stakeholders, partners, support and on-call are informed and staffed for the window.',
  },
  { id: 'risk-management', title: 'Risk management', description: 'Risks are assessed; every high or critical risk has a mitigation and a plan B.' },
  { id: 'rollback-readiness', title: 'Rollback readiness', description: 'The rollback plan is written, rehearsed, and its point of no return is known.' },
];

/** The poll slice of a new release: no poll yet, default criteria, no participants. */
export function initialPollState(): PollState {
  return {
    status: 'idle',
    pollId: null,
    openedBy: null,
    openedAt: null,
    criteria: DEFAULT_CRITERIA,
    participants: [],
    votes: {},
    voteHistory: [],
    overrides: [],
    decision: null,
    pastPolls: [],
  };
}

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
  /** The metric criteria as just measured: any that did not pass holds GO (overridable, with a reason). */
  readonly metricGates?: readonly MetricGateReading[];
}

export interface GateVerdict {
  readonly quorum: QuorumResult;
  /** Blockers no override lifts. */
  readonly quorumBlockers: readonly GateBlocker[];
  /** Blockers a written override lifts. */
  readonly overridableBlockers: readonly GateBlocker[];
  /** The metric criteria's live readings (empty when the poll has none). */
  readonly metricGates?: readonly MetricGateReading[];
}

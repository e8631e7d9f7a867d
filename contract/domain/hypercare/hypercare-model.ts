/**
 * The hypercare slice of a release: post-release issues, their triage, remedy and SLA breaches.
 *
 * Plain readonly JSON projected from the journal. An issue is not an incident: issues
 * arrive many at a time after go-live (from pods, customers, monitoring) and are ranked
 * in one lane; an issue may link to the incident it caused or belongs to (INC-n).
 */

export const ISSUE_SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
export type IssueSeverity = (typeof ISSUE_SEVERITIES)[number];

/** Where an issue came from: a pod saw it, a customer reported it, monitoring alerted. */
export const ISSUE_SOURCES = ['pod', 'customer', 'monitoring'] as const;
export type IssueSource = (typeof ISSUE_SOURCES)[number];

/** The lane of an issue, in order: each move is journaled. */
export const ISSUE_STATES = ['new', 'triaged', 'in-progress', 'mitigated', 'resolved'] as const;
export type IssueState = (typeof ISSUE_STATES)[number];

/**
 * The moves the lane allows. Forward by one or more (a monitoring blip may be mitigated
 * straight from triage), and back one step when a mitigation did not hold or a resolved
 * issue comes back. Leaving `new` is the acknowledgement and needs a point of contact.
 */
export const ISSUE_MOVES: Readonly<Record<IssueState, readonly IssueState[]>> = {
  new: ['triaged'],
  triaged: ['in-progress', 'mitigated', 'resolved'],
  'in-progress': ['triaged', 'mitigated', 'resolved'],
  mitigated: ['in-progress', 'resolved'],
  resolved: ['in-progress'],
};

/** States still in the active lane: the board's goal is none left here. */
export const ACTIVE_ISSUE_STATES: readonly IssueState[] = ['new', 'triaged', 'in-progress'];

/** How the room answers an issue: switch the feature off, fix forward, roll back. */
export const ISSUE_REMEDIES = ['flag-off', 'fix-forward', 'roll-back'] as const;
export type IssueRemedy = (typeof ISSUE_REMEDIES)[number];

/** The three SLA clocks of an issue. */
export const SLA_CLOCKS = ['acknowledge', 'mitigate', 'resolve'] as const;
export type SlaClock = (typeof SLA_CLOCKS)[number];

/** Business impact and urgency, 1 (low) .. 4 (critical): their product ranks the lane. */
export const IMPACT_LEVELS = [1, 2, 3, 4] as const;
export type ImpactLevel = (typeof IMPACT_LEVELS)[number];

/** What an issue links to in the release. */
export interface IssueLinks {
  readonly risk: string | null;
  readonly incident: string | null;
  /** A playbook step, as "playbook#step". */
  readonly step: string | null;
}

export interface IssueRemedyChoice {
  readonly kind: IssueRemedy;
  readonly reason: string;
}

/** One move of an issue in the lane, as the journal recorded it. */
export interface IssueMove {
  readonly from: IssueState;
  readonly to: IssueState;
  readonly at: string;
  readonly by: string;
}

export interface HypercareIssue {
  /** ISS-1, ISS-2...: never reused. */
  readonly id: string;
  readonly title: string;
  readonly source: IssueSource;
  /** Who reported it: the pod's, customer's or monitor's name. */
  readonly reporter: string;
  readonly customer: string;
  readonly environment: string;
  readonly severity: IssueSeverity;
  readonly impact: ImpactLevel;
  readonly urgency: ImpactLevel;
  readonly links: IssueLinks;
  readonly state: IssueState;
  /** The pod that takes it (null: not yet chosen; the lane suggests one). */
  readonly pod: string | null;
  /** The point of contact: one person who answers for it. */
  readonly contact: string | null;
  readonly remedy: IssueRemedyChoice | null;
  readonly loggedAt: string;
  readonly loggedBy: string;
  /** When it first left `new` (the acknowledge clock stops). */
  readonly acknowledgedAt: string | null;
  readonly mitigatedAt: string | null;
  readonly resolvedAt: string | null;
  readonly moves: readonly IssueMove[];
  readonly updatedAt: string;
}

/** A breach as journaled: once per issue and clock. */
export interface SlaBreach {
  readonly issue: string;
  readonly clock: SlaClock;
  readonly severity: IssueSeverity;
  /** When the clock ran out. */
  readonly dueAt: string;
  /** The target that applied, in minutes. */
  readonly targetMinutes: number;
  readonly recordedAt: string;
}

export interface HypercareState {
  readonly issues: readonly HypercareIssue[];
  readonly breaches: readonly SlaBreach[];
  readonly nextIssue: number;
}

/** The journal event types of this slice. */
export const HYPERCARE_EVENTS = {
  logged: 'hypercare.issue-logged',
  triaged: 'hypercare.issue-triaged',
  moved: 'hypercare.issue-moved',
  breached: 'hypercare.sla-breached',
} as const;

export function initialHypercareState(): HypercareState {
  return { issues: [], breaches: [], nextIssue: 1 };
}

export function isActive(issue: Pick<HypercareIssue, 'state'>): boolean {
  return ACTIVE_ISSUE_STATES.includes(issue.state);
}

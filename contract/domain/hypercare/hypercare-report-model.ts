import type { IssueRemedy, IssueSeverity, IssueState, SlaClock } from './hypercare-model';

/** Hypercare in the report: the issues and SLA compliance per clock (main/core/hypercare/hypercare-report.ts builds it). */
export interface ReportSlaCompliance {
  readonly clock: SlaClock;
  /** Stopped without a breach. */
  readonly met: number;
  /** A breach was journaled. */
  readonly breached: number;
  /** Still running, no breach yet. */
  readonly running: number;
  /** met / (met + breached) as a whole percentage, or null when nothing was measured. */
  readonly percent: number | null;
}

export interface ReportHypercareIssue {
  readonly id: string;
  readonly title: string;
  readonly severity: IssueSeverity;
  readonly state: IssueState;
  readonly customer: string;
  readonly contact: string | null;
  readonly remedy: IssueRemedy | null;
  readonly loggedAt: string;
  readonly resolvedAt: string | null;
  readonly breaches: readonly SlaClock[];
}

export interface ReportHypercare {
  readonly issues: readonly ReportHypercareIssue[];
  readonly active: number;
  readonly compliance: readonly ReportSlaCompliance[];
}

/**
 * The hypercare part of the report: each issue and the SLA compliance per clock.
 *
 * Built from the journal alone (breaches are journaled when they happen), so a report
 * made on another machine with other SLA settings says the same.
 */

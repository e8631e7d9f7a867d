import { SLA_CLOCKS, isActive, type HypercareState, type IssueRemedy, type IssueSeverity, type IssueState, type SlaClock } from './hypercare-model';
import { clockStoppedAt } from './sla-clock';

/** SLA compliance of one clock over the release's issues, from what the journal recorded. */
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
export function reportHypercare(state: HypercareState): ReportHypercare {
  const breachesOf = new Map<string, SlaClock[]>();
  for (const breach of state.breaches) breachesOf.set(breach.issue, [...(breachesOf.get(breach.issue) ?? []), breach.clock]);
  const compliance = SLA_CLOCKS.map((clock) => {
    let met = 0;
    let breached = 0;
    let running = 0;
    for (const issue of state.issues) {
      if (breachesOf.get(issue.id)?.includes(clock)) breached += 1;
      else if (clockStoppedAt(issue, clock) !== null) met += 1;
      else running += 1;
    }
    return { clock, met, breached, running, percent: met + breached === 0 ? null : Math.round((100 * met) / (met + breached)) };
  });
  return {
    issues: state.issues.map((issue) => ({
      id: issue.id,
      title: issue.title,
      severity: issue.severity,
      state: issue.state,
      customer: issue.customer,
      contact: issue.contact,
      remedy: issue.remedy?.kind ?? null,
      loggedAt: issue.loggedAt,
      resolvedAt: issue.resolvedAt,
      breaches: breachesOf.get(issue.id) ?? [],
    })),
    active: state.issues.filter(isActive).length,
    compliance,
  };
}

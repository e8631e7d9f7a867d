import { SLA_CLOCKS, isActive, type HypercareState, type SlaClock } from '../../../contract/domain/hypercare/hypercare-model';
import { clockStoppedAt } from './sla-clock';

/** SLA compliance of one clock over the release's issues, from what the journal recorded. */
export type { ReportSlaCompliance, ReportHypercareIssue, ReportHypercare } from '../../../contract/domain/hypercare/hypercare-report-model';
import type { ReportHypercare } from '../../../contract/domain/hypercare/hypercare-report-model';

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

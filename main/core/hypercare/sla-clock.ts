export type { SlaTimerStatus, SlaTimer } from '../../../contract/domain/hypercare/hypercare-views';
import type { SlaTimerStatus, SlaTimer } from '../../../contract/domain/hypercare/hypercare-views';
import type { DomainEvent } from '../../../contract/domain/release/domain-event';
import { HYPERCARE_EVENTS, SLA_CLOCKS, type HypercareIssue, type HypercareState, type SlaClock } from '../../../contract/domain/hypercare/hypercare-model';
import { slaTargetMinutes, type SlaSettings } from '../../../contract/domain/hypercare/sla-settings';

const MINUTE_MS = 60_000;

/** When each clock of an issue stops: leaving `new`, reaching mitigated, reaching resolved. */
export function clockStoppedAt(issue: HypercareIssue, clock: SlaClock): string | null {
  if (clock === 'acknowledge') return issue.acknowledgedAt;
  if (clock === 'mitigate') return issue.mitigatedAt;
  return issue.resolvedAt;
}

interface ClockPlan {
  readonly clock: SlaClock;
  readonly targetMinutes: number;
  readonly due: number;
  readonly warn: number;
  readonly dueAt: string;
  readonly warnAt: string;
  readonly stoppedAt: string | null;
  readonly stopped: number | null;
}

/**
 * The fixed part of an issue's clocks (targets, due and warn instants, stops), per issue
 * object and settings: issues are immutable, so a re-rank after one change computes this
 * for the changed issue only, and the rest is arithmetic on numbers.
 */
const plans = new WeakMap<HypercareIssue, { readonly settings: SlaSettings; readonly clocks: readonly ClockPlan[] }>();

function clockPlans(issue: HypercareIssue, settings: SlaSettings): readonly ClockPlan[] {
  const cached = plans.get(issue);
  if (cached && cached.settings === settings) return cached.clocks;
  const logged = Date.parse(issue.loggedAt);
  const clocks = SLA_CLOCKS.map((clock) => {
    const targetMinutes = slaTargetMinutes(settings, issue.severity, clock);
    const due = logged + targetMinutes * MINUTE_MS;
    const warn = logged + Math.round(targetMinutes * settings.warnAt * MINUTE_MS);
    const stoppedAt = clockStoppedAt(issue, clock);
    return {
      clock,
      targetMinutes,
      due,
      warn,
      dueAt: new Date(due).toISOString(),
      warnAt: new Date(warn).toISOString(),
      stoppedAt,
      stopped: stoppedAt === null ? null : Date.parse(stoppedAt),
    };
  });
  plans.set(issue, { settings, clocks });
  return clocks;
}

/**
 * The three clocks of an issue at `now` (ms). Clocks run on elapsed real time from when
 * the issue was logged, so a daylight-saving night neither adds nor takes an hour.
 */
export function slaTimers(issue: HypercareIssue, settings: SlaSettings, now: number): SlaTimer[] {
  return clockPlans(issue, settings).map((plan) => {
    const status: SlaTimerStatus =
      plan.stopped !== null ? (plan.stopped <= plan.due ? 'met' : 'missed') : now >= plan.due ? 'breached' : now >= plan.warn ? 'warning' : 'ok';
    return {
      clock: plan.clock,
      targetMinutes: plan.targetMinutes,
      dueAt: plan.dueAt,
      warnAt: plan.warnAt,
      stoppedAt: plan.stoppedAt,
      status,
      remainingMs: plan.due - (plan.stopped ?? now),
    };
  });
}

/**
 * The breach events owed at `now`: every clock past due (running, or stopped after its
 * due time) that the journal does not yet hold a breach for. A breach is journaled
 * exactly once: the state remembers it, so a second check, a restart or a late stop
 * finds nothing more to write.
 */
export function dueBreaches(state: HypercareState, settings: SlaSettings, now: number, only?: ReadonlySet<string>): DomainEvent[] {
  const recorded = new Set(state.breaches.map((breach) => `${breach.issue}/${breach.clock}`));
  const events: DomainEvent[] = [];
  for (const issue of state.issues) {
    if (only && !only.has(issue.id)) continue;
    for (const timer of slaTimers(issue, settings, now)) {
      if (timer.status !== 'breached' && timer.status !== 'missed') continue;
      if (recorded.has(`${issue.id}/${timer.clock}`)) continue;
      events.push({
        type: HYPERCARE_EVENTS.breached,
        data: { issue: issue.id, clock: timer.clock, severity: issue.severity, dueAt: timer.dueAt, targetMinutes: timer.targetMinutes },
      });
    }
  }
  return events;
}

/** The earliest instant (ms) after `now` when some running clock warns or breaches: when to look again. */
export function nextSlaDeadline(state: HypercareState, settings: SlaSettings, now: number): number | null {
  let next: number | null = null;
  for (const issue of state.issues) {
    for (const timer of slaTimers(issue, settings, now)) {
      if (timer.stoppedAt !== null) continue;
      for (const at of [Date.parse(timer.warnAt), Date.parse(timer.dueAt)]) if (at > now && (next === null || at < next)) next = at;
    }
  }
  return next;
}

/** SLA compliance for the report: per clock, how many stopped in time, how many were breached. */
export interface SlaCompliance {
  readonly clock: SlaClock;
  readonly met: number;
  readonly breached: number;
  /** Still running and within target. */
  readonly running: number;
  /** met / (met + breached), or null when nothing was measured. */
  readonly ratio: number | null;
}

export function slaCompliance(state: HypercareState, settings: SlaSettings, now: number): SlaCompliance[] {
  const breached = new Set(state.breaches.map((breach) => `${breach.issue}/${breach.clock}`));
  return SLA_CLOCKS.map((clock) => {
    let met = 0;
    let missed = 0;
    let running = 0;
    for (const issue of state.issues) {
      const timer = slaTimers(issue, settings, now).find((candidate) => candidate.clock === clock)!;
      if (breached.has(`${issue.id}/${clock}`) || timer.status === 'breached' || timer.status === 'missed') missed += 1;
      else if (timer.status === 'met') met += 1;
      else running += 1;
    }
    return { clock, met, breached: missed, running, ratio: met + missed === 0 ? null : met / (met + missed) };
  });
}

/**
 * The triage lane: active issues ranked by business impact x urgency, then by the
 * bandwidth of the pod that would take each one.
 *
 * Impact x urgency comes first on purpose: a pod with free hands never pulls a minor
 * issue above a customer-stopping one. Among issues of equal weight, the one whose pod
 * is on duty now and holds fewest issues goes first (it can be worked at once, and
 * spreading work is what keeps a follow-the-sun team from burning out). An issue with no
 * pod yet is matched to the on-duty pod holding fewest issues: that is the suggestion the
 * release manager confirms when assigning. Who is on duty comes from the pods' working
 * hours in the release's schedule, so the ranking changes at each handover.
 */
import { podShifts } from '../schedule/follow-the-sun';
import type { Pod } from '../schedule/schedule-schemas';
import { isActive, type HypercareIssue, type IssueSeverity } from './hypercare-model';

/** Why an issue stands where it stands, for the board's tooltip and the tests. */
export interface RankedIssue {
  readonly issue: HypercareIssue;
  readonly rank: number;
  /** impact x urgency, 1..16. */
  readonly weight: number;
  /** The pod that would take it: its own, or the suggestion. */
  readonly pod: string | null;
  readonly suggested: boolean;
  readonly podOnDuty: boolean;
  /** Active issues the pod already holds (this one excluded). */
  readonly podLoad: number;
  /** 0 (pod off duty or unknown) .. 1 (on duty, holds nothing). */
  readonly bandwidth: number;
}

export interface PodBandwidth {
  readonly pod: string;
  readonly onDuty: boolean;
  readonly holds: number;
}

export interface TriageLane {
  readonly ranked: readonly RankedIssue[];
  readonly pods: readonly PodBandwidth[];
  /** Issues still in the active lane (new, triaged, in progress). */
  readonly activeCount: number;
}

const SEVERITY_ORDER: Readonly<Record<IssueSeverity, number>> = { sev1: 0, sev2: 1, sev3: 2, sev4: 3 };
/** How far around `now` shifts are expanded to find who is on duty: a night shift may have started yesterday. */
const DUTY_LOOK_BACK_MS = 36 * 3_600_000;

/** Pods on duty at an instant (ms), from their working hours in their own zones. */
export function podsOnDuty(pods: readonly Pod[], now: number): Set<string> {
  const range = { start: new Date(now - DUTY_LOOK_BACK_MS).toISOString(), end: new Date(now + 1000).toISOString() };
  const onDuty = new Set<string>();
  for (const pod of pods) {
    if (podShifts(pod, range).some((shift) => Date.parse(shift.start) <= now && now < Date.parse(shift.end))) onDuty.add(pod.name);
  }
  return onDuty;
}

/** Rank the active lane at `now`. Pure; a few milliseconds for thousands of issues. */
export function rankTriageLane(issues: readonly HypercareIssue[], pods: readonly Pod[], now: number): TriageLane {
  return rankWithDuty(issues, pods, podsOnDuty(pods, now));
}

/** The ranking with who is on duty already known (the board re-ranks on every change without re-expanding shifts). */
export function rankWithDuty(issues: readonly HypercareIssue[], pods: readonly Pod[], onDuty: ReadonlySet<string>): TriageLane {
  const active = issues.filter(isActive);
  const holds = new Map<string, number>(pods.map((pod) => [pod.name, 0]));
  for (const issue of active) if (issue.pod) holds.set(issue.pod, (holds.get(issue.pod) ?? 0) + 1);
  const dutyPods = pods.filter((pod) => onDuty.has(pod.name));
  let lightest: string | null = null;
  for (const pod of dutyPods) if (lightest === null || holds.get(pod.name)! < holds.get(lightest)!) lightest = pod.name;

  const rows = active.map((issue) => {
    const pod = issue.pod ?? lightest;
    const podOnDuty = pod !== null && onDuty.has(pod);
    const podLoad = pod === null ? 0 : (holds.get(pod) ?? 0) - (issue.pod ? 1 : 0);
    return {
      issue,
      weight: issue.impact * issue.urgency,
      pod,
      suggested: issue.pod === null && pod !== null,
      podOnDuty,
      podLoad,
      bandwidth: podOnDuty ? 1 / (1 + podLoad) : 0,
    };
  });
  rows.sort(
    (a, b) =>
      b.weight - a.weight ||
      SEVERITY_ORDER[a.issue.severity] - SEVERITY_ORDER[b.issue.severity] ||
      b.bandwidth - a.bandwidth ||
      a.issue.loggedAt.localeCompare(b.issue.loggedAt) ||
      a.issue.id.localeCompare(b.issue.id, 'en', { numeric: true }),
  );
  return {
    ranked: rows.map((row, index) => ({ ...row, rank: index + 1 })),
    pods: pods.map((pod) => ({ pod: pod.name, onDuty: onDuty.has(pod.name), holds: holds.get(pod.name) ?? 0 })),
    activeCount: active.length,
  };
}

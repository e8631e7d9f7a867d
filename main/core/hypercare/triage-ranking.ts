export type { RankedIssue, PodBandwidth } from '../../../contract/domain/hypercare/hypercare-views';
import type { RankedIssue, PodBandwidth } from '../../../contract/domain/hypercare/hypercare-views';
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
import type { Pod } from '../../../contract/domain/schedule/schedule-schemas';
import { isActive, type HypercareIssue, type IssueSeverity } from '../../../contract/domain/hypercare/hypercare-model';

export interface TriageLane {
  readonly ranked: readonly RankedIssue[];
  readonly pods: readonly PodBandwidth[];
  /** Issues still in the active lane (new, triaged, in progress). */
  readonly activeCount: number;
}

const SEVERITY_ORDER: Readonly<Record<IssueSeverity, number>> = { sev1: 0, sev2: 1, sev3: 2, sev4: 3 };
/** How far back shifts are expanded to find who is on duty: a night shift may have started yesterday. */
const DUTY_LOOK_BACK_MS = 36 * 3_600_000;
/** How far ahead: the answer is remembered until the next boundary found in this span (at most this long). */
const DUTY_LOOK_AHEAD_MS = 12 * 3_600_000;

/**
 * Who is on duty, remembered per list of pods until the next shift starts or ends: the
 * lane is re-ranked on every change, and expanding shifts through the zones (luxon) costs
 * far more than ranking thousands of issues.
 */
const dutyCache = new WeakMap<readonly Pod[], { readonly from: number; readonly until: number; readonly onDuty: ReadonlySet<string> }>();

/** Pods on duty at an instant (ms), from their working hours in their own zones. */
export function podsOnDuty(pods: readonly Pod[], now: number): ReadonlySet<string> {
  const cached = dutyCache.get(pods);
  if (cached && cached.from <= now && now < cached.until) return cached.onDuty;
  const range = { start: new Date(now - DUTY_LOOK_BACK_MS).toISOString(), end: new Date(now + DUTY_LOOK_AHEAD_MS).toISOString() };
  const onDuty = new Set<string>();
  let from = now - DUTY_LOOK_BACK_MS;
  let until = now + DUTY_LOOK_AHEAD_MS;
  for (const pod of pods) {
    for (const shift of podShifts(pod, range)) {
      const start = Date.parse(shift.start);
      const end = Date.parse(shift.end);
      if (start <= now && now < end) onDuty.add(pod.name);
      // The set holds between the last boundary before now and the first after it.
      for (const boundary of [start, end]) {
        if (boundary <= now) from = Math.max(from, boundary);
        else until = Math.min(until, boundary);
      }
    }
  }
  dutyCache.set(pods, { from, until, onDuty });
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
      compareText(a.issue.loggedAt, b.issue.loggedAt) ||
      issueNumber(a.issue.id) - issueNumber(b.issue.id),
  );
  return {
    ranked: rows.map((row, index) => ({ ...row, rank: index + 1 })),
    pods: pods.map((pod) => ({ pod: pod.name, onDuty: onDuty.has(pod.name), holds: holds.get(pod.name) ?? 0 })),
    activeCount: active.length,
  };
}

/** Plain code-unit order: ISO UTC times sort as text, and localeCompare is far slower. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function issueNumber(id: string): number {
  return Number(id.slice(4));
}

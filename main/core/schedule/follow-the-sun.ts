/**
 * Follow the sun: which pod holds the release at each moment of the window, and when it
 * is handed over.
 *
 * Pods work in their own zone and hours (Berlin 09:00-18:00, São Paulo 09:00-18:00,
 * Bangalore 09:30-18:30). The plan is a pure function of the window and the pods: the
 * holder keeps the release while on duty (every handover costs context), and when its
 * shift ends the release goes to the on-duty pod that can hold it longest. Moments no
 * pod is on duty are reported as uncovered, because a release nobody holds is a risk
 * the release manager must see before the night, not during it.
 */
import { DateTime } from 'luxon';
import { instantMs, isoFromMs } from '../../../contract/domain/schedule/local-time';
import { expandWeekly } from './wall-clock-recurrence';
import type { WallClockOccurrence } from './wall-clock-recurrence';
import type { Period } from './release-window';
import type { Pod } from '../../../contract/domain/schedule/schedule-schemas';
export type { PlanSegment, Handover, PlanHour, UncoveredGap, FollowTheSunPlan } from '../../../contract/domain/schedule/schedule-model';
import type { PlanSegment, Handover, PlanHour, FollowTheSunPlan } from '../../../contract/domain/schedule/schedule-model';

/** Pods work Monday to Friday unless told otherwise. */
export const DEFAULT_POD_DAYS = [1, 2, 3, 4, 5] as const;

/** One shift of one pod, as instants and as the pod's wall-clock times. */
export interface PodShift extends WallClockOccurrence {
  readonly pod: string;
}

const HOUR_MS = 3_600_000;

/** The shifts of a pod overlapping a range, one per working day, in its own zone. */
export function podShifts(pod: Pod, range: Period): PodShift[] {
  const endsNextDay = pod.hours.end !== '24:00' && pod.hours.end <= pod.hours.start;
  return (pod.days ?? DEFAULT_POD_DAYS)
    .flatMap((day) =>
      expandWeekly(
        {
          zone: pod.zone,
          startDay: day,
          startTime: pod.hours.start,
          endDay: endsNextDay || pod.hours.end === '24:00' ? (day % 7) + 1 : day,
          endTime: pod.hours.end === '24:00' ? '00:00' : pod.hours.end,
        },
        range,
      ).map((shift) => ({ ...shift, pod: pod.name })),
    )
    .sort((a, b) => instantMs(a.start) - instantMs(b.start));
}

/** Merge touching or overlapping intervals (ms) of one pod: back-to-back shifts are one stretch on duty. */
function mergeIntervals(intervals: readonly [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [start, end] of [...intervals].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Plan who holds the release through the window. Pure: same window and pods, same plan. */
export function planFollowTheSun(window: Period, pods: readonly Pod[]): FollowTheSunPlan {
  const windowStart = instantMs(window.start);
  const windowEnd = instantMs(window.end);
  const shifts = pods.map((pod) => podShifts(pod, window));
  const duty = shifts.map((list) => mergeIntervals(list.map((shift) => [instantMs(shift.start), instantMs(shift.end)])));
  const boundaries = [...new Set([windowStart, windowEnd, ...duty.flat(2)].filter((ms) => ms >= windowStart && ms <= windowEnd))].sort((a, b) => a - b);

  const stretchEnd = (podIndex: number, at: number): number | null => {
    const stretch = duty[podIndex]!.find(([start, end]) => start <= at && at < end);
    return stretch ? stretch[1] : null;
  };

  const raw: { start: number; end: number; holder: string | null; onDuty: string[] }[] = [];
  let holder: string | null = null;
  for (let index = 0; index + 1 < boundaries.length; index += 1) {
    const start = boundaries[index]!;
    const end = boundaries[index + 1]!;
    const onDutyIndexes = pods.map((_, podIndex) => podIndex).filter((podIndex) => stretchEnd(podIndex, start) !== null);
    const onDuty = onDutyIndexes.map((podIndex) => pods[podIndex]!.name);
    if (holder === null || !onDuty.includes(holder)) {
      // Hand to whoever stays longest; ties go to the pod listed first.
      let best: number | null = null;
      for (const podIndex of onDutyIndexes) {
        if (best === null || stretchEnd(podIndex, start)! > stretchEnd(best, start)!) best = podIndex;
      }
      holder = best === null ? null : pods[best]!.name;
    }
    const previous = raw[raw.length - 1];
    if (previous && previous.holder === holder && previous.onDuty.join('\n') === onDuty.join('\n')) previous.end = end;
    else raw.push({ start, end, holder, onDuty });
  }

  const segments: PlanSegment[] = raw.map((segment) => ({
    start: isoFromMs(segment.start),
    end: isoFromMs(segment.end),
    holder: segment.holder,
    onDuty: segment.onDuty,
  }));
  const handovers: Handover[] = [];
  for (let index = 1; index < segments.length; index += 1) {
    const from = segments[index - 1]!.holder;
    const to = segments[index]!.holder;
    if (from !== to) handovers.push({ at: segments[index]!.start, from, to });
  }

  const gaps: Period[] = [];
  for (const segment of segments) {
    if (segment.holder !== null) continue;
    const last = gaps[gaps.length - 1];
    if (last && last.end === segment.start) gaps[gaps.length - 1] = { start: last.start, end: segment.end };
    else gaps.push({ start: segment.start, end: segment.end });
  }
  const uncovered = gaps.map((gap) => ({ ...gap, reason: whyNobodyOnDuty(gap.start, pods) }));

  const hours: PlanHour[] = [];
  for (let start = windowStart; start < windowEnd; start += HOUR_MS) {
    const end = Math.min(start + HOUR_MS, windowEnd);
    const during = raw.filter((segment) => segment.start < end && segment.end > start);
    hours.push({
      start: isoFromMs(start),
      end: isoFromMs(end),
      holder: during[0]?.holder ?? null,
      holders: [...new Set(during.map((segment) => segment.holder))],
    });
  }

  const warnings = shifts.flat().flatMap((shift) => shift.warnings);
  return { segments, handovers, hours, uncovered, warnings };
}

const WEEKDAY_PLURALS = ['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'] as const;

/**
 * Why no pod is on duty at an instant, in words a release manager can act on: "no pod works
 * Sundays" (add the day to a pod, or move the window), or "outside every pod's hours
 * (Berlin 09:00–18:00 Europe/Berlin, ...)", or one clause per pod when their reasons differ.
 */
export function whyNobodyOnDuty(instant: string, pods: readonly Pod[]): string {
  if (pods.length === 0) return 'no pods are set for this release';
  const states = pods.map((pod) => {
    const local = DateTime.fromISO(instant, { zone: pod.zone });
    const days: readonly number[] = pod.days ?? DEFAULT_POD_DAYS;
    const crossesMidnight = pod.hours.end !== '24:00' && pod.hours.end <= pod.hours.start;
    const yesterday = ((local.weekday + 5) % 7) + 1;
    const working = days.includes(local.weekday) || (crossesMidnight && days.includes(yesterday) && local.toFormat('HH:mm') < pod.hours.end);
    return { pod, weekday: local.weekday, working };
  });
  if (states.every((state) => !state.working)) {
    const weekdays = [...new Set(states.map((state) => state.weekday))].map((day) => WEEKDAY_PLURALS[day - 1]!);
    return `no pod works ${weekdays.join(' or ')}${weekdays.length > 1 ? ' (each pod’s own day)' : ''}`;
  }
  const hours = (pod: Pod) => `${pod.name} ${pod.hours.start}–${pod.hours.end} ${pod.zone}`;
  if (states.every((state) => state.working)) return `outside every pod’s hours (${pods.map(hours).join(', ')})`;
  return states
    .map((state) =>
      state.working
        ? `${state.pod.name} is off (works ${state.pod.hours.start}–${state.pod.hours.end})`
        : `${state.pod.name} does not work ${WEEKDAY_PLURALS[state.weekday - 1]}`,
    )
    .join('; ');
}

/** The wall-clock reading of a handover for each pod, e.g. "18:00 Europe/Berlin = 13:00 America/Sao_Paulo". */
export function describeHandover(handover: Handover, pods: readonly Pod[]): string {
  const zones = [...new Set(pods.map((pod) => pod.zone))];
  const readings = zones.map((zone) => `${DateTime.fromISO(handover.at, { zone }).toFormat('ccc HH:mm')} ${zone}`).join(' = ');
  return `${handover.from ?? 'nobody'} -> ${handover.to ?? 'nobody'} at ${readings}`;
}

/**
 * Policy checks of a release's schedule: pure functions returning structured findings.
 *
 * Shown in the release header and enforced at go/no-go: a blocking finding stops the
 * go unless it was overridden with a written reason (journaled as
 * `schedule.override-recorded`). Each finding has a stable id built from what it is
 * about (rule, blackout, occurrence start, other release, target), so an override given
 * yesterday still matches today's recomputation, and stops matching when the thing
 * itself changes (the window moved onto another freeze).
 */
import { DateTime } from 'luxon';
import { expandBlackouts, blackoutApplies } from './blackout-calendar';
import type { ReleaseScope } from './blackout-calendar';
import { instantMs, parseLocal } from '../../../contract/domain/schedule/local-time';
import { overlapOf } from './release-window';
import type { Period, ResolvedWindow } from './release-window';
import { expandWeekly } from './wall-clock-recurrence';
import type { Blackout, FridayRule, ReleaseWindow } from '../../../contract/domain/schedule/schedule-schemas';
export type { PolicyRule, Severity, PolicyOverride, PolicyFinding } from '../../../contract/domain/schedule/schedule-model';
import type { PolicyOverride, PolicyFinding } from '../../../contract/domain/schedule/schedule-model';

/** A release as the overlap check sees it. */
export interface ScheduledRelease {
  readonly releaseId: string;
  readonly title: string;
  readonly targets: readonly string[];
  readonly window: Period;
}

/**
 * The default "never on Friday": from Friday 12:00 until Monday 00:00. Without a zone it is
 * held in each release's own zone (what "Friday afternoon" means to the people doing the
 * release); with one, in that zone for every release.
 */
export function defaultFridayRule(zone?: string): FridayRule {
  return { enabled: true, ...(zone === undefined ? {} : { zone }), fromDay: 5, fromTime: '12:00', untilDay: 1, untilTime: '00:00', severity: 'block' };
}

/** A period in a zone's wall-clock time, for messages: "Fri 27 Mar 12:00 - Mon 30 Mar 06:00 Europe/Berlin". */
export function describePeriod(period: Period, zone: string): string {
  const start = DateTime.fromISO(period.start, { zone });
  const end = DateTime.fromISO(period.end, { zone });
  const format = 'ccc dd LLL HH:mm';
  return period.start === period.end ? `${start.toFormat(format)} ${zone}` : `${start.toFormat(format)} - ${end.toFormat(format)} ${zone}`;
}

/** An activity (or a moment: start = end) outside the window: the parts before and after it. */
export function checkOutsideWindow(window: ResolvedWindow, activity: Period, what: string): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  const zone = window.zone;
  if (instantMs(activity.start) < instantMs(window.start)) {
    const period = { start: activity.start, end: instantMs(activity.end) < instantMs(window.start) ? activity.end : window.start };
    findings.push({
      id: `outside-window:before:${what}`,
      rule: 'outside-window',
      severity: 'block',
      message: `${what} starts before the window opens (${describePeriod(window, zone)})`,
      period,
    });
  }
  const endsAfter = instantMs(activity.end) > instantMs(window.end) || (activity.start === activity.end && instantMs(activity.end) >= instantMs(window.end));
  if (endsAfter) {
    const period = { start: instantMs(activity.start) > instantMs(window.end) ? activity.start : window.end, end: activity.end };
    findings.push({
      id: `outside-window:after:${what}`,
      rule: 'outside-window',
      severity: 'block',
      message: `${what} runs past the end of the window (${describePeriod(window, zone)})`,
      period,
    });
  }
  return findings;
}

/**
 * The window overlaps blackouts that bind this release: one finding per occurrence, naming it.
 * A blackout kept as information (TRANSP:TRANSPARENT in its calendar) gives an info finding;
 * a zero-length marker (an .ics event with DTSTART only) inside the window gives a warning.
 */
export function checkBlackouts(window: ResolvedWindow, blackouts: readonly Blackout[], release: ReleaseScope): PolicyFinding[] {
  const binding = blackouts.filter((blackout) => blackoutApplies(blackout.scope, release));
  return expandBlackouts(binding, window).flatMap((occurrence): PolicyFinding[] => {
    const scope =
      occurrence.scope.kind === 'all'
        ? 'all releases'
        : occurrence.scope.kind === 'service'
          ? `service ${occurrence.scope.service}`
          : `${occurrence.scope.environmentClass} environments`;
    const id = `blackout:${occurrence.blackoutId}:${occurrence.start}`;
    if (instantMs(occurrence.start) === instantMs(occurrence.end)) {
      const at = instantMs(occurrence.start);
      if (at < instantMs(window.start) || at >= instantMs(window.end)) return [];
      return [
        {
          id,
          rule: 'blackout' as const,
          severity: occurrence.informational ? ('info' as const) : ('warn' as const),
          message: `The window contains the moment '${occurrence.title}' (${describePeriod(occurrence, occurrence.zone)}, a marker with no length, for ${scope})`,
          period: { start: occurrence.start, end: occurrence.end },
        },
      ];
    }
    const overlap = overlapOf(window, occurrence);
    if (!overlap) return [];
    const information = occurrence.informational ? '; it is marked free (TRANSPARENT) in its calendar: information only, it does not block' : '';
    return [
      {
        id,
        rule: 'blackout' as const,
        severity: occurrence.informational ? ('info' as const) : ('block' as const),
        message: `The window overlaps the blackout '${occurrence.title}' (${describePeriod(occurrence, occurrence.zone)}, for ${scope}) during ${describePeriod(overlap, window.zone)}${information}`,
        period: overlap,
      },
    ];
  });
}

/** The configurable Friday rule: the window overlaps the forbidden weekly stretch. */
export function checkFridayRule(window: ResolvedWindow, rule: FridayRule | null): PolicyFinding[] {
  if (!rule || !rule.enabled) return [];
  const zone = rule.zone ?? window.zone;
  const stretches = expandWeekly({ zone, startDay: rule.fromDay, startTime: rule.fromTime, endDay: rule.untilDay, endTime: rule.untilTime }, window);
  return stretches.flatMap((stretch) => {
    const overlap = overlapOf(window, stretch);
    if (!overlap) return [];
    return [
      {
        id: `friday-rule:${stretch.start}`,
        rule: 'friday-rule' as const,
        severity: rule.severity,
        message: `No releases from ${describePeriod(stretch, zone)} (the Friday rule${rule.zone === undefined ? ', in the release’s zone' : ''}); the window overlaps it during ${describePeriod(overlap, window.zone)}`,
        period: overlap,
      },
    ];
  });
}

/** Two releases to the same target in overlapping windows: one finding per other release and shared target. */
export function checkTargetOverlaps(release: ScheduledRelease, others: readonly ScheduledRelease[], zone: string): PolicyFinding[] {
  return others
    .filter((other) => other.releaseId !== release.releaseId)
    .flatMap((other) => {
      const overlap = overlapOf(release.window, other.window);
      if (!overlap) return [];
      return release.targets
        .filter((target) => other.targets.includes(target))
        .map((target) => ({
          id: `target-overlap:${other.releaseId}:${target}`,
          rule: 'target-overlap' as const,
          severity: 'block' as const,
          message: `Release '${other.title}' also changes ${target} during ${describePeriod(overlap, zone)}`,
          period: overlap,
        }));
    });
}

/** The clock surprises of the window: a skipped or repeated local time, and a window the clocks change during. */
export function checkClockChanges(window: ResolvedWindow, declared: ReleaseWindow): PolicyFinding[] {
  const findings: PolicyFinding[] = window.warnings.map((warning) => ({
    id: `clock-change:${warning.code}:${warning.local}`,
    rule: 'clock-change' as const,
    severity: 'warn' as const,
    message: warning.message,
    period: { start: warning.resolved, end: warning.resolved },
  }));
  const wallMinutes = DateTime.fromObject(parseLocal(declared.end)!, { zone: 'UTC' }).diff(
    DateTime.fromObject(parseLocal(declared.start)!, { zone: 'UTC' }),
    'minutes',
  ).minutes;
  const realMinutes = (instantMs(window.end) - instantMs(window.start)) / 60_000;
  if (window.warnings.length === 0 && Math.round(wallMinutes) !== Math.round(realMinutes)) {
    const difference = Math.round(realMinutes - wallMinutes);
    findings.push({
      id: `clock-change:during:${window.start}`,
      rule: 'clock-change',
      severity: 'info',
      message: `The clocks in ${window.zone} change during this window: it lasts ${Math.abs(difference)} minutes ${difference < 0 ? 'less' : 'more'} than the wall clock suggests`,
      period: { start: window.start, end: window.end },
    });
  }
  return findings;
}

/** Attach overrides on record to the findings they name. */
export function applyOverrides(findings: readonly PolicyFinding[], overrides: readonly PolicyOverride[]): PolicyFinding[] {
  return findings.map((finding) => {
    const override = [...overrides].reverse().find((entry) => entry.findingId === finding.id);
    return override ? { ...finding, override } : finding;
  });
}

/** The findings that stop a go: blocking and not overridden. */
export function blockingFindings(findings: readonly PolicyFinding[]): PolicyFinding[] {
  return findings.filter((finding) => finding.severity === 'block' && finding.override === undefined);
}

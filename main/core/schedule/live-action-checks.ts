/**
 * The schedule policy as it applies to one live action at one instant: a live playbook
 * run started now, a terminal opened now on a production target.
 *
 * Why a check of its own: the window findings say whether the *planned window* is sound;
 * they say nothing about a live rollback started 114 days early, inside an imported
 * freeze, on a Friday afternoon. Such an action must be held for the same written
 * override as a GO at the go/no-go. Rehearsals and dry runs are never held.
 *
 * Blackout and Friday findings carry the same ids as the window's own findings for the
 * same occurrence, so an override already recorded for that freeze (in the header)
 * covers the action too; leaving the window has no header override and always asks.
 */
import { blackoutApplies, expandBlackouts } from './blackout-calendar';
import type { ReleaseScope } from './blackout-calendar';
import { instantMs, isoFromMs } from '../../../contract/domain/schedule/local-time';
import { applyOverrides, describePeriod } from './policy-checks';
import type { PolicyFinding, PolicyOverride } from './policy-checks';
import type { ResolvedWindow } from './release-window';
import { expandWeekly } from './wall-clock-recurrence';
import type { Blackout, FridayRule } from '../../../contract/domain/schedule/schedule-schemas';

export interface LiveActionInput {
  /** The release window the action must fall in. */
  readonly window: ResolvedWindow;
  /** When the action happens (ISO UTC). */
  readonly at: string;
  /** "A live run of Roll back the demo service", "A terminal on prod-eu": starts each message. */
  readonly what: string;
  /** The workspace calendar's blackouts and the release's own. */
  readonly blackouts: readonly Blackout[];
  readonly scope: ReleaseScope;
  readonly fridayRule: FridayRule | null;
  /** Overrides on record in the release's schedule (header overrides of the same freeze). */
  readonly overrides: readonly PolicyOverride[];
}

/** A tick after `at`: the range in which recurring periods are looked for. */
const PROBE_MS = 1_000;

/** Every finding for a live action at `input.at`, overrides on record applied. */
export function checkLiveAction(input: LiveActionInput): PolicyFinding[] {
  const { window, at, what } = input;
  const atMs = instantMs(at);
  const moment = { start: at, end: at };
  const probe = { start: at, end: isoFromMs(atMs + PROBE_MS) };
  const contains = (period: { start: string; end: string }) => instantMs(period.start) <= atMs && atMs < instantMs(period.end);
  const findings: PolicyFinding[] = [];
  if (atMs < instantMs(window.start)) {
    findings.push({
      id: 'live-action:before-window',
      rule: 'outside-window',
      severity: 'block',
      message: `${what} now is ${distance(atMs, instantMs(window.start))} before the release window opens (${describePeriod(window, window.zone)})`,
      period: moment,
    });
  } else if (atMs >= instantMs(window.end)) {
    findings.push({
      id: 'live-action:after-window',
      rule: 'outside-window',
      severity: 'block',
      message: `${what} now is ${distance(instantMs(window.end), atMs)} after the release window closed (${describePeriod(window, window.zone)})`,
      period: moment,
    });
  }
  const binding = input.blackouts.filter((blackout) => blackoutApplies(blackout.scope, input.scope));
  for (const occurrence of expandBlackouts(binding, probe)) {
    if (!contains(occurrence)) continue;
    findings.push({
      id: `blackout:${occurrence.blackoutId}:${occurrence.start}`,
      rule: 'blackout',
      severity: 'block',
      message: `${what} now falls in the blackout '${occurrence.title}' (${describePeriod(occurrence, occurrence.zone)})`,
      period: moment,
    });
  }
  const rule = input.fridayRule;
  if (rule?.enabled) {
    // A rule without a zone of its own is read in the release's zone (the window's).
    const zone = rule.zone ?? window.zone;
    const span = { zone, startDay: rule.fromDay, startTime: rule.fromTime, endDay: rule.untilDay, endTime: rule.untilTime };
    for (const stretch of expandWeekly(span, probe)) {
      if (!contains(stretch)) continue;
      findings.push({
        id: `friday-rule:${stretch.start}`,
        rule: 'friday-rule',
        severity: rule.severity,
        message: `${what} now falls in the Friday rule: no releases from ${describePeriod(stretch, zone)}`,
        period: moment,
      });
    }
  }
  return applyOverrides(findings, input.overrides);
}

/** "114 days", "3 h 20 min", "12 min": how far apart two instants are. */
function distance(fromMs: number, toMs: number): string {
  const minutes = Math.round((toMs - fromMs) / 60_000);
  if (minutes >= 2 * 24 * 60) return `${Math.floor(minutes / (24 * 60))} days`;
  if (minutes >= 60) return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
  return minutes <= 1 ? 'a minute' : `${minutes} min`;
}

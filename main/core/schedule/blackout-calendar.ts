/**
 * The blackout calendar: freeze periods expanded to concrete instants, and who they bind.
 *
 * The workspace calendar and a release's own blackouts share the Blackout shape; this
 * module turns any list of them into occurrences in a range (for the calendar view and
 * for the policy checks) and decides whether a blackout applies to a given release.
 */
import { instantMs } from '../../../contract/domain/schedule/local-time';
import { expandRrule, expandWeekly, expandYearly, occurrenceOf } from './wall-clock-recurrence';
import type { WallClockOccurrence } from './wall-clock-recurrence';
import type { Period } from './release-window';
import type { Blackout, BlackoutScope } from '../../../contract/domain/schedule/schedule-schemas';

/** One occurrence of a blackout, with the blackout it came from. */
export interface BlackoutOccurrence extends WallClockOccurrence {
  readonly blackoutId: string;
  readonly title: string;
  readonly scope: BlackoutScope;
  /** Information only (an .ics event marked TRANSPARENT): shown, never blocks. */
  readonly informational: boolean;
}

/** What a release touches, to decide which scoped blackouts bind it. */
export interface ReleaseScope {
  readonly services: readonly string[];
  readonly environmentClasses: readonly ('production' | 'staging' | 'sandbox')[];
}

/** True when the blackout's scope covers the release (all, one of its services, or one of its environment classes). */
export function blackoutApplies(scope: BlackoutScope, release: ReleaseScope): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'service':
      return release.services.includes(scope.service);
    case 'environment':
      return release.environmentClasses.includes(scope.environmentClass);
  }
}

/** The wall-clock occurrences of one blackout overlapping a range. */
function occurrencesOfRule(blackout: Blackout, range: Period): WallClockOccurrence[] {
  const rule = blackout.rule;
  switch (rule.kind) {
    case 'once': {
      const occurrence = occurrenceOf(rule.start, rule.end, rule.zone);
      const overlaps = instantMs(occurrence.start) < instantMs(range.end) && instantMs(occurrence.end) > instantMs(range.start);
      return overlaps ? [occurrence] : [];
    }
    case 'weekly':
      return expandWeekly(rule, range);
    case 'yearly':
      return expandYearly(rule, range);
    case 'rrule':
      return expandRrule(rule, range);
  }
}

/**
 * Expand blackouts to the occurrences overlapping a range, sorted by start.
 * Each occurrence keeps its local wall-clock times and any DST warnings.
 */
export function expandBlackouts(blackouts: readonly Blackout[], range: Period): BlackoutOccurrence[] {
  return blackouts
    .flatMap((blackout) =>
      occurrencesOfRule(blackout, range).map((occurrence) => ({
        ...occurrence,
        blackoutId: blackout.id,
        title: blackout.title,
        scope: blackout.scope,
        informational: blackout.informational === true,
      })),
    )
    .sort((a, b) => instantMs(a.start) - instantMs(b.start) || a.blackoutId.localeCompare(b.blackoutId));
}

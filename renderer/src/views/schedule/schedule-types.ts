/** The schedule shapes the views use, taken from the contract. */
import type { ScheduleStatus } from '../../../../contract/models';

export type {
  Blackout,
  BlackoutScope,
  PolicyFinding,
  RehearsedRollback,
  ScheduleStatus,
  Pod,
  ReleaseWindow,
  FridayRule,
  CalendarBlackout,
} from '../../../../contract/models';

/** A resolved window: start, end and go-live as ISO instants. */
export type ResolvedWindowLike = ScheduleStatus['resolved'];

import type { DateTime } from 'luxon';

/**
 * Where a new release's go-live starts before anyone picks one: an evening a little over a
 * week ahead (the go-live template's earliest item is due T-7d, so nothing is overdue at
 * creation), moved off Friday and the weekend (the Friday rule and the on-call desert).
 */
export function defaultGoLive(now: DateTime): string {
  let day = now.plus({ days: 8 }).set({ hour: 22, minute: 0, second: 0, millisecond: 0 });
  while (day.weekday >= 5) day = day.plus({ days: 1 });
  return day.toFormat("yyyy-MM-dd'T'HH:mm");
}

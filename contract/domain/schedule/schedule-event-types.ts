/** The journal event types of the schedule area, apart from their schemas: the renderer names them without carrying zod. */
export const SCHEDULE_EVENTS = {
  windowSet: 'schedule.window-set',
  podsSet: 'schedule.pods-set',
  blackoutAdded: 'schedule.blackout-added',
  blackoutRemoved: 'schedule.blackout-removed',
  fridayRuleSet: 'schedule.friday-rule-set',
  overrideRecorded: 'schedule.override-recorded',
} as const;

/** The schedule slice of a release's state and the journal events that change it, with their data schemas. */
import { z } from 'zod';
import { blackoutSchema, fridayRuleSchema, podSchema, releaseWindowSchema } from './schedule-schemas';
import type { Blackout, FridayRule, Pod, ReleaseWindow } from './schedule-schemas';
import type { PolicyOverride, PolicyRule } from './schedule-model';

export interface ScheduleState {
  readonly window: ReleaseWindow | null;
  readonly pods: readonly Pod[];
  readonly blackouts: readonly Blackout[];
  /** null: the workspace's Friday rule applies. */
  readonly fridayRule: FridayRule | null;
  readonly overrides: readonly (PolicyOverride & { readonly rule: PolicyRule; readonly message: string })[];
}

/** The journal event types the schedule area owns. */
export const SCHEDULE_EVENTS = {
  windowSet: 'schedule.window-set',
  podsSet: 'schedule.pods-set',
  blackoutAdded: 'schedule.blackout-added',
  blackoutRemoved: 'schedule.blackout-removed',
  fridayRuleSet: 'schedule.friday-rule-set',
  overrideRecorded: 'schedule.override-recorded',
} as const;

/** Data of each event type, as journaled. */
export const scheduleEventDataSchemas = {
  [SCHEDULE_EVENTS.windowSet]: z.object({ window: releaseWindowSchema }),
  [SCHEDULE_EVENTS.podsSet]: z.object({ pods: z.array(podSchema) }),
  [SCHEDULE_EVENTS.blackoutAdded]: z.object({ blackout: blackoutSchema }),
  [SCHEDULE_EVENTS.blackoutRemoved]: z.object({ id: z.string().min(1) }),
  [SCHEDULE_EVENTS.fridayRuleSet]: z.object({ rule: fridayRuleSchema.nullable() }),
  [SCHEDULE_EVENTS.overrideRecorded]: z.object({
    findingId: z.string().min(1),
    rule: z.enum(['outside-window', 'blackout', 'friday-rule', 'target-overlap', 'clock-change', 'point-of-no-return']),
    message: z.string(),
    reason: z.string().min(1),
  }),
} as const;

export type ScheduleEventType = (typeof SCHEDULE_EVENTS)[keyof typeof SCHEDULE_EVENTS];

export type ScheduleEventData<T extends ScheduleEventType> = z.infer<(typeof scheduleEventDataSchemas)[T]>;

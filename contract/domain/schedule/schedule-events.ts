/** The schedule slice of a release's state and the journal events that change it, with their data schemas. */
import { z } from 'zod';
import { eventParser, type AppliedUnion, type EventUnion } from '../journal/typed-events';
import { foldSchema, localDateSchema, localDateTimeSchema, timeOfDaySchema, weekdaySchema, zoneSchema } from './schedule-schemas';
import type { Blackout, FridayRule, Pod, ReleaseWindow } from './schedule-schemas';
import type { PolicyOverride, PolicyRule } from './schedule-model';
import { SCHEDULE_EVENTS } from './schedule-event-types';

export interface ScheduleState {
  readonly window: ReleaseWindow | null;
  readonly pods: readonly Pod[];
  readonly blackouts: readonly Blackout[];
  /** null: the workspace's Friday rule applies. */
  readonly fridayRule: FridayRule | null;
  readonly overrides: readonly (PolicyOverride & { readonly rule: PolicyRule; readonly message: string })[];
}

/** The journal event types the schedule area owns. */
export { SCHEDULE_EVENTS };

/*
 * The schedule's values as journaled: shapes, not the input rules (name and title lengths,
 * trimming, how many pods or extra dates): those were checked when the command ran, and a
 * journal written under other limits still reads. Zones and wall-clock times keep their
 * format checks, because every schedule computation resolves them. Fields added later
 * (goLive, fold, Friday-rule zone, informational, source, rdates, exactMinutes) are optional
 * or default, so journals written before them still open.
 */
const journaledWindowSchema = z.object({
  start: localDateTimeSchema,
  end: localDateTimeSchema,
  zone: zoneSchema,
  goLive: localDateTimeSchema.optional(),
  fold: z.object({ start: foldSchema.optional(), end: foldSchema.optional(), goLive: foldSchema.optional() }).optional(),
}) satisfies z.ZodType<ReleaseWindow>;

const journaledPodSchema = z.object({
  name: z.string(),
  zone: zoneSchema,
  hours: z.object({ start: timeOfDaySchema, end: timeOfDaySchema }),
  days: z.array(weekdaySchema).optional(),
}) satisfies z.ZodType<Pod>;

const journaledBlackoutSchema = z.object({
  id: z.string(),
  title: z.string(),
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('service'), service: z.string() }),
    z.object({ kind: z.literal('environment'), environmentClass: z.enum(['production', 'staging', 'sandbox']) }),
  ]),
  rule: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('once'), start: localDateTimeSchema, end: localDateTimeSchema, zone: zoneSchema }),
    z.object({
      kind: z.literal('weekly'),
      zone: zoneSchema,
      startDay: weekdaySchema,
      startTime: timeOfDaySchema,
      endDay: weekdaySchema,
      endTime: timeOfDaySchema,
      from: localDateSchema.optional(),
      until: localDateSchema.optional(),
    }),
    z.object({ kind: z.literal('yearly'), zone: zoneSchema, month: z.number().int(), day: z.number().int(), days: z.number().int().default(1) }),
    z.object({
      kind: z.literal('rrule'),
      zone: zoneSchema,
      start: localDateTimeSchema,
      durationMinutes: z.number().int(),
      exactMinutes: z.number().int().default(0),
      allDay: z.boolean(),
      rrule: z.string().optional(),
      exdates: z.array(localDateTimeSchema).default([]),
      rdates: z.array(z.object({ start: localDateTimeSchema, durationMinutes: z.number().int(), exactMinutes: z.number().int().default(0) })).default([]),
    }),
  ]),
  informational: z.boolean().optional(),
  source: z.object({ kind: z.enum(['manual', 'ics']), file: z.string().optional(), uid: z.string().optional() }).optional(),
}) satisfies z.ZodType<Blackout>;

const journaledFridayRuleSchema = z.object({
  enabled: z.boolean(),
  zone: zoneSchema.optional(),
  fromDay: weekdaySchema,
  fromTime: timeOfDaySchema,
  untilDay: weekdaySchema,
  untilTime: timeOfDaySchema,
  severity: z.enum(['block', 'warn']),
}) satisfies z.ZodType<FridayRule>;

const POLICY_RULES = [
  'outside-window',
  'blackout',
  'friday-rule',
  'target-overlap',
  'clock-change',
  'point-of-no-return',
] as const satisfies readonly PolicyRule[];

/** Data of each event type, as journaled: the one description of its shape. */
export const scheduleEventDataSchemas = {
  [SCHEDULE_EVENTS.windowSet]: z.object({ window: journaledWindowSchema }),
  [SCHEDULE_EVENTS.podsSet]: z.object({ pods: z.array(journaledPodSchema) }),
  [SCHEDULE_EVENTS.blackoutAdded]: z.object({ blackout: journaledBlackoutSchema }),
  [SCHEDULE_EVENTS.blackoutRemoved]: z.object({ id: z.string() }),
  [SCHEDULE_EVENTS.fridayRuleSet]: z.object({ rule: journaledFridayRuleSchema.nullable() }),
  [SCHEDULE_EVENTS.overrideRecorded]: z.object({
    findingId: z.string(),
    rule: z.enum(POLICY_RULES),
    message: z.string(),
    reason: z.string(),
  }),
} as const;

export type ScheduleEventType = (typeof SCHEDULE_EVENTS)[keyof typeof SCHEDULE_EVENTS];

export type ScheduleEventData<T extends ScheduleEventType> = z.output<(typeof scheduleEventDataSchemas)[T]>;

/** A schedule event as a command produces it: narrow on `type` to get its data. */
export type ScheduleEvent = EventUnion<typeof scheduleEventDataSchemas>;
export type AppliedScheduleEvent = AppliedUnion<ScheduleEvent>;

/** The typed schedule event of a journal event: null for another area's or an unknown type; throws (corrupt) when the data does not fit. */
export const parseScheduleEvent = eventParser(scheduleEventDataSchemas);

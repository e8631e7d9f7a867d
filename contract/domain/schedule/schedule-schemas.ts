/**
 * Schemas of the schedule area: release windows, pods, blackouts, the Friday rule and
 * the inputs of the schedule commands.
 *
 * Why zod here: the renderer is untrusted and the contract layer validates every request
 * with these same schemas; the types of the area are inferred from them so the two never
 * drift. Times are wall-clock strings plus an IANA zone (what people agree on), never
 * Date objects; instants elsewhere are ISO UTC strings.
 */
import { z } from 'zod';
import { isValidZone, parseLocal } from './local-time';

/** An IANA zone name the runtime knows. */
export const zoneSchema = z.string().min(1).refine(isValidZone, { message: 'must be an IANA time zone like Europe/Berlin' });

/** A local wall-clock date-time: 2026-03-31T22:00 (seconds optional). */
export const localDateTimeSchema = z.string().refine((value) => parseLocal(value) !== null, { message: 'must be a local date-time like 2026-03-31T22:00' });

/** A local date: 2026-12-24. */
export const localDateSchema = z.string().refine((value) => parseLocal(`${value}T00:00`) !== null, { message: 'must be a date like 2026-12-24' });

/** A time of day: 09:00 (24:00 allowed as "end of day"). */
export const timeOfDaySchema = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'must be a time of day like 09:00' });

/** ISO weekday: 1 = Monday ... 7 = Sunday (luxon's numbering). */
export const weekdaySchema = z.number().int().min(1).max(7);

/** Which instant a repeated local time means. */
export const foldSchema = z.enum(['earlier', 'later']);

/** An ISO instant with offset or Z. */
export const instantSchema = z.iso.datetime({ offset: true });

/** The release window: where T-0 sits and when the work must be done, in one zone. */
export const releaseWindowSchema = z.object({
  start: localDateTimeSchema,
  end: localDateTimeSchema,
  zone: zoneSchema,
  /** The planned go-live (T-0); the window start when absent. */
  goLive: localDateTimeSchema.optional(),
  /** For a start, end or go-live inside a fall-back hour: which pass is meant (default earlier). */
  fold: z.object({ start: foldSchema.optional(), end: foldSchema.optional(), goLive: foldSchema.optional() }).optional(),
});
export type ReleaseWindow = z.infer<typeof releaseWindowSchema>;

/** A team that can hold the release, with its zone and working hours. */
export const podSchema = z.object({
  name: z.string().trim().min(1).max(80),
  zone: zoneSchema,
  /** Working hours in the pod's local time; end <= start means the shift crosses midnight. */
  hours: z.object({ start: timeOfDaySchema, end: timeOfDaySchema }),
  /** Days the shift starts on (ISO weekdays); Monday to Friday when absent. */
  days: z.array(weekdaySchema).min(1).max(7).optional(),
});
export type Pod = z.infer<typeof podSchema>;

/** Who a blackout applies to: every release, one service, or one environment class. */
export const blackoutScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('service'), service: z.string().trim().min(1) }),
  z.object({ kind: z.literal('environment'), environmentClass: z.enum(['production', 'staging', 'sandbox']) }),
]);
export type BlackoutScope = z.infer<typeof blackoutScopeSchema>;

export const BLACKOUT_LIMITS = {
  /** Extra dates of one event: a holiday list for decades is a few hundred; more is not a blackout. */
  maxRdates: 2_000,
} as const;

/** One extra occurrence of an imported event (RDATE): local start in the rule's zone and its length. */
export const rdateSchema = z.object({
  start: localDateTimeSchema,
  /** Length on the wall clock (a date: 1440, a period with an end: end minus start on the wall clock). */
  durationMinutes: z.number().int().min(0),
  /** Real minutes added after that (a period given as start/PT2H). */
  exactMinutes: z.number().int().min(0).default(0),
});
export type Rdate = z.infer<typeof rdateSchema>;

/** When a blackout happens: once, weekly, yearly (holidays), or an iCalendar RRULE. */
export const blackoutRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('once'), start: localDateTimeSchema, end: localDateTimeSchema, zone: zoneSchema }),
  z.object({
    kind: z.literal('weekly'),
    zone: zoneSchema,
    startDay: weekdaySchema,
    startTime: timeOfDaySchema,
    endDay: weekdaySchema,
    endTime: timeOfDaySchema,
    /** First and last local date the recurrence may start on (inclusive). */
    from: localDateSchema.optional(),
    until: localDateSchema.optional(),
  }),
  z.object({
    kind: z.literal('yearly'),
    zone: zoneSchema,
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    /** Whole local days from 00:00 (a holiday is 1). */
    days: z.number().int().min(1).max(366).default(1),
  }),
  z.object({
    kind: z.literal('rrule'),
    zone: zoneSchema,
    /** First occurrence, local wall-clock; with allDay, the time part is 00:00. */
    start: localDateTimeSchema,
    /** Length of each occurrence on the wall clock (an end given as a local time, or whole days). */
    durationMinutes: z.number().int().min(0),
    /** Real minutes added after that (an iCalendar DURATION's hours and minutes are exact, RFC 5545 3.3.6). */
    exactMinutes: z.number().int().min(0).default(0),
    allDay: z.boolean(),
    /** An RFC 5545 RRULE value (FREQ=WEEKLY;BYDAY=FR), or absent for a single event. */
    rrule: z.string().min(1).optional(),
    /** Occurrences removed, as local starts in the same zone (they remove RDATE occurrences too). */
    exdates: z.array(localDateTimeSchema).default([]),
    /** Extra occurrences (iCalendar RDATE), each with its own length: a date is that whole day, a period its own span. */
    rdates: z.array(rdateSchema).max(BLACKOUT_LIMITS.maxRdates).default([]),
  }),
]);
export type BlackoutRule = z.infer<typeof blackoutRuleSchema>;

/** A period when releases are not allowed. */
export const blackoutSchema = z.object({
  id: z.string().trim().min(1).max(200),
  title: z.string().trim().min(1).max(300),
  scope: blackoutScopeSchema,
  rule: blackoutRuleSchema,
  /**
   * Information only: shown on the calendar, never blocks (an .ics event marked TRANSP:TRANSPARENT,
   * "free time", e.g. a public-holiday calendar). Absent means it blocks.
   */
  informational: z.boolean().optional(),
  /** Where it came from: typed in, or imported from an .ics (file name, UID). */
  source: z.object({ kind: z.enum(['manual', 'ics']), file: z.string().optional(), uid: z.string().optional() }).optional(),
});
export type Blackout = z.infer<typeof blackoutSchema>;

/** "Never on Friday", configurable: from a weekday and time until another, in a zone. */
export const fridayRuleSchema = z.object({
  enabled: z.boolean(),
  /** Absent: each release's own zone (Friday 12:00 in Berlin for a Berlin release, in São Paulo for a São Paulo one). */
  zone: zoneSchema.optional(),
  fromDay: weekdaySchema,
  fromTime: timeOfDaySchema,
  untilDay: weekdaySchema,
  untilTime: timeOfDaySchema,
  severity: z.enum(['block', 'warn']),
});
export type FridayRule = z.infer<typeof fridayRuleSchema>;

/** Shortest written reason for an override: long enough to say why, not just "ok". */
export const OVERRIDE_LIMITS = {
  /** A reason shorter than this cannot explain a decision a post-mortem will question. */
  minReasonLength: 10,
  /** Long enough for a paragraph; longer belongs in the release notes. */
  maxReasonLength: 2000,
} as const;

export const setWindowInputSchema = z.object({ window: releaseWindowSchema });
export const setPodsInputSchema = z.object({ pods: z.array(podSchema).max(50) });
export const addBlackoutInputSchema = z.object({ blackout: blackoutSchema });
export const removeBlackoutInputSchema = z.object({ id: z.string().min(1) });
export const setFridayRuleInputSchema = z.object({ rule: fridayRuleSchema.nullable() });
export const recordOverrideInputSchema = z.object({
  /** The finding's stable id (see PolicyFinding.id). */
  findingId: z.string().min(1).max(500),
  reason: z
    .string()
    .trim()
    .min(OVERRIDE_LIMITS.minReasonLength, {
      message: `an override needs a written reason of at least ${OVERRIDE_LIMITS.minReasonLength} characters`,
    })
    .max(OVERRIDE_LIMITS.maxReasonLength),
});
export type SetWindowInput = z.infer<typeof setWindowInputSchema>;
export type SetPodsInput = z.infer<typeof setPodsInputSchema>;
export type AddBlackoutInput = z.input<typeof addBlackoutInputSchema>;
export type RemoveBlackoutInput = z.infer<typeof removeBlackoutInputSchema>;
export type SetFridayRuleInput = z.infer<typeof setFridayRuleInputSchema>;
export type RecordOverrideInput = z.infer<typeof recordOverrideInputSchema>;

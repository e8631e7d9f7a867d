import { z } from 'zod';
import { request } from '../define';
import { slugSchema } from './release-requests';

/** What a chosen remedy did: the journaled note, and a flag's state before and after when one was flipped. */
export interface RemedyResult {
  readonly note: string;
  readonly flag: { readonly name: string; readonly before: boolean; readonly after: boolean } | null;
}

/** The health board's actions: the three remedies, each with a reason (journaled as a decision). */
const reasonText = z.string().trim().min(3, { message: 'needs a reason of at least 3 characters: the report shows it' }).max(1000);

/** Bake durations: a person picks minutes; tests and rehearsals use seconds. */
const BAKE_LIMITS = { minMs: 1_000, maxMs: 24 * 3_600_000, minIntervalMs: 1_000, maxIntervalMs: 3_600_000 } as const;

export const telemetryRequests = {
  /** Start the bake after go-live: the chosen metric gates of the go/no-go poll (all when none chosen), watched for `durationMs`. */
  'telemetry.bake.start': request<{ readonly bakeId: string; readonly endsAt: string }>()(
    z
      .object({
        slug: slugSchema,
        durationMs: z
          .int({ message: 'must be a whole number of milliseconds' })
          .min(BAKE_LIMITS.minMs, { message: 'must be at least a second' })
          .max(BAKE_LIMITS.maxMs, { message: 'must be at most 24 hours' }),
        intervalMs: z
          .int({ message: 'must be a whole number of milliseconds' })
          .min(BAKE_LIMITS.minIntervalMs, { message: 'must be at least a second' })
          .max(BAKE_LIMITS.maxIntervalMs, { message: 'must be at most an hour' }),
        criterionIds: z.array(z.string().min(1).max(100)).max(20).optional(),
      })
      .strict(),
  ),
  'telemetry.bake.stop': request<{ readonly bakeId: string }>()(z.object({ slug: slugSchema, reason: reasonText }).strict()),
  /** An inconclusive bake: accept it (the release is verified, with the reason) or fail it (an incident opens). */
  'telemetry.bake.decide': request<{ readonly bakeId: string; readonly incidentId: string | null }>()(
    z
      .object({
        slug: slugSchema,
        bakeId: z.string().regex(/^bake-\d+$/, { message: 'must be a bake id like bake-1' }),
        decision: z.enum(['accept', 'fail']),
        reason: reasonText,
      })
      .strict(),
  ),
  'telemetry.remedy': request<RemedyResult>()(
    z
      .object({
        slug: slugSchema,
        remedy: z.enum(['flag-off', 'fix-forward', 'roll-back']),
        reason: z.string().trim().min(3, { message: 'a remedy needs a reason of at least 3 characters: the report shows it' }).max(1000),
        /** The feature flag to switch off (flag-off); the sandbox's own flag when absent. */
        flag: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be a flag name (letters, digits, - and _)' })
          .optional(),
      })
      .strict(),
  ),
};

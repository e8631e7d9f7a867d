import { z } from 'zod';
import { request } from '../define';
import { slugSchema } from './release-requests';

/** What a chosen remedy did: the journaled note, and a flag's state before and after when one was flipped. */
export interface RemedyResult {
  readonly note: string;
  readonly flag: { readonly name: string; readonly before: boolean; readonly after: boolean } | null;
}

/** The health board's actions: the three remedies, each with a reason (journaled as a decision). */
export const telemetryRequests = {
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

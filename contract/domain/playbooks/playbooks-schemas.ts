/**
 * Input shapes of the run commands, as zod schemas the contract layer reuses.
 *
 * Why here: the renderer is untrusted; the API validates every request with these
 * before a command sees it.
 */
import { z } from 'zod';
import { OVERRIDE_LIMITS } from '../schedule/schedule-schemas';

const runId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { message: 'must be a run id' });

/** The operator's answer to a failed step. */
export const stepDecisionInput = z.strictObject({
  runId,
  stepIndex: z.int().min(0),
  /** accept (reason required) and fail answer an inconclusive analysis only. */
  decision: z.enum(['retry', 'skip', 'abort', 'accept', 'fail']),
  reason: z.string().trim().max(2000).optional(),
});
export type StepDecisionInput = z.infer<typeof stepDecisionInput>;

/** The operator's answer to "interrupted at step N, outcome unknown". */
export const interruptionResolutionInput = z.strictObject({
  runId,
  action: z.enum(['rerun', 'mark-done', 'abort']),
  note: z.string().trim().max(2000).optional(),
});
export type InterruptionResolutionInput = z.infer<typeof interruptionResolutionInput>;

/** Starting a run of a playbook. */
export const startRunInput = z.strictObject({
  playbookFile: z.string().min(1),
  mode: z.enum(['live', 'rehearsal', 'dry-run']),
  startAt: z.int().min(0).default(0),
  variables: z
    .array(z.strictObject({ name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), value: z.string().max(10_000) }))
    .max(200)
    .default([]),
  /** A live run the schedule policy holds starts only with a written reason (journaled), as a GO at the go/no-go. */
  override: z
    .strictObject({
      reason: z
        .string()
        .trim()
        .min(OVERRIDE_LIMITS.minReasonLength, { message: `an override needs a written reason of at least ${OVERRIDE_LIMITS.minReasonLength} characters` })
        .max(OVERRIDE_LIMITS.maxReasonLength),
    })
    .optional(),
});
export type StartRunInput = z.infer<typeof startRunInput>;

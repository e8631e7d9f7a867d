import { z } from 'zod';

/**
 * The input shapes of the terminal area, as zod schemas the contract layer reuses to
 * validate requests from the (untrusted) renderer.
 */

/** Environment class of a target: production gets the red frame and the typing guard. */
export const targetEnvironmentSchema = z.enum(['production', 'staging', 'sandbox']);

/** A target: a named connection profile (a shell, `ssh host`, `kubectl exec ...`). */
export const targetProfileSchema = z.object({
  id: z.string().min(1).max(128),
  name: z.string().min(1).max(200),
  environment: targetEnvironmentSchema,
  /** The program to run: an absolute path, or a name looked up on PATH. */
  command: z.string().min(1).max(4096),
  args: z.array(z.string().max(4096)).max(256).default([]),
  /** Working folder; the user's home folder when absent. */
  cwd: z.string().max(4096).optional(),
  /** Variables added to (or overriding) the inherited environment (KUBECONFIG, contexts). */
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a variable name like KUBECONFIG'), z.string().max(32_768)).default({}),
});

export type TargetEnvironment = z.infer<typeof targetEnvironmentSchema>;
export type TargetProfile = z.input<typeof targetProfileSchema>;

const dimension = z.number().int().min(1).max(2000);

/** A resize request from a terminal panel. */
export const terminalResizeSchema = z.object({ sessionId: z.string().min(1), cols: dimension, rows: dimension });

/** Keystrokes or a paste for a session (a paste of a big file is allowed, a flood is not). */
export const terminalWriteSchema = z.object({ sessionId: z.string().min(1), data: z.string().max(1_000_000) });

/** The consumer's acknowledgement of characters it has rendered (xterm's write callback). */
export const terminalAcknowledgeSchema = z.object({ sessionId: z.string().min(1), chars: z.number().int().min(0).max(100_000_000) });

/** Opening a terminal on a target. */
export const terminalOpenSchema = z.object({
  target: targetProfileSchema,
  cols: dimension.optional(),
  rows: dimension.optional(),
  record: z.boolean().default(true),
  shellIntegration: z.boolean().default(true),
});

import { z } from 'zod';
import { request } from '../define';
import { slugSchema } from './release-requests';
import type { PlanView } from '../domain/plan/plan-views';
import type { RunComparison } from '../domain/plan/plan-views';
import type { ReleaseTrains } from '../domain/plan/trains-views';

const LIMITS = {
  /** Node ids are "step:<file>#<step id>": a file name and an id. */
  nodeIdLength: 400,
  /** One node waiting for more than this is a data-entry accident, not a plan. */
  dependencies: 200,
  /** A release starting after more releases than this is a data-entry accident, not a train. */
  releaseDependencies: 50,
} as const;

const nodeIdSchema = z
  .string()
  .max(LIMITS.nodeIdLength)
  .regex(/^(item|playbook|step):\S+$/, 'must be a plan node id: item:<id>, playbook:<file> or step:<file>#<step id>');

/** The plan: what waits for what, critical path, forecast; and the edits to it. */
export const planRequests = {
  'plan.get': request<PlanView>()(z.object({ slug: slugSchema }).strict()),
  'plan.set-dependencies': request<{ readonly ok: true }>()(
    z.object({ slug: slugSchema, nodeId: nodeIdSchema, dependsOn: z.array(nodeIdSchema).max(LIMITS.dependencies) }).strict(),
  ),
  /** A duration as people write it ("45m", "1h30m"), or null to clear it. */
  'plan.set-duration': request<{ readonly ok: true }>()(z.object({ slug: slugSchema, nodeId: nodeIdSchema, duration: z.string().max(40).nullable() }).strict()),
  'plan.add-playbook': request<{ readonly ok: true }>()(z.object({ slug: slugSchema, playbookFile: z.string().min(1).max(200) }).strict()),
  /** "Use the rehearsal's durations as the plan": one reviewed action, journaled. */
  'plan.adopt-rehearsal': request<{ readonly ok: true; readonly changed: number }>()(
    z.object({ slug: slugSchema, runId: z.string().min(1).max(100) }).strict(),
  ),
  /** Every release on one calendar (trains): windows, forecasts, what each starts after, conflicts; seen from `slug`. */
  'plan.trains': request<ReleaseTrains>()(z.object({ slug: slugSchema }).strict()),
  /** The releases this one starts after ("Payments 7.3 starts after Identity 2.1 is verified"); its go/no-go checks them. */
  'plan.set-release-dependencies': request<{ readonly ok: true }>()(
    z.object({ slug: slugSchema, afterReleases: z.array(slugSchema).max(LIMITS.releaseDependencies) }).strict(),
  ),
  /** Per-step duration deltas between two runs of the same playbook. */
  'plan.compare-runs': request<RunComparison>()(
    z.object({ slug: slugSchema, baseRunId: z.string().min(1).max(100), otherRunId: z.string().min(1).max(100) }).strict(),
  ),
};

/**
 * The journal events of the plan and the schema of each one's data.
 *
 * Why schemas in the reducer: the journal is ours, but one that does not fit is corrupt
 * and must say so rather than project a half-true plan. Each change carries what it
 * replaced (`before`) so the timeline reads "api-deploy now waits for schema-migration
 * (was: nothing)" from the journal alone.
 */
import { z } from 'zod';
import { FORECAST_LIMITS } from '../../../contract/domain/plan/plan-model';

export const PLAN_EVENTS = {
  dependenciesSet: 'plan.dependencies-set',
  durationSet: 'plan.duration-set',
  playbookAdded: 'plan.playbook-added',
  durationsAdopted: 'plan.durations-adopted',
  forecastWarning: 'plan.forecast-warning',
  forecastRecovered: 'plan.forecast-recovered',
  releaseDependenciesSet: 'plan.release-dependencies-set',
} as const;

const nodeIdSchema = z.string().min(1).max(400);
const msSchema = z.number().int().min(0);

export const planEventDataSchemas = {
  [PLAN_EVENTS.dependenciesSet]: z.object({ nodeId: nodeIdSchema, dependsOn: z.array(nodeIdSchema), before: z.array(nodeIdSchema) }),
  [PLAN_EVENTS.durationSet]: z.object({ nodeId: nodeIdSchema, plannedMs: msSchema.nullable(), before: msSchema.nullable() }),
  [PLAN_EVENTS.playbookAdded]: z.object({
    file: z.string().min(1),
    name: z.string(),
    steps: z.array(z.object({ id: z.string().min(1), name: z.string(), plannedMs: msSchema.nullable() })),
  }),
  [PLAN_EVENTS.durationsAdopted]: z.object({
    runId: z.string().min(1),
    changes: z.array(z.object({ nodeId: nodeIdSchema, plannedMs: msSchema, before: msSchema.nullable() })),
  }),
  [PLAN_EVENTS.forecastWarning]: z.object({
    limit: z.enum(FORECAST_LIMITS),
    projectedFinish: z.string(),
    limitAt: z.string(),
    message: z.string(),
  }),
  [PLAN_EVENTS.forecastRecovered]: z.object({ limit: z.enum(FORECAST_LIMITS), projectedFinish: z.string() }),
  [PLAN_EVENTS.releaseDependenciesSet]: z.object({
    afterReleases: z.array(z.string().min(1).max(200)),
    before: z.array(z.string().min(1).max(200)),
    /** The names the slugs had when the change was made, for the timeline. */
    names: z.record(z.string(), z.string()),
  }),
} as const;

export type PlanEventType = (typeof PLAN_EVENTS)[keyof typeof PLAN_EVENTS];
export type PlanEventData<Type extends PlanEventType> = z.infer<(typeof planEventDataSchemas)[Type]>;

/** What a template adds to the plan along with its items (on checklist.template-applied). */
export const templatePlanSchema = z.array(z.object({ nodeId: nodeIdSchema, dependsOn: z.array(nodeIdSchema), plannedMs: msSchema.nullable() }));
export type TemplatePlan = z.infer<typeof templatePlanSchema>;

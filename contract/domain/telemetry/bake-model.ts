/**
 * Verification after go-live: a bake period in which chosen metric gates are watched.
 * The release is verified only when a bake passes (or a person accepts an inconclusive
 * one with a reason); a failed bake opens an incident with the evidence attached.
 * Plain readonly JSON projected from the journal, and the events that make it.
 */
import { z } from 'zod';
import type { MetricCriterion, MetricGateReading } from '../go-no-go/poll-model';
import { eventParser, type AppliedUnion, type EventUnion } from '../journal/typed-events';

/** A gate the bake watches: a metric criterion of the go/no-go poll, as it was when the bake started. */
export interface BakeGate {
  readonly id: string;
  readonly title: string;
  readonly metric: MetricCriterion;
}

export interface BakeRound {
  readonly round: number;
  readonly at: string;
  readonly readings: readonly MetricGateReading[];
}

export type BakeStatus = 'baking' | 'verified' | 'failed' | 'inconclusive' | 'stopped';

export interface Bake {
  readonly id: string;
  readonly startedBy: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly intervalMs: number;
  readonly endsAt: string;
  readonly gates: readonly BakeGate[];
  readonly rounds: readonly BakeRound[];
  readonly status: BakeStatus;
  readonly endedAt: string | null;
  /** Why it ended as it did (which gate failed, with its values; or every gate passed). */
  readonly message: string | null;
  /** The incident a failed bake opened. */
  readonly incidentId: string | null;
  /** An inconclusive bake a person accepted (verified) or failed: who and why. */
  readonly decidedBy: string | null;
  readonly reason: string | null;
}

export interface BakeState {
  readonly bakes: readonly Bake[];
}

export function initialBakeState(): BakeState {
  return { bakes: [] };
}

/** The release is verified when its latest bake passed (or an inconclusive one was accepted). */
export function releaseVerified(state: BakeState): Bake | null {
  const last = state.bakes[state.bakes.length - 1];
  return last?.status === 'verified' ? last : null;
}

export const BAKE_EVENTS = {
  started: 'bake.started',
  measured: 'bake.measured',
  ended: 'bake.ended',
  decided: 'bake.decided',
} as const;

const metricSchema = z
  .object({
    source: z.string(),
    query: z.string(),
    baseline: z.string().optional(),
    successCondition: z.string().optional(),
    failureCondition: z.string().optional(),
  })
  .readonly();
const readingSchema = z
  .object({
    criterionId: z.string(),
    title: z.string(),
    at: z.string(),
    query: z.string(),
    baselineQuery: z.string().nullable(),
    source: z.string(),
    values: z.array(z.number()).readonly(),
    baselineValues: z.array(z.number()).readonly().nullable(),
    phase: z.enum(['successful', 'failed', 'inconclusive', 'error']),
    message: z.string(),
    threshold: z.number().nullable(),
  })
  .readonly() satisfies z.ZodType<MetricGateReading>;

export const bakeEventDataSchemas = {
  [BAKE_EVENTS.started]: z
    .object({
      bakeId: z.string(),
      durationMs: z.number().int().positive(),
      intervalMs: z.number().int().positive(),
      endsAt: z.string(),
      gates: z.array(z.object({ id: z.string(), title: z.string(), metric: metricSchema }).readonly()).readonly(),
    })
    .readonly(),
  [BAKE_EVENTS.measured]: z.object({ bakeId: z.string(), round: z.number().int().min(1), readings: z.array(readingSchema).readonly() }).readonly(),
  [BAKE_EVENTS.ended]: z
    .object({
      bakeId: z.string(),
      status: z.enum(['verified', 'failed', 'inconclusive', 'stopped']),
      message: z.string(),
      incidentId: z.string().nullable(),
      /** Who stopped it (stopped), else the host. */
      by: z.string(),
      reason: z.string().nullable(),
    })
    .readonly(),
  [BAKE_EVENTS.decided]: z
    .object({
      bakeId: z.string(),
      decision: z.enum(['accept', 'fail']),
      reason: z.string(),
      by: z.string(),
      incidentId: z.string().nullable(),
    })
    .readonly(),
} as const;

export type BakeEvent = EventUnion<typeof bakeEventDataSchemas>;
export type AppliedBakeEvent = AppliedUnion<BakeEvent>;
export const parseBakeEvent = eventParser(bakeEventDataSchemas);

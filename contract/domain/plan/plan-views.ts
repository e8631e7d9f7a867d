/** What the plan view, the Gantt and the report show (main/core/plan computes it). */
import type { ForecastLimit, PlanWarning } from './plan-model';

export interface PlanBar {
  readonly start: string;
  readonly end: string;
}

export interface PlanRow {
  readonly id: string;
  readonly label: string;
  readonly kind: 'item' | 'step';
  readonly group: string;
  readonly dependsOn: readonly string[];
  readonly status: 'pending' | 'running' | 'done';
  readonly plannedMs: number | null;
  readonly rehearsedMs: number | null;
  readonly actualMs: number | null;
  readonly planned: PlanBar;
  /** Where the node falls with rehearsed durations (null when it was never rehearsed). */
  readonly rehearsal: PlanBar | null;
  /** What happened (done), what runs (start to forecast end), or the forecast (pending). */
  readonly forecast: PlanBar;
  /** ms the node can slip without moving the finish. */
  readonly slackMs: number;
  readonly critical: boolean;
  /** True when running longer than its estimate. */
  readonly overrun: boolean;
}

export interface LimitCheck {
  readonly limit: ForecastLimit;
  /** The moment the forecast must end by (ISO UTC), or null when unknown (no rehearsed rollback). */
  readonly at: string | null;
  readonly fits: boolean;
  /** Forecast finish minus the limit (ms); negative is margin. */
  readonly overByMs: number | null;
  readonly message: string | null;
}

export interface PlanForecast {
  readonly origin: string;
  readonly now: string;
  readonly plannedFinish: string;
  readonly rehearsedFinish: string | null;
  readonly projectedFinish: string;
  /** Projected minus planned finish (ms); positive is late. */
  readonly driftMs: number;
  readonly limits: readonly LimitCheck[];
}

export interface PlanView {
  readonly rows: readonly PlanRow[];
  readonly forecast: PlanForecast | null;
  /** The critical path, node ids first to last. */
  readonly criticalPath: readonly string[];
  /** A cycle in the stored plan (only a hand-edited journal gets here), named. */
  readonly cycle: readonly string[] | null;
  readonly warnings: readonly PlanWarning[];
}

export interface StepComparison {
  readonly stepId: string;
  readonly name: string;
  readonly baseMs: number | null;
  readonly otherMs: number | null;
  /** other - base (ms); positive: slipped. */
  readonly deltaMs: number | null;
}

export interface RunComparison {
  readonly base: { readonly runId: string; readonly mode: string; readonly startedAt: string; readonly totalMs: number };
  readonly other: { readonly runId: string; readonly mode: string; readonly startedAt: string; readonly totalMs: number };
  readonly steps: readonly StepComparison[];
  /** Steps that took longer in `other`, worst first. */
  readonly slipped: readonly StepComparison[];
  readonly longestStep: { readonly base: string | null; readonly other: string | null };
}

export interface ReportPlan {
  readonly view: PlanView;
  readonly zone: string;
  readonly window: { readonly start: string; readonly end: string } | null;
  readonly at: string;
}

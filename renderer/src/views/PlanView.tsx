import { useMemo, useState } from 'react';
import type { ViewProps } from './view-props';
import { useNow } from '../app/hooks';
import { FormError } from '../components/FormError';
import { formatInstant, viewerZone } from '../format/time';
import { formatDrift, formatPlanDuration } from '../../../contract/gantt-layout';
import { GanttChart } from './plan/GanttChart';
import type { GanttPeriod } from './plan/GanttChart';
import { PlanEditor } from './plan/PlanEditor';
import { TrainsPanel } from './plan/TrainsPanel';
import { usePlan } from './plan/use-plan';
import { useScheduleStatus } from './schedule/use-schedule-status';
import '../styles/plan.css';

/**
 * The plan: what waits for what, how long each piece takes (planned, rehearsed, actual),
 * the critical path, and the forecast against the window and the point of no return.
 */
export function PlanView({ slug, meta, state }: ViewProps) {
  const { plan, error, reload } = usePlan(slug, state.seq);
  const schedule = useScheduleStatus(slug, state.seq);
  const now = useNow(1000);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editError, setEditError] = useState<string | null>(null);
  const zone = schedule.status?.window.zone ?? meta.zone;
  const viewer = viewerZone();
  const resolved = schedule.status?.resolved;
  // One object per window, not per clock tick: the chart's backdrop is memoised on it.
  const window = useMemo<GanttPeriod | null>(() => (resolved ? { start: resolved.start, end: resolved.end, label: 'Release window' } : null), [resolved]);
  const blackouts = useMemo<GanttPeriod[]>(
    () =>
      (schedule.status?.findings ?? [])
        .filter((finding) => finding.rule === 'blackout' && finding.period.start !== finding.period.end)
        .map((finding) => ({ start: finding.period.start, end: finding.period.end, label: finding.message })),
    [schedule.status],
  );
  const handovers = useMemo(
    () =>
      (schedule.status?.plan.handovers ?? []).map((handover) => ({
        at: handover.at,
        label: `Handover ${handover.from ?? 'nobody'} → ${handover.to ?? 'nobody'}`,
      })),
    [schedule.status],
  );
  const forecast = plan?.forecast ?? null;
  const selected = plan?.rows.find((row) => row.id === selectedId) ?? null;
  return (
    <section className="view plan-view" aria-label="Plan and forecast">
      <FormError message={error ?? editError} />
      {plan?.cycle ? (
        <div className="form-error" role="alert">
          The stored plan has a cycle: {plan.cycle.join(' -> ')}
        </div>
      ) : null}
      {forecast ? (
        <div className="plan-summary" data-testid="plan-forecast">
          <Figure label="Planned finish" value={formatInstant(forecast.plannedFinish, zone)} />
          {forecast.rehearsedFinish ? <Figure label="With rehearsed durations" value={formatInstant(forecast.rehearsedFinish, zone)} /> : null}
          <Figure label="Forecast finish" value={formatInstant(forecast.projectedFinish, zone)} strong />
          <Figure label="Drift" value={formatDrift(forecast.driftMs)} tone={forecast.driftMs > 30_000 ? 'late' : 'ok'} testId="plan-drift" />
          {forecast.limits.map((limit) => (
            <Figure
              key={limit.limit}
              label={limit.limit === 'window' ? 'Window closes' : 'Point of no return'}
              value={
                limit.at === null
                  ? 'no rehearsed rollback'
                  : `${formatInstant(limit.at, zone)} · ${limit.fits ? `${formatPlanDuration(-(limit.overByMs ?? 0))} to spare` : `${formatPlanDuration(limit.overByMs)} over`}`
              }
              {...(limit.at === null ? {} : { tone: limit.fits ? ('ok' as const) : ('late' as const) })}
            />
          ))}
        </div>
      ) : plan && !plan.cycle ? (
        <p className="plan-empty">
          Nothing is planned yet. Give checklist items a duration and what they wait for, or add a playbook to the plan (below); templates can carry{' '}
          <code>duration</code> and <code>dependsOn</code>.
        </p>
      ) : null}
      {plan && plan.rows.length > 0 ? (
        <>
          <Legend />
          <GanttChart
            plan={plan}
            zone={zone}
            viewerZone={viewer}
            nowMs={now.getTime()}
            window={window}
            blackouts={blackouts}
            handovers={handovers}
            selectedId={selectedId}
            onSelect={setSelectedId}
          />
        </>
      ) : null}
      {plan ? <PlanEditor slug={slug} state={state} plan={plan} selected={selected} onError={setEditError} onChanged={reload} /> : null}
      <TrainsPanel slug={slug} seq={state.seq} zone={zone} viewerZone={viewer} nowMs={now.getTime()} />
    </section>
  );
}

function Figure({ label, value, strong, tone, testId }: { label: string; value: string; strong?: boolean; tone?: 'ok' | 'late'; testId?: string }) {
  return (
    <div className={`plan-figure ${tone ?? ''} ${strong ? 'strong' : ''}`} data-testid={testId}>
      <span className="plan-figure-label">{label}</span>
      <span className="plan-figure-value">{value}</span>
    </div>
  );
}

function Legend() {
  return (
    <ul className="plan-legend" aria-label="Legend">
      <li>
        <span className="swatch planned" /> Planned
      </li>
      <li>
        <span className="swatch rehearsal" /> Rehearsal
      </li>
      <li>
        <span className="swatch actual" /> Actual
      </li>
      <li>
        <span className="swatch forecast" /> Forecast
      </li>
      <li>
        <span className="swatch critical" /> ◆ Critical path
      </li>
      <li>
        <span className="swatch window" /> Window
      </li>
      <li>
        <span className="swatch now" /> Now
      </li>
    </ul>
  );
}

import type { ReleaseState } from '../../../../contract/models';

/**
 * The forecast warnings in the release header: journaled by main the moment the plan's
 * forecast crosses the window's end or the point of no return, shown until it is back
 * inside. Read from the release state (no request): every client sees the same warning.
 */
export function PlanHeaderWarning({ state }: { state: ReleaseState }) {
  const open = state.plan.warnings.filter((warning) => warning.clearedAt === null);
  const latest = new Map(open.map((warning) => [warning.limit, warning]));
  if (latest.size === 0) return null;
  return (
    <div className="plan-header-warning" role="alert" data-testid="plan-drift-warning">
      {[...latest.values()].map((warning) => (
        <span key={warning.limit}>
          <strong>{warning.limit === 'window' ? 'Running late:' : 'Point of no return:'}</strong> {warning.message}
        </span>
      ))}
    </div>
  );
}

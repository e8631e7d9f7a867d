import type { RunState, StepRunState } from '../../../../contract/models';
import { ResolvedCommand } from './ResolvedCommand';
import { formatMs, STATUS_ICONS, STATUS_LABELS } from './run-format';

/** The steps of a run: state, attempts, duration, exit code, who decided what. */
export function RunSteps({ run, waitTick, dryRun }: { run: RunState; waitTick: { stepIndex: number; remainingMs: number } | null; dryRun: boolean }) {
  return (
    <ol className="run-steps" data-testid="run-steps">
      {run.steps.map((step, index) => (
        <li
          key={step.id}
          className={`run-step status-${step.status} ${run.currentStep === index ? 'current' : ''}`}
          data-testid={`run-step-${index + 1}`}
          data-status={step.status}
        >
          <span className="run-step-icon" aria-hidden="true">
            {STATUS_ICONS[step.status]}
          </span>
          <div className="run-step-body">
            <div className="run-step-title">
              <span className="run-step-number">{index + 1}.</span> {step.name}
              <span className="run-step-kind">{step.kind}</span>
            </div>
            <div className="run-step-facts">
              <span className={`run-step-status status-${step.status}`}>{STATUS_LABELS[step.status]}</span>
              {step.attempts > 1 ? <span>attempt {step.attempts}</span> : null}
              {step.durationMs !== undefined ? <span>{formatMs(step.durationMs)}</span> : null}
              {step.exitCode !== undefined && step.exitCode !== null ? (
                <span className={step.status === 'failed' ? 'exit-bad' : ''}>exit {step.exitCode}</span>
              ) : null}
              {step.httpStatus !== undefined ? <span>HTTP {step.httpStatus}</span> : null}
              {waitTick && waitTick.stepIndex === index && step.status === 'running' ? (
                <span className="countdown-small">{formatMs(waitTick.remainingMs)} left</span>
              ) : null}
            </div>
            {step.failure && step.status === 'failed' ? <div className="run-step-failure">{step.failure.message}</div> : null}
            {(dryRun || step.status === 'running') && step.description ? <ResolvedCommand description={step.description} /> : null}
            <StepRecords step={step} />
          </div>
        </li>
      ))}
    </ol>
  );
}

function StepRecords({ step }: { step: StepRunState }) {
  const lines: string[] = [];
  for (const decision of step.decisions) lines.push(`${decision.decision} by ${decision.by}${decision.reason ? `: ${decision.reason}` : ''}`);
  for (const approval of step.approvals)
    lines.push(`${approval.role} ${approval.approved ? 'approved' : 'refused'} by ${approval.by}${approval.note ? `: ${approval.note}` : ''}`);
  if (step.flag) {
    const state = (value: boolean | null) => (value === null ? 'unknown' : value ? 'on' : 'off');
    lines.push(`flag ${step.flag.name}: ${state(step.flag.before)} → ${state(step.flag.after)} (${step.flag.via}; ${step.flag.by})`);
  }
  if (step.confirmedBy && step.kind === 'manual') lines.push(`confirmed by ${step.confirmedBy}${step.note ? `: ${step.note}` : ''}`);
  else if (step.note && step.status === 'skipped' && step.decisions.length === 0) lines.push(step.note);
  if (lines.length === 0) return null;
  return (
    <ul className="run-step-records">
      {lines.map((line, index) => (
        <li key={index}>{line}</li>
      ))}
    </ul>
  );
}

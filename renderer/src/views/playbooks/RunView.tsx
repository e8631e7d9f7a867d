import { useState } from 'react';
import type { RunQuestion, RunState } from '../../../../contract/models';
import { runOutcomeText, skippedSteps } from '../../../../contract/run-outcome';
import { client } from '../../client/warroom-client';
import { AnsiOutput } from './AnsiOutput';
import { InterruptionPanel } from './InterruptionPanel';
import { QuestionPanel } from './QuestionPanel';
import { RunSteps } from './RunSteps';
import { formatMs, MODE_LABELS } from './run-format';
import { useEstimate, useRunOutput, useWaitTick } from './run-hooks';
import { formatTimeOfDay, viewerZone } from '../../format/time';

interface Props {
  readonly slug: string;
  readonly run: RunState;
  readonly question: RunQuestion | undefined;
  /** This app hosts the run right now (it can be aborted from here). */
  readonly hosted: boolean;
  readonly stateSeq: number;
}

/** One run: progress and ETA, what it waits for, its steps and its live output. */
export function RunView({ slug, run, question, hosted, stateSeq }: Props) {
  const output = useRunOutput(slug, run.id);
  const estimate = useEstimate(slug, run.id, stateSeq);
  const waitTick = useWaitTick(slug, run.id);
  const [abortError, setAbortError] = useState<string | null>(null);
  const [aborting, setAborting] = useState(false);
  const total = run.steps.length;
  // A step is behind us when it passed, was skipped, or failed and the run went on (on_failure: continue).
  const finished = run.steps.filter(
    (step) =>
      step.status === 'succeeded' ||
      step.status === 'skipped' ||
      (step.status === 'failed' && step.decisions.some((decision) => decision.decision === 'continue')),
  ).length;
  const open = run.status === 'running' || run.status === 'interrupted';
  const abort = () => {
    setAborting(true);
    setAbortError(null);
    client.call('run.abort', { slug, runId: run.id, reason: 'aborted from the run view' }).then(
      () => setAborting(false),
      (failure: Error) => {
        setAborting(false);
        setAbortError(failure.message);
      },
    );
  };
  return (
    <section className="run-view" aria-label={`Run of ${run.playbook.name}`} data-testid="run-view">
      <header className="run-header">
        <div className="run-title">
          <span className={`run-mode mode-${run.mode}`} data-testid="run-mode">
            {MODE_LABELS[run.mode]}
          </span>
          <h2>{run.playbook.name}</h2>
          <span className={`run-status status-${run.status} ${skippedSteps(run).length > 0 ? 'with-skips' : ''}`} data-testid="run-status">
            {question ? 'waiting for you' : runOutcomeText(run)}
          </span>
        </div>
        <div className="run-meta">
          started by {run.startedBy} at {formatTimeOfDay(run.startedAt, viewerZone())}
          {run.endedAt
            ? ` · ended ${formatTimeOfDay(run.endedAt, viewerZone())} after ${formatMs(Date.parse(run.endedAt) - Date.parse(run.startedAt))}`
            : ''} · {run.playbook.file}
          {run.finishReason ? ` · ${run.finishReason}` : ''}
        </div>
        <div className="run-progress-row">
          <div className="run-progress" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={finished} aria-label="Steps done">
            <div className="run-progress-fill" style={{ width: `${total === 0 ? 0 : (finished / total) * 100}%` }} />
          </div>
          <span className="run-progress-text" data-testid="run-progress">
            {finished} / {total} steps
          </span>
          {open ? (
            <span className="run-eta" data-testid="run-eta">
              {etaText(estimate)}
            </span>
          ) : null}
          {hosted && run.status === 'running' && question?.kind !== 'decision' ? (
            <button type="button" className="button danger" onClick={abort} disabled={aborting} data-testid="run-abort">
              {aborting ? 'Stopping…' : 'Abort run'}
            </button>
          ) : null}
        </div>
        {run.policyOverride ? (
          <p className="run-policy-override" data-testid="run-policy-override">
            Started against the release schedule ({run.policyOverride.findings.map((finding) => finding.rule.replaceAll('-', ' ')).join(', ')}) by{' '}
            {run.policyOverride.by}: {run.policyOverride.reason}
          </p>
        ) : null}
        {open && estimate?.warning ? (
          <p className="run-window-warning" role="alert" data-testid="run-window-warning">
            ⚠ {estimate.warning}
          </p>
        ) : null}
        {abortError ? <p className="form-error">{abortError}</p> : null}
      </header>
      {question ? <QuestionPanel slug={slug} question={question} /> : null}
      {run.status === 'interrupted' ? <InterruptionPanel slug={slug} run={run} /> : null}
      <div className="run-body">
        <RunSteps run={run} waitTick={waitTick} dryRun={run.mode === 'dry-run'} />
        <div className="run-output-panel">
          <div className="run-output-title">
            Output <span className="faint">(raw, as the commands printed it)</span>
          </div>
          <AnsiOutput document={output.document} version={output.version} truncated={output.truncated} label={`Output of ${run.playbook.name}`} />
        </div>
      </div>
    </section>
  );
}

function etaText(estimate: ReturnType<typeof useEstimate>): string {
  if (!estimate) return '';
  if (estimate.rehearsals === 0) return 'ETA: no rehearsal yet';
  const unknown = estimate.unknownSteps > 0 ? ` (+${estimate.unknownSteps} step${estimate.unknownSteps === 1 ? '' : 's'} never rehearsed)` : '';
  const left = estimate.remainingMs < 1000 ? 'under 1 s' : formatMs(estimate.remainingMs);
  return `ETA ${left} left${unknown}, from ${estimate.rehearsals === 1 ? 'one complete rehearsal' : `${estimate.rehearsals} complete rehearsals`}`;
}

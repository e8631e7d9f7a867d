import { useState } from 'react';
import type { RunState } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import { FormError } from '../../components/FormError';

/** "interrupted at step 3 (Restart), outcome unknown": what the journal says about a cut-off run. */
export function describeInterruption(run: RunState): string {
  const interruption = run.interruption;
  if (!interruption) return 'interrupted';
  const step = run.steps[interruption.stepIndex];
  const outcome = interruption.outcomeKnown ? (step?.status === 'failed' ? 'the step had failed' : 'the step had not started') : 'outcome unknown';
  return `interrupted at step ${interruption.stepIndex + 1}${step ? ` (${step.name})` : ''}, ${outcome}`;
}

/** After a crash: re-run the step, mark it done with a note, or abort the run. */
export function InterruptionPanel({ slug, run }: { slug: string; run: RunState }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stepNumber = (run.interruption?.stepIndex ?? 0) + 1;
  const resolve = (action: 'rerun' | 'mark-done' | 'abort') => {
    setBusy(true);
    setError(null);
    client.call('run.resolve-interruption', { slug, runId: run.id, action, ...(note.trim() ? { note: note.trim() } : {}) }).then(
      () => setBusy(false),
      (failure: Error) => {
        setBusy(false);
        setError(failure.message);
      },
    );
  };
  return (
    <section className="question question-interrupted" aria-label="The run was interrupted" data-testid="interruption-panel">
      <header>
        <span className="question-tag">The app stopped during this run</span>
        <h3 data-testid="interruption-text">{describeInterruption(run)}</h3>
        <p className="question-message">Check the target before you choose: the step may have done part or all of its work. Nobody can tell from here.</p>
      </header>
      <label className="interruption-note">
        Note (required to mark the step done: how do you know?)
        <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={2000} data-testid="interruption-note" />
      </label>
      <div className="choice-row">
        <button type="button" className="choice choice-retry" disabled={busy} onClick={() => resolve('rerun')} data-testid="interruption-rerun">
          <span className="choice-title">Re-run step {stepNumber}</span>
          <span className="choice-help">run it again from the start</span>
        </button>
        <button
          type="button"
          className="choice choice-skip"
          disabled={busy || note.trim() === ''}
          onClick={() => resolve('mark-done')}
          data-testid="interruption-mark-done"
        >
          <span className="choice-title">Mark done</span>
          <span className="choice-help">{note.trim() === '' ? 'write a note first' : 'continue with the next step'}</span>
        </button>
        <button type="button" className="choice choice-abort" disabled={busy} onClick={() => resolve('abort')} data-testid="interruption-abort">
          <span className="choice-title">Abort run</span>
          <span className="choice-help">later steps do not run</span>
        </button>
      </div>
      <FormError message={error} />
    </section>
  );
}

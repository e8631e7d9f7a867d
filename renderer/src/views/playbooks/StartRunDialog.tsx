import { useState, type FormEvent } from 'react';
import type { Playbook, RunMode } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';

interface Props {
  readonly slug: string;
  readonly file: string;
  readonly playbook: Playbook;
  /** The release's own mode: a rehearsal release suggests a rehearsal run. */
  readonly releaseMode: 'live' | 'rehearsal';
  readonly onClose: () => void;
  readonly onStarted: (runId: string) => void;
}

const MODES: readonly { value: RunMode; label: string; help: string }[] = [
  { value: 'dry-run', label: 'Dry run', help: 'show every command with its target and environment; nothing runs' },
  { value: 'rehearsal', label: 'Rehearsal', help: 'really run it, against the rehearsal targets' },
  { value: 'live', label: 'Live', help: 'run it for real against the release targets' },
];

/** Start a run: mode, the step to start at, the variables. */
export function StartRunDialog({ slug, file, playbook, releaseMode, onClose, onStarted }: Props) {
  const [mode, setMode] = useState<RunMode>(releaseMode === 'rehearsal' ? 'rehearsal' : 'dry-run');
  const [startAt, setStartAt] = useState(0);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(playbook.variables.map((variable) => [variable.name, variable.defaultValue ?? ''])),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const variables = playbook.variables
      .filter((variable) => values[variable.name] !== '' || variable.defaultValue !== undefined)
      .map((variable) => ({ name: variable.name, value: values[variable.name] ?? '' }));
    client.call('run.start', { slug, playbookFile: file, mode, startAt, variables }).then(
      (started) => onStarted(started.runId),
      (failure: Error) => {
        setBusy(false);
        setError(failure.message);
      },
    );
  };

  return (
    <Dialog title={`Run “${playbook.name}”`} onClose={onClose}>
      <form className="form start-run-form" onSubmit={submit} data-testid="start-run-form">
        <fieldset className="segmented">
          <legend>Mode</legend>
          {MODES.map((option) => (
            <label key={option.value} className={`${mode === option.value ? 'checked' : ''} ${option.value === 'live' ? 'mode-option-live' : ''}`}>
              <input
                type="radio"
                name="mode"
                value={option.value}
                checked={mode === option.value}
                onChange={() => setMode(option.value)}
                data-testid={`mode-${option.value}`}
              />
              {option.label}
            </label>
          ))}
        </fieldset>
        <p className="start-mode-help">{MODES.find((option) => option.value === mode)?.help}</p>
        <label>
          Start at step
          <select value={startAt} onChange={(event) => setStartAt(Number(event.target.value))} data-testid="start-step">
            {playbook.steps.map((step, index) => (
              <option key={step.id} value={index}>
                {index + 1}. {step.name}
              </option>
            ))}
          </select>
        </label>
        {playbook.variables.map((variable) => (
          <label key={variable.name}>
            <span>
              <code>{variable.name}</code> {variable.prompt ?? ''}
            </span>
            <input
              type={variable.secret ? 'password' : 'text'}
              value={values[variable.name] ?? ''}
              onChange={(event) => setValues({ ...values, [variable.name]: event.target.value })}
              placeholder={variable.defaultValue === undefined ? 'required' : ''}
              data-testid={`variable-${variable.name}`}
            />
          </label>
        ))}
        {mode === 'live' ? <p className="start-live-warning">A live run executes the commands against the real targets of this release.</p> : null}
        <FormError message={error} />
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={`button ${mode === 'live' ? 'danger' : 'primary'}`} disabled={busy} data-testid="start-run">
            {busy ? 'Starting…' : mode === 'dry-run' ? 'Start dry run' : mode === 'live' ? 'Start live run' : 'Start rehearsal'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

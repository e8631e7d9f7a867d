import { useEffect, useState, type FormEvent } from 'react';
import type { HeldFinding, Playbook, RunMode, RunPreflight } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { NeedsBanner } from './NeedsBanner';

interface Props {
  readonly slug: string;
  readonly file: string;
  readonly playbook: Playbook;
  /** The release's own mode: a rehearsal release suggests a rehearsal run. */
  readonly releaseMode: 'live' | 'rehearsal';
  readonly onClose: () => void;
  /** The release changed (the sandbox target was added): reload the playbooks. */
  readonly onChanged: () => void;
  readonly onStarted: (runId: string) => void;
}

/** The shortest written reason, as for every schedule override. */
const MIN_REASON = 10;

const RULE_LABELS: Record<string, string> = {
  'outside-window': 'Outside the window',
  blackout: 'Blackout',
  'friday-rule': 'Friday rule',
  'target-overlap': 'Another release',
};

const MODES: readonly { value: RunMode; label: string; help: string }[] = [
  { value: 'dry-run', label: 'Dry run', help: 'show every command with its target and environment; nothing runs' },
  { value: 'rehearsal', label: 'Rehearsal', help: 'really run it, against the rehearsal targets' },
  { value: 'live', label: 'Live', help: 'run it for real against the release targets' },
];

/** Start a run: mode, the step to start at, the variables. */
export function StartRunDialog({ slug, file, playbook, releaseMode, onClose, onChanged, onStarted }: Props) {
  const [mode, setMode] = useState<RunMode>(releaseMode === 'rehearsal' ? 'rehearsal' : 'dry-run');
  const [startAt, setStartAt] = useState(0);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(playbook.variables.map((variable) => [variable.name, variable.defaultValue ?? ''])),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preflight, setPreflight] = useState<RunPreflight | null>(null);
  const [checked, setChecked] = useState(0);
  const [reason, setReason] = useState('');

  // What holds this run in this mode now: what the playbook needs, and the schedule for a live run.
  useEffect(() => {
    let cancelled = false;
    setPreflight(null);
    client.call('run.preflight', { slug, playbookFile: file, mode }).then(
      (result) => !cancelled && setPreflight(result),
      (failure: Error) => !cancelled && setError(failure.message),
    );
    return () => {
      cancelled = true;
    };
  }, [slug, file, mode, checked]);

  const held = preflight?.held ?? [];
  const needs = preflight?.needs ?? [];
  const reasonShort = held.length > 0 && reason.trim().length < MIN_REASON;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const variables = playbook.variables
      .filter((variable) => values[variable.name] !== '' || variable.defaultValue !== undefined)
      .map((variable) => ({ name: variable.name, value: values[variable.name] ?? '' }));
    const override = held.length > 0 ? { override: { reason: reason.trim() } } : {};
    client.call('run.start', { slug, playbookFile: file, mode, startAt, variables, ...override }).then(
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
        <NeedsBanner
          slug={slug}
          needs={needs}
          onFixed={() => {
            setChecked((value) => value + 1);
            onChanged();
          }}
        />
        {held.length > 0 ? (
          <PolicyOverride held={held} overridden={preflight?.overridden ?? []} reason={reason} onReason={setReason} short={reasonShort} />
        ) : null}
        <FormError message={error} />
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className={`button ${mode === 'live' ? 'danger' : 'primary'}`}
            disabled={busy || preflight === null || needs.length > 0 || reasonShort}
            data-testid="start-run"
          >
            {busy
              ? 'Starting…'
              : mode === 'dry-run'
                ? 'Start dry run'
                : mode === 'live'
                  ? held.length > 0
                    ? 'Override and start live run'
                    : 'Start live run'
                  : 'Start rehearsal'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The schedule findings that hold a live run now, and the written reason that overrides them (journaled). */
function PolicyOverride(props: {
  held: readonly HeldFinding[];
  overridden: readonly HeldFinding[];
  reason: string;
  onReason: (reason: string) => void;
  short: boolean;
}) {
  return (
    <section className="start-override" aria-label="The release schedule holds this live run" data-testid="start-override">
      <h3>The release schedule holds this live run</h3>
      <ul className="start-override-findings" data-testid="start-override-findings">
        {props.held.map((finding) => (
          <li key={finding.id} data-rule={finding.rule}>
            <span className="start-override-rule">{RULE_LABELS[finding.rule] ?? finding.rule}</span>
            <span>{finding.message}</span>
          </li>
        ))}
      </ul>
      {props.overridden.length > 0 ? (
        <p className="faint">
          Already overridden: {props.overridden.map((finding) => `${RULE_LABELS[finding.rule] ?? finding.rule} (${finding.override?.reason ?? ''})`).join('; ')}
        </p>
      ) : null}
      <label>
        Why must it run now? Your reason and your name are journaled with the run, as an override at the go/no-go.
        <textarea
          value={props.reason}
          onChange={(event) => props.onReason(event.target.value)}
          rows={3}
          maxLength={2000}
          placeholder="e.g. payment outage since 09:40; the rollback cannot wait for the window"
          data-testid="override-reason"
        />
      </label>
      {props.short ? <span className="faint">At least {MIN_REASON} characters.</span> : null}
    </section>
  );
}

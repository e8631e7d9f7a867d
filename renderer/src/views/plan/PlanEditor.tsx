import { memo, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { PlanRow, PlanView, PlaybookListing, ReleaseState, RunComparison } from '../../../../contract/models';
import { formatPlanDuration } from '../../../../contract/gantt-layout';
import { client } from '../../client/warroom-client';

interface Props {
  readonly slug: string;
  readonly state: ReleaseState;
  readonly plan: PlanView;
  readonly selected: PlanRow | null;
  readonly onError: (message: string | null) => void;
  readonly onChanged: () => void;
}

/**
 * Edit the plan: the selected row's duration and what it waits for, items and playbooks to
 * add, rehearsals to learn from. Memoised: the view's clock ticks every second and a
 * 2,000-row plan's candidate lists need not be rebuilt for it.
 */
export const PlanEditor = memo(function PlanEditor({ slug, state, plan, selected, onError, onChanged }: Props) {
  const call = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        onError(null);
        onChanged();
      },
      (failure: Error) => onError(failure.message),
    );
  return (
    <div className="plan-editor">
      {selected ? (
        <RowEditor key={`${selected.id}:${selected.plannedMs}:${selected.dependsOn.join(',')}`} slug={slug} plan={plan} row={selected} call={call} />
      ) : (
        <p className="plan-hint">Select a row to edit it.</p>
      )}
      <AddToPlan slug={slug} state={state} plan={plan} call={call} />
      <Rehearsals slug={slug} state={state} call={call} onError={onError} />
    </div>
  );
});

type Call = (promise: Promise<unknown>) => Promise<void>;

function RowEditor({ slug, plan, row, call }: { slug: string; plan: PlanView; row: PlanRow; call: Call }) {
  const nodeId = row.id;
  const [duration, setDuration] = useState(row.plannedMs === null ? '' : durationText(row.plannedMs));
  const editableDeps = row.kind === 'item' ? row.dependsOn : row.dependsOn.filter((id) => !id.startsWith(`step:${row.id.slice(5).split('#')[0]}#`));
  const [dependsOn, setDependsOn] = useState<string[]>(editableDeps.map(asPlaybookRef(plan)));
  const candidates = candidatesFor(plan, row);
  const save = (event: FormEvent) => {
    event.preventDefault();
    void call(
      client
        .call('plan.set-duration', { slug, nodeId, duration: duration.trim() === '' ? null : duration.trim() })
        .then(() => client.call('plan.set-dependencies', { slug, nodeId, dependsOn })),
    );
  };
  return (
    <form className="plan-panel" onSubmit={save} aria-label={`Edit ${row.label}`}>
      <h3>{row.label}</h3>
      <p className="plan-hint">
        {row.group} · planned {formatPlanDuration(row.plannedMs)} · rehearsed {formatPlanDuration(row.rehearsedMs)} · actual {formatPlanDuration(row.actualMs)}{' '}
        · {row.critical ? 'on the critical path' : `slack ${formatPlanDuration(row.slackMs)}`}
      </p>
      <label>
        Planned duration
        <input value={duration} onChange={(event) => setDuration(event.target.value)} placeholder="45m, 1h30m" data-testid="plan-duration" />
      </label>
      <label>
        Waits for
        <select
          multiple
          value={dependsOn}
          onChange={(event) => setDependsOn([...event.target.selectedOptions].map((option) => option.value))}
          size={Math.min(8, Math.max(3, candidates.length))}
          data-testid="plan-depends-on"
        >
          {candidates.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary">
        Save
      </button>
    </form>
  );
}

/** Other nodes the row may wait for: items, and whole playbooks (a playbook is waited for as its last step). */
function candidatesFor(plan: PlanView, row: PlanRow): { id: string; label: string }[] {
  const playbooks = new Map<string, string>();
  const items: { id: string; label: string }[] = [];
  for (const other of plan.rows) {
    if (other.kind === 'step') {
      const file = other.id.slice('step:'.length).split('#')[0]!;
      if (!row.id.startsWith(`step:${file}#`)) playbooks.set(`playbook:${file}`, `Playbook: ${other.group}`);
    } else if (other.id !== row.id) items.push({ id: other.id, label: `${other.label} (${other.group})` });
  }
  return [...[...playbooks].map(([id, label]) => ({ id, label })), ...items];
}

/** A dependency on a playbook's last step is shown as the playbook. */
function asPlaybookRef(plan: PlanView): (id: string) => string {
  const lastSteps = new Map<string, string>();
  for (const row of plan.rows) if (row.kind === 'step') lastSteps.set(row.id.slice('step:'.length).split('#')[0]!, row.id);
  return (id) => {
    if (!id.startsWith('step:')) return id;
    const file = id.slice('step:'.length).split('#')[0]!;
    return lastSteps.get(file) === id ? `playbook:${file}` : id;
  };
}

function AddToPlan({ slug, state, plan, call }: { slug: string; state: ReleaseState; plan: PlanView; call: Call }) {
  const inPlan = new Set(plan.rows.map((row) => row.id));
  const items = state.checklist.phases.flatMap((phase) =>
    phase.itemIds.filter((id) => !inPlan.has(`item:${id}`)).map((id) => ({ id, label: `${state.checklist.items[id]?.title ?? id} (${phase.title})` })),
  );
  const [itemId, setItemId] = useState('');
  const [duration, setDuration] = useState('15m');
  const [playbooks, setPlaybooks] = useState<readonly PlaybookListing[]>([]);
  const [playbookFile, setPlaybookFile] = useState('');
  useEffect(() => {
    client.call('playbook.list', { slug }).then(setPlaybooks, () => setPlaybooks([]));
  }, [slug]);
  const planned = new Set(plan.rows.filter((row) => row.kind === 'step').map((row) => row.id.slice('step:'.length).split('#')[0]));
  const available = playbooks.filter((listing) => listing.playbook !== null && !planned.has(listing.file));
  return (
    <div className="plan-panel">
      <h3>Add to the plan</h3>
      <form
        className="plan-inline"
        onSubmit={(event) => {
          event.preventDefault();
          if (itemId) void call(client.call('plan.set-duration', { slug, nodeId: `item:${itemId}`, duration }));
        }}
      >
        <select value={itemId} onChange={(event) => setItemId(event.target.value)} aria-label="Checklist item to plan">
          <option value="">Checklist item…</option>
          {items.map((item) => (
            <option key={item.id} value={item.id}>
              {item.label}
            </option>
          ))}
        </select>
        <input value={duration} onChange={(event) => setDuration(event.target.value)} aria-label="Its planned duration" size={7} />
        <button type="submit" disabled={!itemId}>
          Add item
        </button>
      </form>
      <form
        className="plan-inline"
        onSubmit={(event) => {
          event.preventDefault();
          if (playbookFile) void call(client.call('plan.add-playbook', { slug, playbookFile }));
        }}
      >
        <select value={playbookFile} onChange={(event) => setPlaybookFile(event.target.value)} aria-label="Playbook to plan" data-testid="plan-add-playbook">
          <option value="">Playbook…</option>
          {available.map((listing) => (
            <option key={listing.file} value={listing.file}>
              {listing.playbook?.name ?? listing.file}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!playbookFile}>
          Add playbook
        </button>
      </form>
    </div>
  );
}

/** Compare two runs of a playbook, and adopt a rehearsal's durations as the plan after reviewing them. */
function Rehearsals({ slug, state, call, onError }: { slug: string; state: ReleaseState; call: Call; onError: (message: string | null) => void }) {
  const runs = state.runs.runs.filter((run) => run.mode !== 'dry-run' && run.status !== 'running');
  const [base, setBase] = useState('');
  const [other, setOther] = useState('');
  const [comparison, setComparison] = useState<RunComparison | null>(null);
  const [reviewing, setReviewing] = useState(false);
  if (runs.length === 0) return null;
  const label = (run: (typeof runs)[number]) => `${run.playbook.name} · ${run.mode} · ${run.startedAt.slice(0, 16).replace('T', ' ')} UTC (${run.status})`;
  const compare = (event: FormEvent) => {
    event.preventDefault();
    client.call('plan.compare-runs', { slug, baseRunId: base, otherRunId: other }).then(
      (result) => {
        setComparison(result);
        onError(null);
      },
      (failure: Error) => onError(failure.message),
    );
  };
  const baseRun = runs.find((run) => run.id === base);
  return (
    <div className="plan-panel">
      <h3>Rehearsals</h3>
      <form className="plan-inline" onSubmit={compare}>
        <select value={base} onChange={(event) => setBase(event.target.value)} aria-label="First run">
          <option value="">First run…</option>
          {runs.map((run) => (
            <option key={run.id} value={run.id}>
              {label(run)}
            </option>
          ))}
        </select>
        <select value={other} onChange={(event) => setOther(event.target.value)} aria-label="Second run">
          <option value="">Second run…</option>
          {runs.map((run) => (
            <option key={run.id} value={run.id}>
              {label(run)}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!base || !other}>
          Compare
        </button>
      </form>
      {comparison ? (
        <table className="plan-compare" data-testid="plan-compare">
          <caption>
            {formatPlanDuration(comparison.base.totalMs)} ({comparison.base.mode}) vs {formatPlanDuration(comparison.other.totalMs)} ({comparison.other.mode})
          </caption>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">First</th>
              <th scope="col">Second</th>
              <th scope="col">Delta</th>
            </tr>
          </thead>
          <tbody>
            {comparison.steps.map((step) => (
              <tr key={step.stepId} className={(step.deltaMs ?? 0) > 0 ? 'slipped' : ''}>
                <th scope="row">{step.name}</th>
                <td>{formatPlanDuration(step.baseMs)}</td>
                <td>{formatPlanDuration(step.otherMs)}</td>
                <td>{step.deltaMs === null ? '—' : `${step.deltaMs > 0 ? '+' : ''}${formatPlanDuration(step.deltaMs)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {baseRun?.mode === 'rehearsal' && baseRun.status === 'succeeded' ? (
        reviewing ? (
          <div className="plan-inline" role="group" aria-label="Review">
            <span>
              Plan every step of {baseRun.playbook.name} at this rehearsal&apos;s durations (
              {formatPlanDuration(baseRun.steps.reduce((sum, step) => sum + (step.durationMs ?? 0), 0))} in all)? The change is journaled.
            </span>
            <button
              type="button"
              className="primary"
              onClick={() => void call(client.call('plan.adopt-rehearsal', { slug, runId: baseRun.id })).then(() => setReviewing(false))}
            >
              Adopt
            </button>
            <button type="button" onClick={() => setReviewing(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <button type="button" onClick={() => setReviewing(true)}>
            Use the first run&apos;s durations as the plan…
          </button>
        )
      ) : null}
    </div>
  );
}

function durationText(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].join('') || (ms > 0 ? `${ms}ms` : '0s');
}

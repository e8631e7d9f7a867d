import { useEffect, useState, type FormEvent } from 'react';
import type { Bake } from '../../../../contract/domain/telemetry/bake-model';
import type { ReleaseState } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';

const STATUS_LABEL: Readonly<Record<Bake['status'], string>> = {
  baking: 'BAKING',
  verified: 'VERIFIED',
  failed: 'FAILED',
  inconclusive: 'INCONCLUSIVE',
  stopped: 'stopped',
};

/** mm:ss (h:mm:ss above an hour) left until `end`. */
function countdown(end: number, now: number): string {
  const left = Math.max(0, Math.ceil((end - now) / 1000));
  const hours = Math.floor(left / 3600);
  const minutes = Math.floor((left % 3600) / 60);
  const seconds = String(left % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [active]);
  return now;
}

function shown(values: readonly number[] | null): string {
  return values === null || values.length === 0 ? '—' : values.map((value) => Number(value.toPrecision(3)).toString()).join(', ');
}

/**
 * Verification after go-live: start a bake on the poll's metric gates, watch its countdown
 * and each gate's latest reading, and see (and, when inconclusive, decide) its verdict.
 */
export function BakePanel({ slug, state }: { slug: string; state: ReleaseState }) {
  const bakes = state.bake?.bakes ?? [];
  const bake = bakes[bakes.length - 1];
  const baking = bake?.status === 'baking';
  const now = useNow(baking);
  const [starting, setStarting] = useState(false);
  const [deciding, setDeciding] = useState<'accept' | 'fail' | 'stop' | null>(null);
  const metered = state.poll.criteria.filter((criterion) => criterion.metric);

  return (
    <section
      className={`bake-panel bake-${bake?.status ?? 'none'}`}
      aria-label="Verification after go-live"
      data-testid="bake-panel"
      data-status={bake?.status ?? 'none'}
    >
      <h3>
        Verification after go-live
        {bake ? (
          <span
            className={`verdict verdict-${bake.status === 'verified' ? 'successful' : bake.status === 'baking' ? 'pending' : bake.status}`}
            data-testid="bake-status"
          >
            {STATUS_LABEL[bake.status]}
          </span>
        ) : null}
      </h3>
      {!bake ? (
        <p className="faint">
          Not verified yet: after the deployment, bake it: the metric gates of the go/no-go poll are watched for the period; the release is verified only when
          they pass to the end.
        </p>
      ) : null}
      {bake && baking ? (
        <div className="bake-row">
          <span className="bake-countdown" data-testid="bake-countdown" aria-live="off">
            {countdown(Date.parse(bake.endsAt), now)}
          </span>
          <span className="faint">
            left of {bake.durationMs < 60_000 ? `${Math.round(bake.durationMs / 1000)} s` : `${Math.round(bake.durationMs / 60_000)} min`} · a round every{' '}
            {bake.intervalMs / 1000} s · {bake.rounds.length} round
            {bake.rounds.length === 1 ? '' : 's'} so far
          </span>
          <button type="button" className="button secondary" onClick={() => setDeciding('stop')} data-testid="bake-stop">
            Stop…
          </button>
        </div>
      ) : null}
      {bake && !baking ? (
        <p data-testid="bake-message">
          {bake.id} {bake.status} {bake.endedAt ? `at ${new Date(bake.endedAt).toLocaleTimeString()}` : ''}: {bake.message}
          {bake.incidentId ? ` · incident ${bake.incidentId} opened with the evidence` : ''}
          {bake.decidedBy && bake.status !== 'stopped'
            ? ` · ${bake.status === 'verified' ? 'accepted' : 'judged failed'} by ${bake.decidedBy}: ${bake.reason}`
            : ''}
        </p>
      ) : null}
      {bake ? (
        <ul className="bake-readings" aria-label="Latest readings">
          {bake.gates.map((gate) => {
            const reading = [...bake.rounds].reverse().flatMap((round) => round.readings.filter((entry) => entry.criterionId === gate.id))[0];
            return (
              <li key={gate.id} data-testid="bake-gate" data-phase={reading?.phase ?? 'pending'}>
                <span className={`verdict verdict-${reading?.phase ?? 'pending'}`}>{reading ? reading.phase : 'waiting'}</span> {gate.title}:{' '}
                <code>{reading ? shown(reading.values) : '—'}</code>
                {reading?.threshold !== null && reading?.threshold !== undefined ? (
                  <span className="faint"> (threshold {shown([reading.threshold])})</span>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {bake?.status === 'inconclusive' ? (
        <div className="bake-row">
          <span className="faint">Never verified on its own: a person decides.</span>
          <button type="button" className="button" onClick={() => setDeciding('accept')} data-testid="bake-accept">
            Accept with a reason…
          </button>
          <button type="button" className="button danger" onClick={() => setDeciding('fail')} data-testid="bake-fail">
            Judge failed…
          </button>
        </div>
      ) : null}
      {!baking ? (
        metered.length === 0 ? (
          <p className="faint">Add metric gates to the go/no-go criteria (Checklist, Participants &amp; criteria) to bake on them.</p>
        ) : starting ? (
          <BakeForm slug={slug} gates={metered.map((criterion) => ({ id: criterion.id, title: criterion.title }))} onDone={() => setStarting(false)} />
        ) : (
          <div>
            <button type="button" className="button primary" onClick={() => setStarting(true)} data-testid="bake-open">
              {bake ? 'Bake again…' : 'Start the bake…'}
            </button>
          </div>
        )
      ) : null}
      {deciding && bake ? <BakeDecision slug={slug} bake={bake} action={deciding} onClose={() => setDeciding(null)} /> : null}
    </section>
  );
}

function BakeForm({ slug, gates, onDone }: { slug: string; gates: readonly { id: string; title: string }[]; onDone: () => void }) {
  const [minutes, setMinutes] = useState('30');
  const [interval, setIntervalSeconds] = useState('30');
  const [chosen, setChosen] = useState<readonly string[]>(gates.map((gate) => gate.id));
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const durationMs = Math.round(Number(minutes) * 60_000);
    const intervalMs = Math.round(Number(interval) * 1000);
    client
      .call('telemetry.bake.start', { slug, durationMs, intervalMs, criterionIds: [...chosen] })
      .then(onDone, (failure: Error) => setError(failure.message));
  };
  return (
    <form className="bake-form" onSubmit={submit} data-testid="bake-form">
      <label>
        Minutes
        <input type="number" min="0.05" step="any" value={minutes} onChange={(event) => setMinutes(event.target.value)} data-testid="bake-minutes" />
      </label>
      <label>
        Every (s)
        <input type="number" min="1" step="1" value={interval} onChange={(event) => setIntervalSeconds(event.target.value)} data-testid="bake-interval" />
      </label>
      <fieldset className="bake-gates">
        <legend className="faint">Gates to watch</legend>
        {gates.map((gate) => (
          <label key={gate.id}>
            <input
              type="checkbox"
              checked={chosen.includes(gate.id)}
              onChange={(event) => setChosen(event.target.checked ? [...chosen, gate.id] : chosen.filter((id) => id !== gate.id))}
            />
            {gate.title}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button primary" disabled={chosen.length === 0} data-testid="bake-start">
        Start the bake
      </button>
      <button type="button" className="button secondary" onClick={onDone}>
        Cancel
      </button>
      <FormError message={error} testId="bake-error" />
    </form>
  );
}

function BakeDecision({ slug, bake, action, onClose }: { slug: string; bake: Bake; action: 'accept' | 'fail' | 'stop'; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const title = action === 'accept' ? 'Accept the inconclusive bake' : action === 'fail' ? 'Judge the bake failed' : 'Stop the bake';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const done =
      action === 'stop'
        ? client.call('telemetry.bake.stop', { slug, reason })
        : client.call('telemetry.bake.decide', { slug, bakeId: bake.id, decision: action, reason });
    done.then(onClose, (failure: Error) => setError(failure.message));
  };
  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit} className="remedy-form">
        <p className="faint">
          {action === 'accept'
            ? 'The release is marked verified with your reason, shown in the report.'
            : action === 'fail'
              ? 'An incident opens with the last readings as evidence.'
              : 'The release stays unverified.'}
        </p>
        <label>
          Why?
          <textarea value={reason} onChange={(event) => setReason(event.target.value)} rows={3} maxLength={1000} autoFocus data-testid="bake-reason" />
        </label>
        <FormError message={error} />
        <div className="dialog-actions">
          <button type="submit" className="button primary" disabled={reason.trim().length < 3} data-testid="bake-decision-confirm">
            {title}
          </button>
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

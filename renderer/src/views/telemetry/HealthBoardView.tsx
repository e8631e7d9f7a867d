import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { REMEDIES, healthBoard, type BoardGate, type RemedyId } from '../../../../contract/health-board';
import { client } from '../../client/warroom-client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import type { ViewProps } from '../view-props';
import { GateChart } from './GateChart';
import { BakePanel } from './BakePanel';
import '../../styles/health.css';

const VERDICT_LABEL: Readonly<Record<BoardGate['verdict'], string>> = {
  successful: 'passing',
  failed: 'FAILED',
  inconclusive: 'INCONCLUSIVE',
  accepted: 'accepted',
  error: 'no data',
  pending: 'waiting',
};

function format(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return Math.abs(value) >= 100 ? value.toFixed(0) : Number(value.toPrecision(3)).toString();
}

function time(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/**
 * The health board: every metric gate of the release with its chart (value, baseline,
 * threshold, and go-live / canary / rollback / incident / remedy markers on a shared time
 * axis), latest value and verdict, its measurement history, and the three remedies.
 */
export function HealthBoardView({ slug, state }: ViewProps) {
  const board = useMemo(() => healthBoard(state), [state]);
  const [remedy, setRemedy] = useState<RemedyId | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const grid = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(560);
  useEffect(() => {
    const element = grid.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(() => {
      const columns = element.clientWidth > 1100 ? 2 : 1;
      setWidth(Math.max(320, Math.floor(element.clientWidth / columns) - 40));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const failing = board.gates.filter((gate) => gate.verdict === 'failed').length;
  const inconclusive = board.gates.filter((gate) => gate.verdict === 'inconclusive').length;

  return (
    <section className="view health-board" aria-label="Health board" data-testid="health-board">
      <header className="health-header">
        <div>
          <h2>Health board</h2>
          <p className="faint">
            {board.gates.length === 0
              ? 'No metric gates yet: run a playbook with analysis steps (the demo canary, for one).'
              : `${board.gates.length} gate${board.gates.length === 1 ? '' : 's'} · ${failing} failed · ${inconclusive} inconclusive`}
          </p>
        </div>
        <div className="remedy-actions" role="group" aria-label="Remedies">
          {REMEDIES.map((entry) => (
            <button
              key={entry.id}
              type="button"
              className={`button remedy remedy-${entry.id}`}
              onClick={() => setRemedy(entry.id)}
              title={entry.help}
              data-testid={`remedy-${entry.id}`}
            >
              {entry.label}
            </button>
          ))}
        </div>
      </header>
      <BakePanel slug={slug} state={state} />
      {message ? (
        <p className="health-message" role="status" data-testid="remedy-message">
          {message}
        </p>
      ) : null}
      {board.remedies.length > 0 ? (
        <ul className="remedy-log" aria-label="Remedies chosen" data-testid="remedy-log">
          {board.remedies.map((entry) => (
            <li key={`${entry.at}-${entry.text}`}>
              <time>{time(entry.at)}</time> <strong>{entry.by}</strong>: {entry.text}
            </li>
          ))}
        </ul>
      ) : null}
      <div ref={grid} className="gate-grid">
        {board.window
          ? board.gates.map((gate) => (
              <article key={gate.key} className={`gate-card verdict-${gate.verdict}`} data-testid="gate-card" data-verdict={gate.verdict}>
                <header>
                  <h3>{gate.name}</h3>
                  <span className={`verdict verdict-${gate.verdict}`} data-testid="gate-verdict">
                    {VERDICT_LABEL[gate.verdict]}
                  </span>
                </header>
                <p className="gate-latest">
                  <span className="gate-value" data-testid="gate-value">
                    {format(gate.latest?.value)}
                  </span>
                  <span className="faint">
                    {' '}
                    baseline {format(gate.latest?.baseline)} · threshold {format(gate.latest?.threshold)}
                  </span>
                </p>
                <GateChart gate={gate} markers={board.markers} window={board.window!} width={width} />
                <p className="gate-query">
                  <code>{gate.query}</code>
                  <span className="faint"> · {gate.source}</span>
                </p>
                {gate.message ? <p className="gate-message">{gate.message}</p> : null}
                <GateHistory gate={gate} />
              </article>
            ))
          : null}
      </div>
      {board.markers.length > 0 ? (
        <ul className="marker-legend" aria-label="Moments on the time axis">
          {board.markers.map((marker, index) => (
            <li key={index} className={`marker marker-${marker.kind}`}>
              <time>{time(marker.at)}</time> {marker.label}
            </li>
          ))}
        </ul>
      ) : null}
      {remedy ? (
        <RemedyDialog
          slug={slug}
          remedy={remedy}
          onClose={() => setRemedy(null)}
          onDone={(text) => {
            setRemedy(null);
            setMessage(text);
          }}
        />
      ) : null}
    </section>
  );
}

function RemedyDialog({ slug, remedy, onClose, onDone }: { slug: string; remedy: RemedyId; onClose: () => void; onDone: (text: string) => void }) {
  const entry = REMEDIES.find((candidate) => candidate.id === remedy)!;
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    client.call('telemetry.remedy', { slug, remedy, reason: reason.trim() }).then(
      (result) => onDone(`Journaled: ${result.note}`),
      (failure: Error) => {
        setBusy(false);
        setError(failure.message);
      },
    );
  };
  return (
    <Dialog title={entry.label} onClose={onClose}>
      <form onSubmit={submit} className="remedy-form">
        <p className="faint">{entry.help}. The reason goes into the journal and the report.</p>
        <label>
          Why this remedy?
          <textarea value={reason} onChange={(event) => setReason(event.target.value)} maxLength={1000} rows={3} autoFocus data-testid="remedy-reason" />
        </label>
        <FormError message={error} />
        <div className="dialog-actions">
          <button type="submit" className="button primary" disabled={busy || reason.trim().length < 3} data-testid="remedy-confirm">
            {entry.label}
          </button>
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A gate's measurements, listed only when opened: 8 hours at 15 s is 1,920 rows per gate, too many to build unseen. */
function GateHistory({ gate }: { gate: BoardGate }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="gate-history" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{gate.points.length} measurements</summary>
      {open ? (
        <ol>
          {gate.points.map((point, index) => (
            <li key={index} className={`phase-${point.phase}`}>
              <time>{time(point.at)}</time> {format(point.value)} (baseline {format(point.baseline)}): {point.phase}
            </li>
          ))}
        </ol>
      ) : null}
    </details>
  );
}

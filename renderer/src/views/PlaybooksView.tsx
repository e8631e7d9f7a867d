import { useEffect, useState } from 'react';
import type { RunState } from '../../../contract/models';
import type { ViewProps } from './view-props';
import { ImportPlaybookDialog } from './playbooks/ImportPlaybookDialog';
import { PlaybookDetail } from './playbooks/PlaybookDetail';
import { RunView } from './playbooks/RunView';
import { StartRunDialog } from './playbooks/StartRunDialog';
import { describeInterruption } from './playbooks/InterruptionPanel';
import { runOutcomeText, skippedSteps } from '../../../contract/run-outcome';
import { MODE_LABELS } from './playbooks/run-format';
import { usePlaybooks, useQuestions } from './playbooks/run-hooks';
import '../styles/playbooks.css';
import { formatInstant, viewerZone } from '../format/time';

type Selection = { readonly kind: 'playbook'; readonly file: string } | { readonly kind: 'run'; readonly runId: string } | null;

/** The playbooks of the release, their runs, and the run in progress. */
export function PlaybooksView({ slug, meta, state }: ViewProps) {
  const [version, setVersion] = useState(0);
  const { playbooks, error } = usePlaybooks(slug, version);
  const { questions, hosted } = useQuestions(slug);
  const [selection, setSelection] = useState<Selection>(null);
  const [starting, setStarting] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const runs = [...state.runs.runs].reverse();

  // Open on what needs attention: a run waiting for someone, an interrupted run, else the newest run.
  useEffect(() => {
    if (selection !== null) return;
    const urgent = runs.find((run) => questions.has(run.id) || run.status === 'interrupted' || run.status === 'running');
    if (urgent) setSelection({ kind: 'run', runId: urgent.id });
    else if (playbooks && playbooks.length > 0)
      setSelection({ kind: 'playbook', file: playbooks.find((listing) => listing.file.includes('rollback'))?.file ?? playbooks[0]!.file });
  }, [selection, runs, questions, playbooks]);

  const selectedRun = selection?.kind === 'run' ? state.runs.runs.find((run) => run.id === selection.runId) : undefined;
  const selectedPlaybook = selection?.kind === 'playbook' ? playbooks?.find((listing) => listing.file === selection.file) : undefined;
  const startListing = starting ? playbooks?.find((listing) => listing.file === starting) : undefined;

  return (
    <section className="view playbooks-view" aria-label="Playbooks">
      <aside className="playbooks-side">
        <div className="side-title-row">
          <h2 className="side-title">Playbooks</h2>
          <button type="button" className="button secondary small" onClick={() => setImporting(true)} data-testid="playbook-import">
            Import…
          </button>
        </div>
        {error ? <p className="form-error">{error}</p> : null}
        {playbooks === null ? <p className="empty">Loading…</p> : playbooks.length === 0 ? <p className="empty">No playbooks in this release yet.</p> : null}
        <ul className="playbook-list" data-testid="playbook-list">
          {(playbooks ?? []).map((listing) => (
            <li key={listing.file}>
              <button
                type="button"
                className={`side-item ${selection?.kind === 'playbook' && selection.file === listing.file ? 'selected' : ''} ${listing.error ? 'invalid' : ''}`}
                onClick={() => setSelection({ kind: 'playbook', file: listing.file })}
                data-testid={`playbook-${listing.file}`}
              >
                <span className="side-item-name">{listing.playbook?.name ?? listing.file}</span>
                <span className="side-item-meta">
                  {listing.error ? <span className="invalid-badge">does not validate</span> : `${listing.playbook?.steps.length ?? 0} steps`}
                  {listing.playbook && listing.playbook.warnings.length > 0 ? (
                    <span className="warning-badge">
                      {' '}
                      · {listing.playbook.warnings.length} warning{listing.playbook.warnings.length === 1 ? '' : 's'}
                    </span>
                  ) : null}{' '}
                  · {listing.file}
                </span>
                {listing.error ? <span className="side-item-error">{firstProblem(listing.error.message)}</span> : null}
              </button>
            </li>
          ))}
        </ul>
        <h2 className="side-title">Runs</h2>
        {runs.length === 0 ? <p className="empty">No runs yet. A dry run shows every command without running it.</p> : null}
        <ul className="run-list" data-testid="run-list">
          {runs.map((run) => (
            <li key={run.id}>
              <button
                type="button"
                className={`side-item ${selectedRun?.id === run.id ? 'selected' : ''}`}
                onClick={() => setSelection({ kind: 'run', runId: run.id })}
                data-testid={`run-${run.id}`}
              >
                <span className="side-item-name">
                  <span className={`run-mode small mode-${run.mode}`}>{MODE_LABELS[run.mode]}</span> {run.playbook.name}
                </span>
                <span className="side-item-meta">
                  <span className={`run-outcome status-${run.status} ${skippedSteps(run).length > 0 ? 'with-skips' : ''}`}>
                    {outcome(run, questions.has(run.id))}
                  </span>{' '}
                  · {formatInstant(run.startedAt, viewerZone())}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <div className="playbooks-main">
        {selectedRun ? (
          <RunView slug={slug} run={selectedRun} question={questions.get(selectedRun.id)} hosted={hosted.has(selectedRun.id)} stateSeq={state.seq} />
        ) : selectedPlaybook ? (
          <PlaybookDetail
            slug={slug}
            listing={selectedPlaybook}
            onStart={() => setStarting(selectedPlaybook.file)}
            onChanged={() => setVersion((value) => value + 1)}
          />
        ) : (
          <p className="empty">Choose a playbook or a run.</p>
        )}
      </div>
      {startListing?.playbook ? (
        <StartRunDialog
          slug={slug}
          file={startListing.file}
          playbook={startListing.playbook}
          releaseMode={meta.mode}
          onClose={() => setStarting(null)}
          onChanged={() => setVersion((value) => value + 1)}
          onStarted={(runId) => {
            setStarting(null);
            setSelection({ kind: 'run', runId });
          }}
        />
      ) : null}
      {importing ? (
        <ImportPlaybookDialog
          slug={slug}
          onClose={() => setImporting(false)}
          onImported={(listing) => {
            setImporting(false);
            setVersion((value) => value + 1);
            setSelection({ kind: 'playbook', file: listing.file });
          }}
        />
      ) : null}
    </section>
  );
}

function outcome(run: RunState, waiting: boolean): string {
  if (run.status === 'interrupted') return describeInterruption(run);
  if (run.status === 'running') return waiting ? 'waiting for you' : 'running';
  return runOutcomeText(run);
}

function firstProblem(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/^playbook \S+ /, '');
}

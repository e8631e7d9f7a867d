import type { Playbook, PlaybookListing, PlaybookStep } from '../../../../contract/models';
import { NeedsBanner } from './NeedsBanner';

/** A playbook's steps (or its validation errors, precisely), with the button that starts a run. */
export function PlaybookDetail({ slug, listing, onStart, onChanged }: { slug: string; listing: PlaybookListing; onStart: () => void; onChanged: () => void }) {
  const playbook = listing.playbook;
  if (!playbook) {
    return (
      <section className="playbook-detail" aria-label={`Playbook ${listing.file}`} data-testid="playbook-detail">
        <h2>{listing.file}</h2>
        <p className="playbook-invalid-lead">This file does not validate; nothing runs from it until it is fixed.</p>
        <ul className="playbook-problems" data-testid="playbook-problems">
          {(listing.error?.message ?? '').split('\n').map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <section className="playbook-detail" aria-label={`Playbook ${playbook.name}`} data-testid="playbook-detail">
      <header className="playbook-detail-header">
        <div>
          <h2>{playbook.name}</h2>
          <div className="faint">
            {listing.file} · {listing.format === 'markdown' ? 'Markdown runbook' : 'YAML'} · target {playbook.target ?? 'local'} · {playbook.steps.length} steps
          </div>
        </div>
        <button type="button" className="button primary big" onClick={onStart} data-testid="playbook-start">
          Start a run…
        </button>
      </header>
      <NeedsBanner slug={slug} needs={listing.needs ?? []} onFixed={onChanged} />
      <PlaybookWarnings playbook={playbook} />
      <PlaybookMetadata playbook={playbook} />
      {playbook.description ? <p className="playbook-description">{playbook.description}</p> : null}
      {playbook.variables.length > 0 ? (
        <p className="playbook-variables">
          Variables:{' '}
          {playbook.variables.map((variable) => (
            <code key={variable.name}>
              {variable.name}
              {variable.defaultValue !== undefined ? `=${variable.secret ? '•••' : variable.defaultValue}` : ''}
            </code>
          ))}
        </p>
      ) : null}
      <ol className="playbook-steps">
        {playbook.steps.map((step) => (
          <li key={step.id}>
            <div className="run-step-title">
              {step.name} <span className="run-step-kind">{step.kind}</span>
              {step.onFailure !== 'ask' ? <span className="run-step-kind">on failure: {step.onFailure}</span> : null}
            </div>
            <StepWhat step={step} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function StepWhat({ step }: { step: PlaybookStep }) {
  switch (step.kind) {
    case 'run':
      return (
        <>
          <code className="run-step-command">{step.command}</code>
          <ExpectedOutput text={step.expectedOutput} />
        </>
      );
    case 'check':
      return (
        <>
          <code className="run-step-command">
            {step.url ? `GET ${step.url}` : step.command}
            {step.retries > 0 ? `   (up to ${step.retries + 1} tries)` : ''}
          </code>
          <ExpectedOutput text={step.expectedOutput} />
        </>
      );
    case 'approval':
      return <div className="faint">approval by {step.roles.join(', ')}</div>;
    case 'wait':
      return <div className="faint">wait {Math.round(step.durationMs / 1000)} s</div>;
    case 'prompt':
      return <div className="faint">asks: {step.question}</div>;
    case 'manual':
      return step.instructions ? <div className="faint playbook-instructions">{step.instructions}</div> : null;
    case 'analysis':
      return (
        <>
          <code className="run-step-command">{step.query}</code>
          <div className="faint">
            {[step.successCondition && `passes when ${step.successCondition}`, step.failureCondition && `fails when ${step.failureCondition}`]
              .filter(Boolean)
              .join('; ')}
            {` · ${step.count} x every ${step.intervalMs / 1000} s · source ${step.source}${step.when === 'rollback' ? ' · only on rollback' : ''}`}
          </div>
        </>
      );
    case 'flag':
      return (
        <>
          <code className="run-step-command">
            flag {step.flag} → {step.enabled ? 'on' : 'off'}
          </code>
          <div className="faint">via {step.command ?? step.service} · a live run asks for confirmation first</div>
        </>
      );
  }
}

/** What the runbook shows the command printing: for comparison by eye, never checked. */
function ExpectedOutput({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <details className="playbook-expected-output" data-testid="expected-output">
      <summary>Expected output (as the runbook shows it)</summary>
      <pre>{text}</pre>
    </details>
  );
}

/** What the parser noticed (a file cut off, a fence never closed, output that would run): shown before anyone runs it. */
function PlaybookWarnings({ playbook }: { playbook: Playbook }) {
  if (playbook.warnings.length === 0) return null;
  const count = playbook.warnings.length;
  return (
    <section className="playbook-warnings" aria-label="Warnings" data-testid="playbook-warnings">
      <h3>
        {count} warning{count === 1 ? '' : 's'}: read before running
      </h3>
      <ul>
        {playbook.warnings.map((warning, index) => (
          <li key={index}>
            <span className="playbook-warning-where">line {warning.line}</span> {warning.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Front matter kept from a Markdown runbook: tags, weight and the other simple values, on one line. */
function PlaybookMetadata({ playbook }: { playbook: Playbook }) {
  const entries = Object.entries(playbook.metadata).filter(([key]) => key !== 'title' && key !== 'description');
  const shown = entries
    .map(([key, value]) => {
      if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) return `${key}: ${value.join(', ')}`;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return `${key}: ${String(value)}`;
      return null;
    })
    .filter((text): text is string => text !== null);
  if (shown.length === 0) return null;
  return (
    <p className="playbook-metadata" data-testid="playbook-metadata">
      {shown.map((text) => (
        <span key={text}>{text}</span>
      ))}
    </p>
  );
}

import type { PlaybookListing, PlaybookStep } from '../../../../contract/models';
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
      return <code className="run-step-command">{step.command}</code>;
    case 'check':
      return (
        <code className="run-step-command">
          {step.url ? `GET ${step.url}` : step.command}
          {step.retries > 0 ? `   (up to ${step.retries + 1} tries)` : ''}
        </code>
      );
    case 'approval':
      return <div className="faint">approval by {step.roles.join(', ')}</div>;
    case 'wait':
      return <div className="faint">wait {Math.round(step.durationMs / 1000)} s</div>;
    case 'prompt':
      return <div className="faint">asks: {step.question}</div>;
    case 'manual':
      return step.instructions ? <div className="faint playbook-instructions">{step.instructions}</div> : null;
  }
}

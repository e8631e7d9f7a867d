import { useState } from 'react';
import type { Risk, RiskStatus } from '../../../../contract/models';
import { RISK_TRANSITIONS } from '../../../../contract/risk-register';
import { client } from '../../client/warroom-client';
import { FormError } from '../../components/FormError';

/** How each move reads on its button, from the risk's point of view. */
function transitionLabel(from: RiskStatus, to: RiskStatus): string {
  switch (to) {
    case 'mitigating':
      return from === 'open' ? 'Start mitigating' : 'Back to mitigating';
    case 'mitigated':
      return 'Mark mitigated';
    case 'accepted':
      return 'Accept…';
    case 'occurred':
      return 'It occurred…';
    case 'closed':
      return 'Close';
    case 'open':
      return from === 'closed' ? 'Reopen' : 'Back to open';
  }
}

interface Props {
  readonly slug: string;
  readonly risk: Risk;
}

/**
 * The status moves the lifecycle allows from here, and only those. Accepting asks who
 * and why (both are recorded); marking it occurred asks what happened (it becomes an
 * incident on the timeline); other moves take an optional note.
 */
export function RiskTransitions({ slug, risk }: Props) {
  const [target, setTarget] = useState<RiskStatus | null>(null);
  const [note, setNote] = useState('');
  const [acceptedBy, setAcceptedBy] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const allowed = RISK_TRANSITIONS[risk.status];

  const reset = () => {
    setTarget(null);
    setNote('');
    setReason('');
    setAcceptedBy('');
    setError(null);
  };

  const submit = () => {
    if (!target) return;
    setBusy(true);
    const input =
      target === 'accepted'
        ? { slug, id: risk.id, to: target, reason, ...(acceptedBy.trim() ? { acceptedBy } : {}), ...(note.trim() ? { note } : {}) }
        : { slug, id: risk.id, to: target, ...(note.trim() ? { note } : {}) };
    client.call('risk.transition', input).then(
      () => {
        setBusy(false);
        reset();
      },
      (failure: Error) => {
        setBusy(false);
        setError(failure.message);
      },
    );
  };

  return (
    <div className="risk-transitions" data-testid="risk-transitions">
      <div className="transition-buttons" role="group" aria-label="Change status">
        {allowed.map((to) => (
          <button
            key={to}
            type="button"
            className={`button ${to === 'occurred' ? 'danger' : target === to ? 'primary' : ''}`}
            aria-pressed={target === to}
            data-testid={`transition-${to}`}
            onClick={() => {
              reset();
              setTarget(to);
            }}
          >
            {transitionLabel(risk.status, to)}
          </button>
        ))}
      </div>
      {target ? (
        <form
          className="form transition-form"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              reset();
            }
          }}
        >
          {target === 'accepted' ? (
            <>
              <label>
                Reason (required: why is it acceptable to go live with it?)
                <textarea value={reason} onChange={(event) => setReason(event.target.value)} rows={2} required autoFocus data-testid="transition-reason" />
              </label>
              <label>
                Accepted by (empty: you)
                <input
                  value={acceptedBy}
                  onChange={(event) => setAcceptedBy(event.target.value)}
                  placeholder="Name of who accepts the risk"
                  data-testid="transition-accepted-by"
                />
              </label>
            </>
          ) : (
            <label>
              {target === 'occurred' ? 'What happened? (shown on the timeline as an incident)' : 'Note (optional)'}
              <input value={note} onChange={(event) => setNote(event.target.value)} autoFocus data-testid="transition-note" />
            </label>
          )}
          <FormError message={error} />
          <div className="form-actions">
            <button type="button" className="button secondary" onClick={reset}>
              Cancel
            </button>
            <button type="submit" className={`button ${target === 'occurred' ? 'danger' : 'primary'}`} disabled={busy} data-testid="transition-confirm">
              {risk.status} → {target}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

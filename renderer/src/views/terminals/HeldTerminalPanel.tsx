import { useState } from 'react';
import type { Target } from '../../../../contract/models';

/** The shortest reason an override takes: one a post-mortem can read, not "ok" (as every schedule override). */
const MIN_REASON = 10;

/**
 * A production terminal the release schedule holds (outside the window, a freeze, the
 * Friday rule): what holds it, and the written reason that opens it anyway (journaled).
 */
export function HeldTerminalPanel({
  target,
  message,
  onOverride,
  onCancel,
}: {
  target: Target;
  message: string;
  onOverride: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const ready = reason.trim().length >= MIN_REASON;
  return (
    <form
      className="held-terminal"
      role="alert"
      aria-label={`Terminal on ${target.name} is held`}
      data-testid="terminal-held"
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) onOverride(reason.trim());
      }}
    >
      <p className="held-terminal-message">{message}</p>
      <label>
        Why open it now (journaled with your name)
        <textarea value={reason} rows={2} maxLength={2000} onChange={(event) => setReason(event.target.value)} data-testid="terminal-override-reason" />
      </label>
      <div className="held-terminal-actions">
        <button type="submit" className="button danger" disabled={!ready} data-testid="terminal-override-open">
          Override and open {target.name}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
        {!ready ? <span className="held-terminal-hint">A reason of at least {MIN_REASON} characters.</span> : null}
      </div>
    </form>
  );
}

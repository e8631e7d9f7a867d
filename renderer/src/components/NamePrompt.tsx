import { useState } from 'react';
import type { AppInfo } from '../../../contract/models';
import { client } from '../client/warroom-client';

/**
 * First run: the journal would record the computer's login ("root") as who did what.
 * Ask for a name once; not a modal, so nothing waits on it.
 */
export function NamePrompt({ info, onChange }: { info: AppInfo; onChange: (info: AppInfo) => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="banner warning name-prompt"
      role="status"
      data-testid="name-prompt"
      onSubmit={(event) => {
        event.preventDefault();
        client.call('app.setOperator', { name }).then(onChange, (failure: Error) => setError(failure.message));
      }}
    >
      <span>The journal records you as “{info.operator}”. Who are you? Everyone in the room sees this name on what you do.</span>
      <input value={name} maxLength={80} placeholder="Your name" aria-label="Your name" onChange={(event) => setName(event.target.value)} />
      <button type="submit" className="button primary" disabled={name.trim() === ''}>
        Save name
      </button>
      {error ? <span className="form-error">{error}</span> : null}
    </form>
  );
}

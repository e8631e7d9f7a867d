import { useState } from 'react';
import type { AppInfo } from '../../../contract/models';
import { client } from '../client/warroom-client';

/** Who the journal records as acting from this window; editable, because on a shared laptop it changes. */
export function OperatorName({ info, onChange }: { info: AppInfo; onChange: (info: AppInfo) => void }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(info.operator);
  const [error, setError] = useState<string | null>(null);
  if (!editing) {
    return (
      <button type="button" className="operator" onClick={() => setEditing(true)} title="Change who is recorded as acting">
        <span className="operator-label">Acting as</span> <strong data-testid="operator-name">{info.operator}</strong>
      </button>
    );
  }
  return (
    <form
      className="operator-form"
      onSubmit={(event) => {
        event.preventDefault();
        client.call('app.setOperator', { name }).then(
          (updated) => {
            onChange(updated);
            setEditing(false);
            setError(null);
          },
          (failure: Error) => setError(failure.message),
        );
      }}
    >
      <label>
        Acting as
        <input autoFocus value={name} maxLength={80} onChange={(event) => setName(event.target.value)} />
      </label>
      {error ? <div className="form-error">{error}</div> : null}
    </form>
  );
}

import { useState } from 'react';
import type { UnmetRequirement } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import { FormError } from '../../components/FormError';

/**
 * What a playbook needs that the release lacks ("needs the sandbox target: add it?"),
 * with the one-click fix War Room has: adding its local sandbox (target and service files).
 */
export function NeedsBanner({ slug, needs, onFixed }: { slug: string; needs: readonly UnmetRequirement[]; onFixed: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (needs.length === 0) return null;
  const fixable = needs.some((need) => need.fix === 'add-sandbox');
  const addSandbox = () => {
    setBusy(true);
    setError(null);
    client.call('playbook.add-sandbox', { slug }).then(
      () => {
        setBusy(false);
        onFixed();
      },
      (failure: Error) => {
        setBusy(false);
        setError(failure.message);
      },
    );
  };
  return (
    <section className="playbook-needs" role="alert" aria-label="What this playbook needs" data-testid="playbook-needs">
      <div className="playbook-needs-text">
        <strong>This playbook cannot run in this release yet.</strong>
        <ul>
          {needs.map((need) => (
            <li key={`${need.target}:${need.message}`}>It {need.message}.</li>
          ))}
        </ul>
        {fixable ? <span className="faint">Add it? War Room creates the sandbox folder, its service files (v1 good, v2 broken) and the target.</span> : null}
      </div>
      {fixable ? (
        <button type="button" className="button primary" onClick={addSandbox} disabled={busy} data-testid="add-sandbox">
          {busy ? 'Adding…' : 'Add the sandbox target'}
        </button>
      ) : null}
      <FormError message={error} />
    </section>
  );
}

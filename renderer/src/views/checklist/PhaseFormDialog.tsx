import { useState } from 'react';
import type { ChecklistState } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';

/** Add a phase to the checklist ("Pre-checks", "Deploy", "Verify"): where it goes among the others. */
export function PhaseFormDialog({ slug, checklist, onClose }: { slug: string; checklist: ChecklistState; onClose: () => void }) {
  const [title, setTitle] = useState('');
  const [position, setPosition] = useState(checklist.phases.length);
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    client.call('checklist.phase.add', { slug, title, position }).then(onClose, (failure: Error) => setError(failure.message));
  };
  return (
    <Dialog title="New phase" onClose={onClose}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label>
          Title
          <input
            required
            autoFocus
            maxLength={200}
            value={title}
            data-testid="phase-title"
            onChange={(event) => setTitle(event.target.value)}
            placeholder="Deploy"
          />
        </label>
        {checklist.phases.length > 0 ? (
          <label>
            Place
            <select value={position} data-testid="phase-position" onChange={(event) => setPosition(Number(event.target.value))}>
              {checklist.phases.map((phase, index) => (
                <option key={phase.id} value={index}>
                  before {phase.title}
                </option>
              ))}
              <option value={checklist.phases.length}>at the end</option>
            </select>
          </label>
        ) : null}
        <FormError message={error} />
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" data-testid="phase-save">
            Add phase
          </button>
        </div>
      </form>
    </Dialog>
  );
}

import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { client } from '../../client/warroom-client';
import type { PolicyFinding } from './schedule-types';
import { findingLabel } from './schedule-format';
import { FormError } from '../../components/FormError';

const MIN_REASON = 10;

/** Override a policy finding: a written reason is required, and it goes to the journal. */
export function OverrideDialog({ slug, finding, onClose }: { slug: string; finding: PolicyFinding; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    client.call('schedule.override', { slug, findingId: finding.id, reason }).then(onClose, (failure: Error) => {
      setError(failure.message);
      setSaving(false);
    });
  };
  return (
    <Dialog title={`Override: ${findingLabel(finding)}`} onClose={onClose}>
      <form className="form override-form" onSubmit={submit}>
        <p className={`override-finding severity-${finding.severity}`} data-testid="override-message">
          {finding.message}
        </p>
        <label>
          Why is it right to go ahead anyway? (written to the journal, shown in the report)
          <textarea
            data-testid="override-reason"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            rows={4}
            autoFocus
            placeholder="e.g. The payments freeze owner approved this window by mail (ticket CHG-1234)."
          />
        </label>
        <FormError message={error} />
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button danger" data-testid="override-save" disabled={saving || reason.trim().length < MIN_REASON}>
            Record override
          </button>
        </div>
      </form>
    </Dialog>
  );
}

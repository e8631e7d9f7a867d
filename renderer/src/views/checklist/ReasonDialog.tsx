import { useState } from 'react';
import type { ChecklistItem, ItemStatus } from '../../../../contract/models';
import { Dialog } from '../../components/Dialog';
import { STATUS_LABELS } from './checklist-rows';
import { FormError } from '../../components/FormError';

/** Ask why: blocked, not applicable and reopening a done item are explained in the journal. */
export function ReasonDialog({
  item,
  to,
  onCancel,
  onSubmit,
}: {
  item: ChecklistItem;
  to: ItemStatus;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<unknown>;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const question = to === 'blocked' ? 'What blocks it?' : to === 'not-applicable' ? 'Why does it not apply?' : 'Why is it reopened?';
  return (
    <Dialog title={`${STATUS_LABELS[to]}: ${item.title}`} onClose={onCancel}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          onSubmit(reason).catch((failure: Error) => {
            setError(failure.message);
            setBusy(false);
          });
        }}
      >
        <label>
          {question}
          <textarea data-testid="status-reason" autoFocus rows={3} value={reason} maxLength={2000} onChange={(event) => setReason(event.target.value)} />
        </label>
        <FormError message={error} />
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button primary" data-testid="status-reason-save" disabled={busy || reason.trim() === ''}>
            Mark {STATUS_LABELS[to].toLowerCase()}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

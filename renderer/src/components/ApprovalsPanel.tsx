import { useCallback, useEffect, useState } from 'react';
import type { PendingApproval } from '../../../contract/requests/approval-requests';
import { client } from '../client/warroom-client';
import { FormError } from './FormError';
import '../styles/share.css';

/**
 * Four-eyes: policy overrides held until enough other people approve. Shown to those
 * who may approve them (release managers); the requester sees their request wait and
 * cannot count. Refreshed on every journaled change of the release (each request,
 * approval and refusal is journaled), so every page sees the same tally.
 */
export function ApprovalsPanel({ slug, seq, you }: { slug: string; seq: number; you: string }) {
  const [items, setItems] = useState<readonly PendingApproval[]>([]);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    client.call('approval.list', { slug }).then(setItems, (failure: Error) => setError(failure.message));
  }, [slug]);
  useEffect(refresh, [refresh, seq]);
  const pending = items.filter((item) => item.status === 'pending');
  if (pending.length === 0) return <FormError message={error} />;
  return (
    <section className="approvals" aria-label="Overrides waiting for approval" data-testid="approvals">
      <h3>
        Waiting for approval <span className="approvals-badge">{pending.length}</span>
      </h3>
      {pending.map((item) => (
        <PendingRow key={item.id} slug={slug} item={item} you={you} onDone={refresh} />
      ))}
      <FormError message={error} />
    </section>
  );
}

function PendingRow({ slug, item, you, onDone }: { slug: string; item: PendingApproval; you: string; onDone: () => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const decide = (approved: boolean) => {
    setBusy(true);
    setError(null);
    client.call('approval.decide', { slug, id: item.id, approved, note: note.trim() }).then(
      () => {
        setBusy(false);
        setNote('');
        onDone();
      },
      (failure: Error) => {
        setBusy(false);
        setError(failure.message);
      },
    );
  };
  const mine = item.requester === you;
  return (
    <div className="approval-row" data-testid={`approval-${item.id}`}>
      <p>
        <strong>{item.requester}</strong> asks for {item.summary}: “{item.reason}”
      </p>
      <p className="share-note" data-testid="approval-tally">
        {item.approvals.length} of {item.required} approvals
        {item.approvals.length > 0 ? ` (${item.approvals.map((approval) => approval.by).join(', ')})` : ''}
        {mine ? '. You asked: someone else must approve.' : ''}
      </p>
      <div className="approval-actions">
        <input
          aria-label="Reason (required to refuse)"
          placeholder="Reason (required to refuse)"
          value={note}
          maxLength={2000}
          onChange={(event) => setNote(event.target.value)}
        />
        <button type="button" className="button danger" disabled={busy || note.trim().length < 3} onClick={() => decide(false)}>
          Refuse
        </button>
        <button type="button" className="button primary" disabled={busy} onClick={() => decide(true)} data-testid="approval-approve">
          Approve
        </button>
      </div>
      <FormError message={error} />
    </div>
  );
}

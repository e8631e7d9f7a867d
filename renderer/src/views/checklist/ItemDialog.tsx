import { useState } from 'react';
import type { ChecklistDueTimes, ChecklistItem, ChecklistState, EvidenceKind, ItemStatus } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import { Dialog } from '../../components/Dialog';
import { formatInstant } from '../../format/time';
import { DueText } from './ChecklistRowView';
import { ItemFormDialog } from './ItemFormDialog';
import { Markdown } from './Markdown';
import { STATUSES, STATUS_LABELS, ownerText, reasonNeeded } from './checklist-rows';
import { FormError } from '../../components/FormError';

interface Props {
  readonly slug: string;
  readonly item: ChecklistItem;
  readonly checklist: ChecklistState;
  readonly dueTimes: ChecklistDueTimes | null;
  readonly onClose: () => void;
}

/** One item opened: its detail (markdown, sanitised), status with reason, evidence, position; edit from here. */
export function ItemDialog({ slug, item, checklist, dueTimes, onClose }: Props) {
  const [nextStatus, setNextStatus] = useState<ItemStatus | null>(null);
  const [reason, setReason] = useState('');
  const [evidenceKind, setEvidenceKind] = useState<EvidenceKind>('note');
  const [evidenceValue, setEvidenceValue] = useState('');
  const [movePhase, setMovePhase] = useState(item.phaseId);
  const [movePosition, setMovePosition] = useState(String((checklist.phases.find((phase) => phase.id === item.phaseId)?.itemIds.indexOf(item.id) ?? 0) + 1));
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const attempt = (promise: Promise<unknown>, after?: () => void) =>
    promise.then(
      () => {
        setError(null);
        after?.();
      },
      (failure: Error) => setError(failure.message),
    );

  const changeStatus = (to: ItemStatus) => {
    if (reasonNeeded(item.status, to) && nextStatus !== to) {
      setNextStatus(to);
      setReason('');
      return;
    }
    const evidence = evidenceValue.trim() && to === 'done' ? [{ kind: evidenceKind, value: evidenceValue.trim() }] : undefined;
    void attempt(
      client.call('checklist.item.status', { slug, itemId: item.id, status: to, ...(reason.trim() ? { reason } : {}), ...(evidence ? { evidence } : {}) }),
      () => {
        setNextStatus(null);
        setReason('');
        if (evidence) setEvidenceValue('');
      },
    );
  };

  if (editing) return <ItemFormDialog slug={slug} checklist={checklist} item={item} onClose={() => setEditing(false)} />;

  return (
    <Dialog title={item.title} onClose={onClose} wide>
      <div className="item-dialog" data-testid="item-dialog">
        <div className="item-facts">
          <span className={`status-badge status-${item.status}`}>{STATUS_LABELS[item.status]}</span>
          {item.required ? <span className="required-pill">Required</span> : <span className="optional-pill">Optional</span>}
          <span>{ownerText(item) || 'no owner'}</span>
          <DueText item={item} dueTimes={dueTimes} />
        </div>
        {item.statusReason ? <p className="item-status-reason">Reason: {item.statusReason}</p> : null}
        <Markdown source={item.detail} className="item-detail" />
        <section>
          <h3>Status</h3>
          <div className="status-buttons">
            {STATUSES.filter((status) => status !== item.status).map((status) => (
              <button
                key={status}
                type="button"
                className={`button status-button status-${status} ${nextStatus === status ? 'armed' : ''}`}
                data-testid={`set-status-${status}`}
                onClick={() => changeStatus(status)}
              >
                {STATUS_LABELS[status]}
              </button>
            ))}
          </div>
          {nextStatus !== null ? (
            <form
              className="reason-form"
              onSubmit={(event) => {
                event.preventDefault();
                changeStatus(nextStatus);
              }}
            >
              <input
                data-testid="dialog-reason"
                autoFocus
                value={reason}
                maxLength={2000}
                placeholder={nextStatus === 'blocked' ? 'What blocks it?' : nextStatus === 'not-applicable' ? 'Why does it not apply?' : 'Why is it reopened?'}
                onChange={(event) => setReason(event.target.value)}
              />
              <button type="submit" className="button primary" disabled={reason.trim() === ''}>
                Mark {STATUS_LABELS[nextStatus].toLowerCase()}
              </button>
            </form>
          ) : null}
        </section>
        <section>
          <h3>Evidence</h3>
          {item.evidence.length === 0 ? <p className="empty">None yet.</p> : null}
          <ul className="evidence-list">
            {item.evidence.map((evidence, index) => (
              <li key={index}>
                <span className="kind">{evidence.kind}</span>
                <span className="evidence-value">{evidence.value}</span>
                <span className="evidence-by">
                  {evidence.addedBy}, {formatInstant(evidence.addedAt, dueTimes?.zone ?? 'UTC')}
                </span>
              </li>
            ))}
          </ul>
          <form
            className="evidence-form"
            onSubmit={(event) => {
              event.preventDefault();
              void attempt(client.call('checklist.item.evidence', { slug, itemId: item.id, evidence: { kind: evidenceKind, value: evidenceValue } }), () =>
                setEvidenceValue(''),
              );
            }}
          >
            <select value={evidenceKind} onChange={(event) => setEvidenceKind(event.target.value as EvidenceKind)} aria-label="Evidence kind">
              <option value="note">Note</option>
              <option value="link">Link</option>
              <option value="file">File path</option>
            </select>
            <input
              data-testid="evidence-value"
              value={evidenceValue}
              maxLength={4000}
              placeholder={evidenceKind === 'link' ? 'https://…' : evidenceKind === 'file' ? '/path/to/evidence' : 'What shows it is done'}
              onChange={(event) => setEvidenceValue(event.target.value)}
            />
            <button type="submit" className="button" data-testid="evidence-add" disabled={evidenceValue.trim() === ''}>
              Add evidence
            </button>
          </form>
        </section>
        <section>
          <h3>Position</h3>
          <form
            className="move-form"
            onSubmit={(event) => {
              event.preventDefault();
              void attempt(client.call('checklist.item.move', { slug, itemId: item.id, toPhaseId: movePhase, toIndex: Math.max(0, Number(movePosition) - 1) }));
            }}
          >
            <select value={movePhase} onChange={(event) => setMovePhase(event.target.value)} aria-label="Phase">
              {checklist.phases.map((phase) => (
                <option key={phase.id} value={phase.id}>
                  {phase.title}
                </option>
              ))}
            </select>
            <input type="number" min={1} value={movePosition} onChange={(event) => setMovePosition(event.target.value)} aria-label="Position in the phase" />
            <button type="submit" className="button">
              Move
            </button>
          </form>
        </section>
        <p className="item-audit">
          Added by {item.createdBy}, last changed by {item.updatedBy} at {formatInstant(item.updatedAt, dueTimes?.zone ?? 'UTC')}
        </p>
        <FormError message={error} />
        <div className="form-actions">
          <button type="button" className="button" data-testid="item-edit" onClick={() => setEditing(true)}>
            Edit…
          </button>
          <button type="button" className="button primary" autoFocus onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}

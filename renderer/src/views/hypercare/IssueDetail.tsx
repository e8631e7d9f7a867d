import { useEffect, useState } from 'react';
import type { LaneCard } from '../../../../contract/requests/hypercare-requests';
import { ISSUE_MOVES, ISSUE_REMEDIES, type IssueRemedy } from '../../../../contract/hypercare-terms';
import { client } from '../../client/warroom-client';
import { useGate } from '../../app/role-gate';
import { REMEDY_LABELS, STATE_LABELS } from './sla-format';

interface Props {
  readonly slug: string;
  readonly card: LaneCard;
  readonly pods: readonly string[];
  readonly onMessage: (tone: 'ok' | 'error', text: string) => void;
}

/** The selected issue: assign the point of contact and the pod, choose the remedy, move it along the lane. */
export function IssueDetail({ slug, card, pods, onMessage }: Props) {
  const { issue } = card;
  const [contact, setContact] = useState(issue.contact ?? '');
  const [pod, setPod] = useState(issue.pod ?? card.pod ?? '');
  const [remedy, setRemedy] = useState<IssueRemedy>(issue.remedy?.kind ?? 'fix-forward');
  const [reason, setReason] = useState(issue.remedy?.reason ?? '');
  const mayTriage = useGate('hypercare.issue-triage', 'assign the point of contact');
  const mayMove = useGate('hypercare.issue-move', 'move an issue along the lane');
  useEffect(() => {
    setContact(issue.contact ?? '');
    setPod(issue.pod ?? card.pod ?? '');
    setRemedy(issue.remedy?.kind ?? 'fix-forward');
    setReason(issue.remedy?.reason ?? '');
  }, [issue.id, issue.contact, issue.pod, issue.remedy, card.pod]);

  const fail = (failure: unknown) => onMessage('error', failure instanceof Error ? failure.message : String(failure));
  const assign = () => {
    client
      .call('hypercare.issue-triage', { slug, id: issue.id, contact: contact.trim() || null, pod: pod || null })
      .then(() => onMessage('ok', `${issue.id}: ${contact.trim() || 'nobody'} is the point of contact${pod ? ` (${pod})` : ''}.`))
      .catch(fail);
  };
  const move = (to: (typeof ISSUE_MOVES)[keyof typeof ISSUE_MOVES][number]) => {
    const needsRemedy = to === 'mitigated' || to === 'resolved';
    client
      .call('hypercare.issue-move', { slug, id: issue.id, to, ...(needsRemedy && reason.trim() ? { remedy: { kind: remedy, reason: reason.trim() } } : {}) })
      .then(() => onMessage('ok', `${issue.id} is ${STATE_LABELS[to].toLowerCase()}.`))
      .catch(fail);
  };

  return (
    <section className="issue-detail" aria-label={`Issue ${issue.id}`} data-testid="issue-detail">
      <h3>
        {issue.id} {issue.title}
      </h3>
      <p className="faint">
        Logged by {issue.loggedBy} at {new Date(issue.loggedAt).toLocaleString()} from {issue.source}
        {issue.reporter ? ` (${issue.reporter})` : ''}.{issue.links.incident ? ` Linked to ${issue.links.incident}.` : ''}
        {issue.links.risk ? ` Risk ${issue.links.risk}.` : ''}
        {issue.links.step ? ` Step ${issue.links.step}.` : ''}
      </p>
      <div className="issue-detail-row">
        <label>
          Point of contact
          <input
            value={contact}
            onChange={(event) => setContact(event.target.value)}
            maxLength={120}
            disabled={!mayTriage.allowed}
            title={mayTriage.why ?? undefined}
            data-testid="issue-contact"
          />
        </label>
        <label>
          Pod
          <select
            value={pod}
            onChange={(event) => setPod(event.target.value)}
            disabled={!mayTriage.allowed}
            title={mayTriage.why ?? undefined}
            data-testid="issue-pod"
          >
            <option value="">(none)</option>
            {pods.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <button type="button" className="button" onClick={assign} disabled={!mayTriage.allowed} title={mayTriage.why ?? undefined} data-testid="issue-assign">
          Assign
        </button>
      </div>
      <div className="issue-detail-row">
        <label>
          Remedy
          <select value={remedy} onChange={(event) => setRemedy(event.target.value as IssueRemedy)} data-testid="issue-remedy">
            {ISSUE_REMEDIES.map((value) => (
              <option key={value} value={value}>
                {REMEDY_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <label className="wide">
          Why
          <input value={reason} onChange={(event) => setReason(event.target.value)} maxLength={2000} data-testid="issue-remedy-reason" />
        </label>
      </div>
      <div className="issue-detail-row" role="group" aria-label="Move in the lane">
        {ISSUE_MOVES[issue.state].map((to) => (
          <button
            key={to}
            type="button"
            className="button"
            onClick={() => move(to)}
            disabled={!mayMove.allowed}
            title={mayMove.why ?? undefined}
            data-testid={`issue-move-${to}`}
          >
            {STATE_LABELS[to]}
          </button>
        ))}
      </div>
      {mayTriage.why || mayMove.why ? (
        <p className="faint" data-testid="issue-detail-why">
          {[mayTriage.why, mayMove.why].filter(Boolean).join(' ')}
        </p>
      ) : null}
    </section>
  );
}

import { useState } from 'react';
import type { Incident, Risk } from '../../../../contract/models';
import { riskRows } from '../../../../contract/risk-register';
import { client } from '../../client/warroom-client';
import { showView } from '../../app/navigate';
import { RiskEditForm } from './RiskEditForm';
import { RiskHistory } from './RiskHistory';
import { RiskTransitions } from './RiskTransitions';
import { FormError } from '../../components/FormError';

interface Props {
  readonly slug: string;
  readonly risk: Risk;
  readonly seq: number;
  readonly zone: string;
  /** The incident this risk opened when it occurred, if any. */
  readonly incident?: Incident | undefined;
  readonly onClose: () => void;
}

/** Offer the plan B of a risk that occurred: its text, a way to its playbook, and the incident it opened. */
export function PlanBOffer({ risk, incident }: { risk: Risk; incident?: Incident | undefined }) {
  const { plan, playbook, step } = risk.contingency;
  return (
    <div className="plan-b" role="alert" data-testid={`plan-b-${risk.id}`}>
      <div className="plan-b-head">
        <span className="kind kind-incident">incident</span>
        <strong>
          {risk.id} occurred: {risk.title}
        </strong>
      </div>
      {incident ? (
        <p className="plan-b-incident" data-testid={`risk-incident-${risk.id}`}>
          Opened incident{' '}
          <button type="button" className="link-button mono" onClick={() => showView({ view: 'timeline', focus: incident.id })}>
            {incident.id}
          </button>{' '}
          ({incident.severity}, {incident.status}, owner {incident.owner})
        </p>
      ) : null}
      <p>{plan ? <>Plan B: {plan}</> : <span className="faint">No plan B is written for this risk.</span>}</p>
      {playbook ? (
        <button type="button" className="button danger" onClick={() => showView({ view: 'playbooks', focus: playbook })} data-testid="open-plan-b">
          Open plan B: {playbook}
          {step ? ` step ${step}` : ''} →
        </button>
      ) : null}
    </div>
  );
}

/**
 * One risk: its scores, the status moves allowed from here, its fields to edit, and its
 * history. Escape closes it (RisksView; not from a field, where it would drop an edit).
 */
export function RiskDetail({ slug, risk, seq, zone, incident, onClose }: Props) {
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const row = riskRows({ risks: [risk], nextNumber: 0 })[0]!;
  return (
    <aside className="risk-detail" aria-label={`Risk ${risk.id}`} data-testid="risk-detail">
      <header className="risk-detail-head">
        <div>
          <div className="risk-detail-id mono">{risk.id}</div>
          <h2 data-testid="detail-title">{risk.title}</h2>
          <div className="risk-detail-badges">
            <span className={`status-badge status-${risk.status}`} data-testid="detail-status">
              {risk.status}
            </span>
            <span className={`band-badge band-${row.band}`}>
              L{risk.likelihood} × I{risk.impact} = {row.score} {row.band}
            </span>
            <span className={`band-badge band-${row.residualBand}${row.residualAssessed ? '' : ' unassessed'}`}>
              residual {row.residualScore} {row.residualBand}
              {row.residualAssessed ? '' : ' (not assessed)'}
            </span>
          </div>
          {risk.acceptance ? (
            <p className="acceptance">
              Accepted by <strong>{risk.acceptance.by}</strong>: {risk.acceptance.reason}
            </p>
          ) : null}
        </div>
        <button type="button" className="button secondary close" onClick={onClose} aria-label="Close the risk panel" title="Close (Esc)">
          ✕
        </button>
      </header>
      {risk.status === 'occurred' ? <PlanBOffer risk={risk} incident={incident} /> : null}
      <section>
        <h3>Status</h3>
        <RiskTransitions key={`${risk.id}-${risk.status}`} slug={slug} risk={risk} />
      </section>
      <section>
        <h3>History</h3>
        <RiskHistory slug={slug} id={risk.id} seq={seq} zone={zone} />
      </section>
      <section>
        <h3>Details</h3>
        <RiskEditForm key={risk.id} slug={slug} risk={risk} />
      </section>
      <section className="risk-delete">
        {risk.status === 'occurred' ? (
          <p className="faint">A risk that occurred is part of the release record: close it instead of deleting it.</p>
        ) : confirmDelete ? (
          <div className="form-actions">
            <span>Delete {risk.id}? Its id is never reused; the journal keeps its history.</span>
            <button type="button" className="button secondary" onClick={() => setConfirmDelete(false)}>
              Keep
            </button>
            <button
              type="button"
              className="button danger"
              onClick={() =>
                client.call('risk.delete', { slug, id: risk.id, reason: 'entered by mistake' }).then(onClose, (failure: Error) => setError(failure.message))
              }
            >
              Delete
            </button>
          </div>
        ) : (
          <button type="button" className="button secondary" onClick={() => setConfirmDelete(true)}>
            Delete risk…
          </button>
        )}
        <FormError message={error} />
      </section>
    </aside>
  );
}

import { useState } from 'react';
import type { IncidentsState } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import { formatInstant } from '../../format/time';
import { FormError } from '../../components/FormError';

const STATUSES = ['open', 'mitigated', 'resolved'] as const;
const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;

/** Incidents with their severity, owner and status (editable in place), and the action items. */
export function IncidentsPanel({ slug, incidents, zone }: { slug: string; incidents: IncidentsState; zone: string }) {
  const [error, setError] = useState<string | null>(null);
  const call = (promise: Promise<unknown>) =>
    promise.then(
      () => setError(null),
      (failure: Error) => setError(failure.message),
    );
  if (incidents.incidents.length === 0 && incidents.actionItems.length === 0) {
    return <p className="empty incidents-empty">No incidents or action items. Alt+N adds one from anywhere.</p>;
  }
  return (
    <div className="incidents-panel" data-testid="incidents">
      <FormError message={error} />
      {incidents.incidents.length > 0 ? (
        <table className="incidents">
          <thead>
            <tr>
              <th>Incident</th>
              <th>Severity</th>
              <th>Status</th>
              <th>Owner</th>
              <th>Started</th>
              <th>Mitigated</th>
              <th>Resolved</th>
            </tr>
          </thead>
          <tbody>
            {incidents.incidents.map((incident) => (
              <tr key={incident.id} className={`incident status-${incident.status}`} data-testid={`incident-${incident.id}`}>
                <td>
                  <span className="mono">{incident.id}</span> {incident.title}
                  {incident.risk ? (
                    <span className="incident-risk faint" data-testid={`incident-risk-${incident.id}`}>
                      {' '}
                      · from risk {incident.risk.id}
                      {incident.risk.playbook ? ` · plan B ${incident.risk.playbook}` : ''}
                    </span>
                  ) : null}
                </td>
                <td>
                  <select
                    aria-label={`Severity of ${incident.id}`}
                    className={`sev sev-${incident.severity}`}
                    value={incident.severity}
                    onChange={(event) =>
                      call(client.call('incident.update', { slug, id: incident.id, severity: event.target.value as (typeof SEVERITIES)[number] }))
                    }
                  >
                    {SEVERITIES.map((value) => (
                      <option key={value} value={value}>
                        {value.toUpperCase()}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select
                    aria-label={`Status of ${incident.id}`}
                    value={incident.status}
                    data-testid={`incident-status-${incident.id}`}
                    onChange={(event) =>
                      call(client.call('incident.update', { slug, id: incident.id, status: event.target.value as (typeof STATUSES)[number] }))
                    }
                  >
                    {STATUSES.map((value) => (
                      <option key={value} value={value}>
                        {value}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{incident.owner}</td>
                <td className="time">{formatInstant(incident.startedAt, zone)}</td>
                <td className="time">{incident.mitigatedAt ? formatInstant(incident.mitigatedAt, zone) : '—'}</td>
                <td className="time">{incident.resolvedAt ? formatInstant(incident.resolvedAt, zone) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {incidents.actionItems.length > 0 ? (
        <ul className="action-items">
          {incidents.actionItems.map((item) => (
            <li key={item.id}>
              <label>
                <input
                  type="checkbox"
                  checked={item.status === 'done'}
                  onChange={(event) => call(client.call('action-item.update', { slug, id: item.id, status: event.target.checked ? 'done' : 'open' }))}
                />
                <span className="mono">{item.id}</span> {item.text}
                {item.owner ? <span className="muted"> · {item.owner}</span> : null}
                {item.incidentId ? <span className="muted"> · {item.incidentId}</span> : null}
              </label>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

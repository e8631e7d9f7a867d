import { useEffect, useState } from 'react';
import type { GoNoGoRisk } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import '../../styles/risks.css';

interface Props {
  readonly slug: string;
}

/**
 * The go/no-go section's risk line: the unsettled (open, mitigating, occurred) high and
 * critical risks, worst first, and whether each has a mitigation and a plan B. Counted
 * by the core (`risk.go-no-go`), so the gate and this list agree; follows the journal live.
 */
export function GoNoGoRisks({ slug }: Props) {
  const [risks, setRisks] = useState<readonly GoNoGoRisk[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      client.call('risk.go-no-go', { slug }).then(
        (loaded) => {
          if (cancelled) return;
          setRisks(loaded);
          setError(null);
        },
        (failure: Error) => !cancelled && setError(failure.message),
      );
    load();
    const off = client.on('journal.appended', (payload) => {
      if (payload.slug === slug && payload.events.some((event) => event.type.startsWith('risks.'))) load();
    });
    return () => {
      cancelled = true;
      off();
    };
  }, [slug]);

  if (error)
    return (
      <div className="form-error" role="alert">
        {error}
      </div>
    );
  if (risks === null) return <p className="empty">Loading risks…</p>;
  const unmitigated = risks.filter((risk) => !risk.hasMitigation).length;
  return (
    <section className="go-no-go-risks" aria-label="Open high and critical risks" data-testid="go-no-go-risks">
      <h3>
        Open high and critical risks: {risks.length}
        {unmitigated > 0 ? (
          <span className="gate-bad"> · {unmitigated} without mitigation</span>
        ) : risks.length > 0 ? (
          <span className="gate-ok"> · all mitigated or planned</span>
        ) : null}
      </h3>
      {risks.length === 0 ? (
        <p className="gate-ok">No open high or critical risk.</p>
      ) : (
        <ul>
          {risks.map(({ row, hasMitigation, hasContingency }) => (
            <li key={row.id} data-testid={`go-no-go-risk-${row.id}`}>
              <span className={`band-badge band-${row.band}`}>
                {row.score} {row.band}
              </span>
              <span className="mono">{row.id}</span>
              <span className="go-no-go-title">{row.title}</span>
              <span className={`status-badge status-${row.status}`}>{row.status}</span>
              <span className={hasMitigation ? 'gate-ok' : 'gate-bad'}>{hasMitigation ? '✓ mitigation' : '✗ no mitigation'}</span>
              <span className={hasContingency ? 'gate-ok' : 'faint'}>{hasContingency ? '✓ plan B' : 'no plan B'}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import { useEffect, useState } from 'react';
import type { RiskHistoryEntry } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import { formatInstant } from '../../format/time';
import { RISK_FIELD_LABELS, formatRiskValue } from '../../format/events/risk-events';

interface Props {
  readonly slug: string;
  readonly id: string;
  /** The release's seq: the history reloads when the journal grows. */
  readonly seq: number;
  readonly zone: string;
}

function describe(entry: RiskHistoryEntry): string {
  switch (entry.kind) {
    case 'added':
      return 'added';
    case 'imported':
      return 'imported';
    case 'updated':
      return 'changed';
    case 'status-changed':
      return `${entry.from} → ${entry.to}`;
    case 'occurred':
      return `${entry.from} → occurred (incident)`;
    case 'deleted':
      return 'deleted';
  }
}

/** The life of one risk from the journal: who, when, and each change before → after. */
export function RiskHistory({ slug, id, seq, zone }: Props) {
  const [entries, setEntries] = useState<readonly RiskHistoryEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    client.call('risk.history', { slug, id }).then(
      (loaded) => {
        if (cancelled) return;
        setEntries(loaded);
        setError(null);
      },
      (failure: Error) => !cancelled && setError(failure.message),
    );
    return () => {
      cancelled = true;
    };
  }, [slug, id, seq]);

  if (error)
    return (
      <div className="form-error" role="alert">
        {error}
      </div>
    );
  return (
    <ol className="risk-history" data-testid="risk-history" reversed>
      {entries
        .slice()
        .reverse()
        .map((entry) => (
          <li key={entry.seq} className={`history-${entry.kind}`}>
            <div className="history-head">
              <span className="history-what">{describe(entry)}</span>
              <span className="history-who">{entry.actor}</span>
              <time dateTime={entry.ts} className="history-when mono">
                {formatInstant(entry.ts, zone)}
              </time>
            </div>
            {entry.changes.length > 0 ? (
              <ul className="history-changes">
                {entry.changes.map((change) => (
                  <li key={change.field}>
                    <span className="history-field">{RISK_FIELD_LABELS[change.field]}</span> <span className="before">{formatRiskValue(change.before)}</span> →{' '}
                    <span className="after">{formatRiskValue(change.after)}</span>
                  </li>
                ))}
              </ul>
            ) : null}
            {entry.acceptance ? (
              <p className="history-note">
                accepted by <strong>{entry.acceptance.by}</strong>: {entry.acceptance.reason}
              </p>
            ) : null}
            {entry.note ? <p className="history-note">{entry.note}</p> : null}
          </li>
        ))}
    </ol>
  );
}

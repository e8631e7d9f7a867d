import type { MetricCriterion, MetricGateReading } from '../../../../contract/models';
import '../../styles/health.css';

const PHASE_LABEL: Readonly<Record<MetricGateReading['phase'], string>> = {
  successful: 'passing',
  failed: 'FAILING',
  inconclusive: 'INCONCLUSIVE',
  error: 'NO DATA',
};

function shown(values: readonly number[] | null): string {
  if (values === null || values.length === 0) return '—';
  return values.map((value) => Number(value.toPrecision(3)).toString()).join(', ');
}

/** What a reading says in one line: value against baseline and threshold, or why there is none. */
function summary(reading: MetricGateReading): string {
  if (reading.phase === 'error') return reading.message;
  const baseline = reading.baselineValues ? ` · baseline ${shown(reading.baselineValues)}` : '';
  const threshold = reading.threshold === null ? '' : ` · threshold ${shown([reading.threshold])}`;
  return `${shown(reading.values)}${baseline}${threshold}`;
}

/** A metric criterion's live verdict next to the ballots: measured again every few seconds while the poll is open. */
export function MetricGateBadge({ metric, reading }: { metric: MetricCriterion; reading: MetricGateReading | null }) {
  const condition = metric.successCondition ?? metric.failureCondition ?? 'measured';
  if (reading === null)
    return (
      <span className="metric-gate" data-testid="metric-gate" data-phase="pending" title={`${metric.query}: ${condition}`}>
        <span className="verdict verdict-pending">measuring…</span>
      </span>
    );
  return (
    <span
      className="metric-gate"
      data-testid="metric-gate"
      data-phase={reading.phase}
      title={`${reading.query} on ${reading.source}: ${condition} (${reading.message}), measured ${new Date(reading.at).toLocaleTimeString()}`}
    >
      <span className={`verdict verdict-${reading.phase}`}>{PHASE_LABEL[reading.phase]}</span>
      <span className="metric-gate-values">{summary(reading)}</span>
    </span>
  );
}

/** The metric gates as frozen into the decision: what the room saw when it was called. */
export function MetricGateSnapshot({ readings }: { readings: readonly MetricGateReading[] }) {
  return (
    <div className="metric-snapshot" data-testid="metric-snapshot">
      <strong>Metric gates at the decision</strong>
      <ul>
        {readings.map((reading) => (
          <li key={reading.criterionId} data-phase={reading.phase}>
            <span className={`verdict verdict-${reading.phase}`}>{PHASE_LABEL[reading.phase]}</span> {reading.title}: <code>{reading.query}</code> ={' '}
            {summary(reading)}
          </li>
        ))}
      </ul>
    </div>
  );
}

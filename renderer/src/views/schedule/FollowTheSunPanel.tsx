import { DateTime } from 'luxon';
import type { ScheduleStatus } from './schedule-types';
import { formatLocal } from './schedule-format';

/**
 * Colours for pods in the plan, in pod order (nobody on duty is shown hatched). Each is
 * at least 4.5:1 behind white text (WCAG AA), so a pod's name reads on a projector.
 */
const POD_COLOURS = ['#1f6feb', '#1a7f37', '#9a6700', '#8250df', '#cf222e', '#1b7c83'] as const;

/**
 * The follow-the-sun plan of the release: who holds it at each hour of the window, the
 * handovers read on every pod's wall clock, and the stretches nobody is on duty.
 */
export function FollowTheSunPanel({ status }: { status: ScheduleStatus }) {
  const zone = status.window.zone;
  const { plan, pods } = status;
  const colour = (pod: string | null) => (pod === null ? undefined : POD_COLOURS[pods.findIndex((entry) => entry.name === pod) % POD_COLOURS.length]);
  const startMs = DateTime.fromISO(status.resolved.start).toMillis();
  const spanMs = DateTime.fromISO(status.resolved.end).toMillis() - startMs;
  const zones = [...new Set(pods.map((pod) => pod.zone))];
  /** Why nobody holds the release at a moment of the window ("no pod works Sundays"). */
  const reasonAt = (from: string, to = from): string | null => {
    const [start, end] = [DateTime.fromISO(from).toMillis(), DateTime.fromISO(to).toMillis()];
    const gap = plan.uncovered.find(
      (entry) => DateTime.fromISO(entry.start).toMillis() <= Math.max(start, end - 1) && start < DateTime.fromISO(entry.end).toMillis(),
    );
    return gap?.reason ?? null;
  };
  return (
    <div className="schedule-card follow-the-sun" data-testid="follow-the-sun">
      <h3>Follow the sun</h3>
      {pods.length === 0 ? <p className="empty">No pods yet: add the teams that hold the release, with their zones and working hours.</p> : null}
      <div className="fts-bar" aria-hidden="true">
        {plan.segments.map((segment) => {
          const left = ((DateTime.fromISO(segment.start).toMillis() - startMs) / spanMs) * 100;
          const width = ((DateTime.fromISO(segment.end).toMillis() - DateTime.fromISO(segment.start).toMillis()) / spanMs) * 100;
          return (
            <div
              key={segment.start}
              className={`fts-segment ${segment.holder === null ? 'uncovered' : ''}`}
              style={{ left: `${left}%`, width: `${width}%`, background: colour(segment.holder) }}
              title={`${segment.holder ?? `nobody on duty (${reasonAt(segment.start) ?? 'no pod'})`}: ${formatLocal(segment.start, zone, 'HH:mm')}–${formatLocal(segment.end, zone, 'HH:mm')} ${zone}`}
            >
              {width > 12 ? (segment.holder ?? 'nobody') : ''}
            </div>
          );
        })}
      </div>
      <table className="fts-hours">
        <thead>
          <tr>
            <th>Hour ({zone})</th>
            <th>Holder</th>
            {zones
              .filter((entry) => entry !== zone)
              .map((entry) => (
                <th key={entry}>{entry.split('/').pop()!.replace(/_/g, ' ')}</th>
              ))}
          </tr>
        </thead>
        <tbody>
          {plan.hours.map((hour) => (
            <tr key={hour.start} data-testid="fts-hour">
              <td className="mono">
                {formatLocal(hour.start, zone, 'ccc HH:mm')}–{formatLocal(hour.end, zone, 'HH:mm')}
              </td>
              <td>
                {hour.holders.map((holder, index) => (
                  <span key={holder ?? `none-${index}`} className={`holder ${holder === null ? 'nobody' : ''}`} style={{ borderColor: colour(holder) }}>
                    {holder ?? (pods.length > 0 ? `nobody on duty: ${reasonAt(hour.start, hour.end) ?? 'no pod works then'}` : 'nobody on duty: no pods yet')}
                  </span>
                ))}
              </td>
              {zones
                .filter((entry) => entry !== zone)
                .map((entry) => (
                  <td key={entry} className="mono muted">
                    {formatLocal(hour.start, entry, 'HH:mm')}
                  </td>
                ))}
            </tr>
          ))}
        </tbody>
      </table>
      {plan.handovers.length > 0 ? (
        <>
          <h4>Handovers</h4>
          <ul className="fts-handovers" data-testid="fts-handovers">
            {plan.handovers.map((handover) => (
              <li key={handover.at}>
                <strong>{handover.from ?? 'nobody'}</strong> → <strong>{handover.to ?? 'nobody'}</strong> at{' '}
                {zones.length > 0
                  ? zones.map((entry) => `${formatLocal(handover.at, entry, 'ccc HH:mm')} ${entry.split('/').pop()!.replace(/_/g, ' ')}`).join(' = ')
                  : formatLocal(handover.at, zone)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {plan.uncovered.length > 0 && pods.length > 0 ? (
        <div className="hint warn" data-testid="fts-uncovered">
          Nobody is on duty ({zone}):
          <ul className="fts-gaps">
            {plan.uncovered.map((gap) => (
              <li key={gap.start}>
                {formatLocal(gap.start, zone, 'ccc HH:mm')}–{formatLocal(gap.end, zone, 'HH:mm')}: {gap.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {plan.warnings.map((warning) => (
        <p key={`${warning.zone}${warning.local}`} className="hint warn">
          {warning.message}
        </p>
      ))}
    </div>
  );
}

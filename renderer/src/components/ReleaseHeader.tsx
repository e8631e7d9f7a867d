import type { ReleaseMetaState, ReleaseState } from '../../../contract/models';
import { useNow } from '../app/hooks';
import { formatClock, formatCountdown, formatInstant, viewerZone, zoneLabel } from '../format/time';
import { HeaderSchedule } from '../views/schedule/HeaderSchedule';
import { useScheduleStatus } from '../views/schedule/use-schedule-status';
import { PlanHeaderWarning } from '../views/plan/PlanHeaderWarning';
import '../styles/schedule.css';
import '../styles/plan.css';

/** The top of the cockpit: what is being released, LIVE or REHEARSAL, how long to T-0, and the clocks. */
export function ReleaseHeader({ meta, slug, state }: { meta: ReleaseMetaState; slug: string; state: ReleaseState }) {
  const now = useNow(1000);
  const schedule = useScheduleStatus(slug, state.seq);
  const countdown = formatCountdown(meta.goLive, now);
  const clocks = dedupe([meta.zone, 'UTC', viewerZone()]);
  return (
    <header className="release-header">
      <div className="release-title">
        <span className={`mode-badge mode-${meta.mode}`} data-testid="mode-badge">
          {meta.mode === 'live' ? 'LIVE' : 'REHEARSAL'}
        </span>
        <div>
          <h1 data-testid="release-name">{meta.name}</h1>
          <div className="release-subtitle">
            {meta.version ? <span className="version">v{meta.version}</span> : null}
            <span>
              Go-live {formatInstant(meta.goLive, meta.zone)} · {meta.zone}
            </span>
          </div>
        </div>
      </div>
      <div className="release-clocks">
        <div className={`countdown ${countdown.before ? 'before' : 'after'}`} data-testid="countdown" title="Time to go-live (T-0)">
          {countdown.text}
        </div>
        {clocks.map((zone) => (
          <div className="clock" key={zone} title={zone}>
            <span className="clock-time">{formatClock(now, zone)}</span>
            <span className="clock-zone">{zone === viewerZone() && zone !== meta.zone && zone !== 'UTC' ? 'You' : zoneLabel(zone)}</span>
          </div>
        ))}
      </div>
      <PlanHeaderWarning state={state} />
      {schedule.status ? <HeaderSchedule slug={slug} status={schedule.status} now={now} /> : null}
      {schedule.error ? (
        <div className="header-schedule-error" role="alert">
          {schedule.error}
        </div>
      ) : null}
    </header>
  );
}

function dedupe(zones: string[]): string[] {
  return zones.filter((zone, index) => zones.indexOf(zone) === index);
}

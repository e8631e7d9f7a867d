import type { ReleaseMetaState } from '../../../contract/models';
import { useNow } from '../app/hooks';
import { formatClock, formatCountdown, formatInstant, viewerZone, zoneLabel } from '../format/time';

/** The top of the cockpit: what is being released, LIVE or REHEARSAL, how long to T-0, and the clocks. */
export function ReleaseHeader({ meta }: { meta: ReleaseMetaState }) {
  const now = useNow(1000);
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
    </header>
  );
}

function dedupe(zones: string[]): string[] {
  return zones.filter((zone, index) => zones.indexOf(zone) === index);
}

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { ReleaseTrains, TrainRelease } from '../../../../contract/domain/plan/trains-views';
import { ganttScale, ganttTicks } from '../../../../contract/gantt-layout';
import { client } from '../../client/warroom-client';
import { formatInstant } from '../../format/time';

interface Props {
  readonly slug: string;
  /** The release's journal head: the calendar refreshes when it grows. */
  readonly seq: number;
  readonly zone: string;
  readonly viewerZone: string;
  readonly nowMs: number;
}

const TRAINS = {
  /** Width of the time axis at its narrowest; wider screens get more. */
  minChartWidth: 480,
  rowHeight: 30,
  axisHeight: 40,
  /** The chart leaves out releases whose window ended longer ago than this (the list below keeps them): a past night would stretch the axis over weeks. */
  pastMs: 24 * 3_600_000,
  /** Other releases change without this release's journal growing: look again this often. */
  refreshMs: 15_000,
} as const;

/**
 * Several releases at once: every release's window on one time axis (trains), what this
 * release starts after and whether that is verified, and the conflicts the go/no-go gate
 * weighs (shared targets, blackouts, the Friday rule). Each row says it all in words too.
 */
export function TrainsPanel({ slug, seq, zone, viewerZone, nowMs }: Props) {
  const [trains, setTrains] = useState<ReleaseTrains | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    client.call('plan.trains', { slug }).then(
      (loaded) => {
        setTrains(loaded);
        setError(null);
      },
      (failure: Error) => setError(failure.message),
    );
  }, [slug]);
  useEffect(() => load(), [load, seq]);
  useEffect(() => {
    const timer = setInterval(load, TRAINS.refreshMs);
    return () => clearInterval(timer);
  }, [load]);
  const releases = trains?.releases ?? [];
  const self = releases.find((release) => release.slug === slug) ?? null;
  const charted = chartedReleases(releases, slug, nowMs);
  return (
    <section className="plan-panel trains" aria-label="All releases on one calendar" data-testid="trains">
      <h3>All releases on one calendar</h3>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {charted.length > 0 ? <TrainsChart releases={charted} slug={slug} zone={zone} viewerZone={viewerZone} nowMs={nowMs} /> : null}
      <ul className="trains-list">
        {releases.map((release) => (
          <TrainLine key={release.slug} release={release} current={release.slug === slug} zone={zone} />
        ))}
      </ul>
      {self ? (
        <StartsAfterEditor key={self.after.map((after) => after.slug).join(',')} self={self} releases={releases} onSaved={load} onError={setError} />
      ) : null}
    </section>
  );
}

/** The releases the chart draws: this one, and the others whose window has not long ended (all of them when none has a current window). */
function chartedReleases(releases: readonly TrainRelease[], slug: string, nowMs: number): readonly TrainRelease[] {
  const current = releases.filter((release) => release.slug === slug || (release.window !== null && Date.parse(release.window.end) > nowMs - TRAINS.pastMs));
  return current.length > 1 ? current : releases;
}

function TrainsChart({
  releases,
  slug,
  zone,
  viewerZone,
  nowMs,
}: {
  releases: readonly TrainRelease[];
  slug: string;
  zone: string;
  viewerZone: string;
  nowMs: number;
}) {
  const nowMinute = Math.floor(nowMs / 60_000) * 60_000;
  const holder = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(TRAINS.minChartWidth, element.clientWidth)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const scale = useMemo(() => {
    const instants = releases.flatMap((release) => [release.window?.start, release.window?.end, release.forecastFinish]).filter((iso): iso is string => !!iso);
    const ms = instants.map((iso) => Date.parse(iso));
    const start = ms.length ? Math.min(...ms) : nowMinute - 3_600_000;
    const end = ms.length ? Math.max(...ms) : nowMinute + 3_600_000;
    const pad = Math.max(15 * 60_000, (end - start) * 0.04);
    return ganttScale({ startMs: start - pad, endMs: end + pad }, width);
  }, [releases, nowMinute, width]);
  const ticks = useMemo(() => ganttTicks(scale, zone, viewerZone), [scale, zone, viewerZone]);
  const x = (iso: string) => scale.x(Date.parse(iso));
  const height = TRAINS.axisHeight + releases.length * TRAINS.rowHeight;
  const nowX = nowMs >= scale.startMs && nowMs <= scale.endMs ? scale.x(nowMs) : null;
  return (
    <div className="trains-chart">
      <div className="trains-labels" aria-hidden="true" style={{ paddingTop: TRAINS.axisHeight }}>
        {releases.map((release) => (
          <div key={release.slug} className={`trains-label ${release.slug === slug ? 'current' : ''}`} style={{ height: TRAINS.rowHeight }}>
            {release.name}
          </div>
        ))}
      </div>
      <div ref={holder} className="trains-axis">
        <svg className="trains-svg" width={width} height={height} aria-hidden="true">
          {ticks.map((tick) => (
            <g key={tick.ms}>
              <line className="gantt-gridline" x1={tick.x} x2={tick.x} y1={TRAINS.axisHeight - 6} y2={height} />
              <text className="gantt-tick-label" x={tick.x} y={16} textAnchor="middle">
                {tick.label}
              </text>
              {tick.viewerLabel ? (
                <text className="gantt-tick-viewer" x={tick.x} y={32} textAnchor="middle">
                  {tick.viewerLabel}
                </text>
              ) : null}
            </g>
          ))}
          {releases.map((release, index) => {
            const y = TRAINS.axisHeight + index * TRAINS.rowHeight;
            return (
              <g key={release.slug} data-testid="train-bar" data-slug={release.slug}>
                {release.window ? (
                  <rect
                    className={`trains-window ${release.slug === slug ? 'current' : ''}`}
                    x={x(release.window.start)}
                    width={Math.max(2, x(release.window.end) - x(release.window.start))}
                    y={y + 6}
                    height={TRAINS.rowHeight - 12}
                    rx={3}
                  />
                ) : null}
                {release.conflicts
                  .filter((conflict) => conflict.blocking && conflict.end > conflict.start)
                  .map((conflict) => (
                    <rect
                      key={`${conflict.rule}-${conflict.start}-${conflict.message}`}
                      className="trains-conflict"
                      x={x(conflict.start)}
                      width={Math.max(2, x(conflict.end) - x(conflict.start))}
                      y={y + 3}
                      height={TRAINS.rowHeight - 6}
                    />
                  ))}
                {release.forecastFinish ? (
                  <line className="trains-forecast" x1={x(release.forecastFinish)} x2={x(release.forecastFinish)} y1={y + 2} y2={y + TRAINS.rowHeight - 2} />
                ) : null}
              </g>
            );
          })}
          {nowX !== null ? <line className="gantt-now" x1={nowX} x2={nowX} y1={TRAINS.axisHeight - 6} y2={height} /> : null}
        </svg>
      </div>
    </div>
  );
}

/** One release in words: its window, forecast, what it starts after and its conflicts. */
function TrainLine({ release, current, zone }: { release: TrainRelease; current: boolean; zone: string }) {
  const blocking = release.conflicts.filter((conflict) => conflict.blocking);
  return (
    <li className={`trains-line ${current ? 'current' : ''}`} data-testid="train" data-slug={release.slug}>
      <div className="trains-line-head">
        <strong>
          {release.name}
          {release.version ? ` ${release.version}` : ''}
        </strong>
        {current ? <span className="trains-chip">this release</span> : null}
        <span className={`trains-chip ${release.verification.verified ? 'ok' : ''}`} title={release.verification.why}>
          {release.verification.verified ? 'verified' : 'not verified'}
        </span>
        <span className="plan-hint">
          {release.window ? `window ${formatInstant(release.window.start, zone)} – ${formatInstant(release.window.end, zone)}` : 'window does not resolve'}
          {release.forecastFinish ? ` · forecast finish ${formatInstant(release.forecastFinish, zone)}` : ''}
          {release.targets.length ? ` · targets ${release.targets.join(', ')}` : ''}
        </span>
      </div>
      {release.after.map((after) => (
        <p key={after.slug} className={`trains-after ${after.verified ? 'ok' : 'waiting'}`} data-testid="train-after">
          Starts after {after.name}: {after.verified ? 'verified' : `not verified yet (${after.why}); its go/no-go holds`}
        </p>
      ))}
      {blocking.map((conflict) => (
        <p key={`${conflict.rule}-${conflict.start}-${conflict.message}`} className="trains-conflict-line" data-testid="train-conflict">
          Conflict: {conflict.message}
        </p>
      ))}
    </li>
  );
}

function StartsAfterEditor({
  self,
  releases,
  onSaved,
  onError,
}: {
  self: TrainRelease;
  releases: readonly TrainRelease[];
  onSaved: () => void;
  onError: (message: string | null) => void;
}) {
  const [after, setAfter] = useState<string[]>(self.after.map((entry) => entry.slug));
  const candidates = releases.filter((release) => release.slug !== self.slug);
  const save = (event: FormEvent) => {
    event.preventDefault();
    client.call('plan.set-release-dependencies', { slug: self.slug, afterReleases: after }).then(
      () => {
        onError(null);
        onSaved();
      },
      (failure: Error) => onError(failure.message),
    );
  };
  if (candidates.length === 0) return <p className="plan-hint">No other release in this workspace to start after.</p>;
  return (
    <form className="trains-editor" onSubmit={save} aria-label={`What ${self.name} starts after`}>
      <label>
        {self.name} starts after (each verified first)
        <select
          multiple
          value={after}
          size={Math.min(6, Math.max(2, candidates.length))}
          onChange={(event) => setAfter([...event.target.selectedOptions].map((option) => option.value))}
          data-testid="trains-after"
        >
          {candidates.map((release) => (
            <option key={release.slug} value={release.slug}>
              {release.name}
              {release.version ? ` ${release.version}` : ''}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Save what it starts after</button>
    </form>
  );
}

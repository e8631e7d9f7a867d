import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RecordingContent } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import { createXterm, type XtermHandle } from './create-xterm';
import { initialCap, type PlayerMarker, playerMarkers, replayClock as clock, replayTimeline, ReplayTuning } from './replay-timeline';

const PLAYER = {
  /** Replay clock tick: smooth enough for typing, cheap for a long recording. */
  TickMs: 33,
  Speeds: [0.5, 1, 2, 4, 8],
} as const;

/**
 * Replay a recording in an xterm: play, pause, seek, speed, and jump to the markers
 * (journal events written into the recording while it ran, and the session's commands
 * with their exit codes). Timing is the recorded one, unless the recording asks for
 * pauses to be capped (its idle_time_limit) or the viewer ticks "Cap pauses".
 */
export function RecordingPlayer({ slug, file }: { slug: string; file: string }) {
  const container = useRef<HTMLDivElement>(null);
  const handle = useRef<XtermHandle | null>(null);
  const [content, setContent] = useState<RecordingContent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [position, setPosition] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(1);
  /** Pauses are cut to this many seconds; null plays the recorded timing. */
  const [cap, setCap] = useState<number | null>(null);
  /** Index of the next event to write. */
  const cursor = useRef(0);
  const timed = useMemo(() => (content ? replayTimeline(content.events, cap) : []), [content, cap]);
  const duration = timed.length > 0 ? timed[timed.length - 1]!.at : 0;
  const recorded = content?.events.at(-1)?.[0] ?? 0;
  const markers = useMemo(() => playerMarkers(timed, content?.commands, cap), [timed, content, cap]);
  const capOffered = content?.idleTimeLimit ?? ReplayTuning.DefaultCapSeconds;

  useEffect(() => {
    setContent(null);
    setError(null);
    client.call('recording.read', { slug, file }).then(
      (read) => {
        setCap(initialCap(read));
        setContent(read);
      },
      (failure: Error) => setError(failure.message),
    );
  }, [slug, file]);

  /** Cap pauses or not: the screen stays where it is (the same events written), the clock is re-read. */
  const toggleCap = (on: boolean) => {
    const next = on ? capOffered : null;
    const written = content ? replayTimeline(content.events, next) : [];
    setCap(next);
    setPosition(written[cursor.current - 1]?.at ?? 0);
  };

  useEffect(() => {
    if (!content || !container.current) return undefined;
    const xterm = createXterm(container.current, { cols: content.width, rows: content.height, cursorBlink: false, disableStdin: true });
    handle.current = xterm;
    cursor.current = 0;
    setPosition(0);
    setPlaying(true);
    return () => {
      xterm.dispose();
      handle.current = null;
    };
  }, [content]);

  /** Write every event up to `time` (from where the cursor is; from the start when going back). */
  const advance = useCallback(
    (time: number) => {
      const terminal = handle.current?.terminal;
      if (!terminal) return;
      if (time < (timed[cursor.current - 1]?.at ?? 0)) {
        terminal.reset();
        if (content) terminal.resize(content.width, content.height);
        cursor.current = 0;
      }
      let output = '';
      while (cursor.current < timed.length && timed[cursor.current]!.at <= time) {
        const event = timed[cursor.current]!;
        if (event.code === 'o') output += event.data;
        else if (event.code === 'r') {
          const match = /^(\d+)x(\d+)$/.exec(event.data);
          if (match) {
            if (output) terminal.write(output);
            output = '';
            terminal.resize(Number(match[1]), Number(match[2]));
          }
        }
        cursor.current += 1;
      }
      if (output) terminal.write(output);
    },
    [timed, content],
  );

  useEffect(() => {
    if (!playing) return undefined;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      const step = ((now - last) / 1000) * speed;
      last = now;
      setPosition((current) => {
        const next = Math.min(duration, current + step);
        advance(next);
        if (next >= duration) setPlaying(false);
        return next;
      });
    }, PLAYER.TickMs);
    return () => clearInterval(timer);
  }, [playing, speed, duration, advance]);

  const seek = (time: number) => {
    const clamped = Math.min(Math.max(0, time), duration);
    advance(clamped);
    setPosition(clamped);
  };

  if (error) return <div className="form-error">{error}</div>;
  if (!content) return <p className="empty">Loading {file}…</p>;
  return (
    <div className="player" data-testid="recording-player">
      <div className="player-screen" ref={container} />
      <div className="player-controls">
        <button
          type="button"
          className="button"
          data-testid="player-toggle"
          onClick={() => (position >= duration ? (seek(0), setPlaying(true)) : setPlaying(!playing))}
        >
          {playing ? 'Pause' : position >= duration ? 'Replay' : 'Play'}
        </button>
        <input
          type="range"
          aria-label="Position"
          min={0}
          max={duration || 1}
          step={0.05}
          value={position}
          onChange={(event) => seek(Number(event.target.value))}
          className="player-seek"
        />
        <span
          className="mono player-clock"
          data-testid="player-clock"
          title={cap === null ? 'Recorded timing' : `Pauses capped at ${cap} s; ${clock(recorded)} recorded`}
        >
          {clock(position)} / {clock(duration)}
        </span>
        <label className="player-speed">
          Speed
          <select value={speed} onChange={(event) => setSpeed(Number(event.target.value))}>
            {PLAYER.Speeds.map((value) => (
              <option key={value} value={value}>
                {value}×
              </option>
            ))}
          </select>
        </label>
        <label className="player-cap" title="Shorten every pause longer than this; the recording's own timing is the default">
          <input type="checkbox" data-testid="player-cap" checked={cap !== null} onChange={(event) => toggleCap(event.target.checked)} />
          Cap pauses at {capOffered} s
        </label>
      </div>
      {content.notes?.map((note) => (
        <p className="player-note" role="note" key={note} data-testid="player-note">
          {note}
        </p>
      ))}
      {cap !== null && recorded > duration ? (
        <p className="player-note" data-testid="player-cap-note">
          Pauses capped at {cap} s{content.idleTimeLimit !== undefined && cap === content.idleTimeLimit ? ' (set by the recording)' : ''}: {clock(recorded)}{' '}
          recorded plays in {clock(duration)}.
        </p>
      ) : null}
      {markers.length > 0 ? (
        <div className="player-markers-box">
          <h4 className="player-markers-title">
            Markers <span className="player-markers-count">{markerSummary(markers)}</span>
          </h4>
          <ol className="player-markers" aria-label="Markers" data-testid="player-markers">
            {markers.map((marker, index) => (
              <li key={index} className={`player-marker player-marker-${marker.kind}`}>
                <button type="button" className="player-marker-button" onClick={() => seek(marker.at)}>
                  <span className="mono player-marker-time">{clock(marker.at)}</span>
                  {marker.kind === 'command' ? (
                    <>
                      <span className="mono player-marker-command">$ {marker.label}</span>
                      <span className={`player-exit ${marker.exitCode === 0 ? 'ok' : marker.exitCode === null ? 'unknown' : 'failed'}`}>
                        {marker.exitCode === null || marker.exitCode === undefined ? 'exit ?' : `exit ${marker.exitCode}`}
                      </span>
                    </>
                  ) : (
                    <span className="player-marker-event">{marker.label}</span>
                  )}
                </button>
              </li>
            ))}
          </ol>
        </div>
      ) : (
        <p className="empty player-no-markers">No markers: no command was recorded and no journal event happened while this session ran.</p>
      )}
    </div>
  );
}

function markerSummary(markers: readonly PlayerMarker[]): string {
  const commands = markers.filter((marker) => marker.kind === 'command').length;
  const events = markers.length - commands;
  return [commands > 0 ? `${commands} command${commands === 1 ? '' : 's'}` : '', events > 0 ? `${events} journal event${events === 1 ? '' : 's'}` : '']
    .filter(Boolean)
    .join(' · ');
}

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RecordingContent } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import { createXterm, type XtermHandle } from './create-xterm';

const PLAYER = {
  /** Replay clock tick: smooth enough for typing, cheap for a long recording. */
  TickMs: 33,
  /** Pauses longer than this are shortened (as asciinema's idle_time_limit): nobody watches 20 minutes of a waiting prompt. */
  IdleLimitSeconds: 2,
  Speeds: [0.5, 1, 2, 4, 8],
} as const;

interface Timed {
  /** Replay time (seconds, with idle pauses shortened). */
  readonly at: number;
  readonly code: string;
  readonly data: string;
}

/** Recorded times with long pauses cut to PLAYER.IdleLimitSeconds. */
function compress(events: RecordingContent['events']): Timed[] {
  let previous = 0;
  let at = 0;
  return events.map(([time, code, data]) => {
    at += Math.min(Math.max(0, time - previous), PLAYER.IdleLimitSeconds);
    previous = time;
    return { at, code, data };
  });
}

function clock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * Replay a recording in an xterm: play, pause, seek, speed, and jump to the markers
 * (journal events written into the recording while it ran).
 */
export function RecordingPlayer({ slug, file }: { slug: string; file: string }) {
  const container = useRef<HTMLDivElement>(null);
  const handle = useRef<XtermHandle | null>(null);
  const [content, setContent] = useState<RecordingContent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [position, setPosition] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(1);
  /** Index of the next event to write. */
  const cursor = useRef(0);
  const timed = useMemo(() => (content ? compress(content.events) : []), [content]);
  const duration = timed.length > 0 ? timed[timed.length - 1]!.at : 0;
  const markers = timed.filter((event) => event.code === 'm');

  useEffect(() => {
    setContent(null);
    setError(null);
    client.call('recording.read', { slug, file }).then(setContent, (failure: Error) => setError(failure.message));
  }, [slug, file]);

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
        <span className="mono player-clock" data-testid="player-clock">
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
      </div>
      {markers.length > 0 ? (
        <ol className="player-markers" aria-label="Markers">
          {markers.map((marker, index) => (
            <li key={index}>
              <button type="button" className="link-button" onClick={() => seek(marker.at)}>
                <span className="mono">{clock(marker.at)}</span> {marker.data}
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty player-no-markers">No markers: no journal event happened while this session ran.</p>
      )}
    </div>
  );
}

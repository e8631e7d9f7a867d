import type { RecordingContent } from '../../../../contract/models';

/** Tuning of replay. */
export const ReplayTuning = {
  /**
   * The pause cap the player offers when the recording sets none (asciinema's usual
   * idle_time_limit): long enough to see that a command took a while, short enough that
   * nobody watches 20 minutes of a waiting prompt. Off by default: replay is evidence.
   */
  DefaultCapSeconds: 2,
} as const;

/** An event of the recording on the replay clock. */
export interface ReplayEvent {
  /** Replay time (seconds): the recorded time, or with pauses capped. */
  readonly at: number;
  /** Recorded time (seconds from the start). */
  readonly time: number;
  readonly code: string;
  readonly data: string;
}

/** A place to jump to: a journal event written into the recording, or a command of the session. */
export interface PlayerMarker {
  readonly at: number;
  readonly kind: 'event' | 'command';
  readonly label: string;
  /** For a command: its exit code (null when the shell did not say). */
  readonly exitCode?: number | null;
}

/** The pause cap replay starts with: the recording's own idle_time_limit, else none (real timing). */
export function initialCap(content: Pick<RecordingContent, 'idleTimeLimit'>): number | null {
  return content.idleTimeLimit ?? null;
}

/** The events on the replay clock: recorded times, or with every pause longer than `capSeconds` cut to it. */
export function replayTimeline(events: RecordingContent['events'], capSeconds: number | null): ReplayEvent[] {
  let previous = 0;
  let at = 0;
  return events.map(([time, code, data]) => {
    const pause = Math.max(0, time - previous);
    at += capSeconds === null ? pause : Math.min(pause, capSeconds);
    previous = time;
    return { at, time, code, data };
  });
}

/** A recorded time (seconds) on the replay clock of `timeline` (the same as it when pauses are not capped). */
export function toReplayTime(timeline: readonly ReplayEvent[], time: number, capSeconds: number | null): number {
  let low = 0;
  let high = timeline.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (timeline[middle]!.time <= time) low = middle + 1;
    else high = middle;
  }
  const before = timeline[low - 1];
  const since = time - (before?.time ?? 0);
  const at = (before?.at ?? 0) + (capSeconds === null ? since : Math.min(since, capSeconds));
  return Math.min(at, timeline.at(-1)?.at ?? at);
}

/** Journal-event markers of the file and the session's commands, in replay order. */
export function playerMarkers(timeline: readonly ReplayEvent[], commands: RecordingContent['commands'], capSeconds: number | null): PlayerMarker[] {
  const markers: PlayerMarker[] = timeline.filter((event) => event.code === 'm').map((event) => ({ at: event.at, kind: 'event', label: event.data }));
  for (const command of commands ?? []) {
    markers.push({ at: toReplayTime(timeline, command.at, capSeconds), kind: 'command', label: command.command, exitCode: command.exitCode });
  }
  return markers.sort((a, b) => a.at - b.at);
}

/** "1:05", "12:00", "1:02:03": a position or a duration on the replay clock. */
export function replayClock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

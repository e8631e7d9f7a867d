import type { JournalEvent } from '../../../../contract/models';
import { describeSessionEnd } from '../../../../contract/terminal-session-end';
import type { EventDescription } from './event-description';

/** "1.2 s", "3 min 05 s": a command's duration for the timeline. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours} h ${String(minutes).padStart(2, '0')} min` : `${minutes} min ${rest} s`;
}

/** Timeline lines for the terminal events; null for events of other areas. */
export function describeTerminalEvent(event: JournalEvent): EventDescription | null {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const str = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
  const num = (key: string) => (typeof data[key] === 'number' ? (data[key] as number) : null);
  const target = str('targetName') || str('targetId');
  switch (event.type) {
    case 'terminal.session-opened':
      return { kind: 'terminal', text: `Terminal opened on ${target} (${str('environment')}): ${str('command')}` };
    case 'terminal.policy-overridden':
      return { kind: 'terminal', text: `OVERRIDE: terminal on ${target} opened against the release schedule, because: ${str('reason')}` };
    case 'terminal.command-finished': {
      const exitCode = num('exitCode');
      const status = exitCode === null ? 'exit code unknown' : `exit ${exitCode}`;
      const started = /T(\d\d:\d\d:\d\d)/.exec(str('startedAt'))?.[1];
      return {
        kind: 'terminal',
        text: `${target} $ ${str('command')} → ${status}, ${formatDuration(num('durationMs') ?? 0)}${started ? `, started ${started} UTC` : ''}`,
      };
    }
    case 'terminal.session-closed': {
      const incomplete = str('recordingIncomplete') ? ` (INCOMPLETE: ${str('recordingIncomplete')})` : '';
      const recording = str('recordingFile') ? `; recording ${str('recordingFile')} sha256 ${str('sha256').slice(0, 12)}…${incomplete}` : '';
      return {
        kind: 'terminal',
        text: `Terminal on ${target} ended after ${formatDuration(num('durationMs') ?? 0)}: ${describeSessionEnd(data)}${recording}`,
      };
    }
    default:
      return null;
  }
}

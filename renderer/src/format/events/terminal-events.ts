import type { JournalEvent } from '../../../../contract/models';
import { describeSessionEnd } from '../../../../contract/terminal-session-end';
import type { TerminalEvent } from '../../../../contract/domain/terminal/terminal-events';
import { TerminalEventTypes } from '../../../../contract/domain/terminal/terminal-event-types';
import { eventOfArea } from '../../../../contract/domain/journal/typed-events';
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

/** Timeline lines for the terminal events; null for events of other areas; a line that does not read says what is wrong. */
export function describeTerminalEvent(journalEvent: JournalEvent): EventDescription | null {
  const event = eventOfArea<TerminalEvent>(journalEvent, TerminalEventTypes);
  if (event === null) return null;
  const target = event.data.targetName || event.data.targetId;
  switch (event.type) {
    case TerminalEventTypes.opened:
      return { kind: 'terminal', text: `Terminal opened on ${target} (${event.data.environment}): ${event.data.command}` };
    case TerminalEventTypes.policyOverridden:
      return { kind: 'terminal', text: `OVERRIDE: terminal on ${target} opened against the release schedule, because: ${event.data.reason}` };
    case TerminalEventTypes.command: {
      const { exitCode, command, durationMs, startedAt } = event.data;
      const status = exitCode === null ? 'exit code unknown' : `exit ${exitCode}`;
      const started = /T(\d\d:\d\d:\d\d)/.exec(startedAt)?.[1];
      return { kind: 'terminal', text: `${target} $ ${command} → ${status}, ${formatDuration(durationMs)}${started ? `, started ${started} UTC` : ''}` };
    }
    case TerminalEventTypes.closed: {
      const { recordingFile, recordingIncomplete, sha256, durationMs } = event.data;
      const incomplete = recordingIncomplete ? ` (INCOMPLETE: ${recordingIncomplete})` : '';
      const recording = recordingFile ? `; recording ${recordingFile} sha256 ${(sha256 ?? '').slice(0, 12)}…${incomplete}` : '';
      return { kind: 'terminal', text: `Terminal on ${target} ended after ${formatDuration(durationMs)}: ${describeSessionEnd(event.data)}${recording}` };
    }
  }
}

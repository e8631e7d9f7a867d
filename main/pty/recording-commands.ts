import type { RecordingCommand } from '../../contract/requests/terminal-requests';
import type { JournalEvent } from '../core/journal/journal-format';
import { TerminalEventTypes, parseTerminalEvent } from '../../contract/domain/terminal/terminal-events';

const uuidCast = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.cast$/;

/**
 * The commands of the session a recording holds, placed on the recording's clock: the
 * player shows them as markers beside the journal events written into the file.
 *
 * Why from the journal: shell integration journals every finished command (redacted,
 * with its exit code) but they are not in the .cast (a marker is written when an event
 * happens; a command's start is known only once it finished), and recordings made before
 * today have none. The session is the one whose `terminal.session-opened` names this
 * file (or whose id the file is named after). Time 0 is the session's start as
 * journaled (to the millisecond); older sessions fall back to the header's whole-second
 * timestamp.
 */
export function recordingCommands(
  events: readonly JournalEvent[],
  file: string,
  header: { readonly timestamp?: number },
  durationSeconds: number,
): RecordingCommand[] {
  let sessionId = uuidCast.exec(file)?.[1];
  let startMs = header.timestamp === undefined ? undefined : header.timestamp * 1000;
  const commands: RecordingCommand[] = [];
  for (const journalEvent of events) {
    if (!journalEvent.type.startsWith('terminal.')) continue;
    const event = parseTerminalEvent(journalEvent);
    if (event === null) continue;
    if (event.type === TerminalEventTypes.opened && (event.data.recordingFile === file || event.data.sessionId === sessionId)) {
      sessionId = event.data.sessionId;
      const started = event.data.startedAt === undefined ? Number.NaN : Date.parse(event.data.startedAt);
      if (Number.isFinite(started)) startMs = started;
    } else if (event.type === TerminalEventTypes.command && sessionId !== undefined && event.data.sessionId === sessionId) {
      const commandStart = Date.parse(event.data.startedAt);
      if (startMs === undefined || !Number.isFinite(commandStart)) continue;
      const { command, exitCode, durationMs } = event.data;
      commands.push({ at: Math.min(Math.max(0, (commandStart - startMs) / 1000), durationSeconds), command, exitCode, durationMs });
    }
  }
  return commands.sort((a, b) => a.at - b.at);
}

/**
 * How a terminal session ended, in words: "closed by dana", "server stopped",
 * "exited with code 3", from the data of its `terminal.session-closed` journal event.
 *
 * One wording for the timeline and the report. Events written before the end was
 * recorded (no `endedBy`) read as before: "exit N".
 */
export function describeSessionEnd(data: Readonly<Record<string, unknown>>): string {
  const exitCode = typeof data['exitCode'] === 'number' ? data['exitCode'] : null;
  const signal = typeof data['signal'] === 'number' && data['signal'] > 0 ? data['signal'] : null;
  switch (data['endedBy']) {
    case 'closed':
      return `closed by ${typeof data['closedBy'] === 'string' && data['closedBy'] !== '' ? data['closedBy'] : 'someone'}`;
    case 'server-stopped':
      return 'server stopped';
    case 'exited':
      if (signal !== null) return `ended by signal ${signal}`;
      return exitCode === null ? 'exited' : `exited with code ${exitCode}`;
    default:
      return `exit ${exitCode ?? '?'}`;
  }
}

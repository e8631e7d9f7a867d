import type { AttachMode } from '../pty/terminal-manager';
import type { ClientConnection } from './client-connection';

/** What a typing attempt names: the session's target (roles may grant terminals per target). */
export interface TypingTarget {
  readonly sessionId: string;
  readonly targetId: string;
}

/**
 * THE check before anything reaches a terminal's input (keystrokes and pastes on a
 * channel, `terminal.write`, a resize): every input path calls this and only this.
 *
 * Today: the host's own connections type (its window, its token's tabs; no connection is
 * the host's own process: the CLI, tests); a `watch` attachment never does, whoever holds
 * it. Participants and roles (the shared war room) decide here too.
 */
export function mayType(connection: ClientConnection | undefined, session: TypingTarget, via: AttachMode | 'request'): boolean {
  void session;
  if (via === 'watch') return false;
  return connection === undefined || connection.host;
}

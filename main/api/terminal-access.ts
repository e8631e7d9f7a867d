import type { AttachMode } from '../pty/terminal-manager';
import type { ClientConnection } from './client-connection';

/** What a typing attempt names: the session's target (roles may grant terminals per target). */
export interface TypingTarget {
  readonly sessionId: string;
  readonly targetId: string;
}

/**
 * THE check before anything reaches a terminal's input (keystrokes and pastes on a
 * channel, `terminal.write`, a resize) and before a participant attaches in control
 * mode: every input path calls this and only this.
 *
 * The host's own connections type (its window, its token's tabs; no connection is the
 * host's own process: the CLI, tests); a `watch` attachment never does, whoever holds it.
 * An invited participant types only as a release manager, or as an operator into a
 * session whose target their invite grants; observers and voters only watch.
 */
export function mayType(connection: ClientConnection | undefined, session: TypingTarget, via: AttachMode | 'request'): boolean {
  if (via === 'watch') return false;
  if (connection === undefined || connection.host) return true;
  const participant = connection.participant;
  if (!participant) return false;
  if (participant.role === 'release-manager') return true;
  return participant.role === 'operator' && (participant.terminalTargets ?? []).includes(session.targetId);
}

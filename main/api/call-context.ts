import type { ParticipantIdentity } from '../../contract/participants';
import type { ClientConnection } from './client-connection';

/** Who calls: the actor recorded in the journal, the authenticated person, and which transport carried it. */
export interface CallContext {
  /** The journal's actor: `formatActor(participant)` (contract/participants.ts); the host's own user by name. */
  readonly actor: string;
  /**
   * The authenticated person behind a WebSocket (the host's token or an invite secret).
   * Absent for the desktop window, the CLI and tests: the host's own user, release manager.
   */
  readonly participant?: ParticipantIdentity;
  readonly transport: 'ipc' | 'websocket' | 'cli' | 'test';
  /** The client that calls (terminal panels detach when it goes away). */
  readonly connection?: ClientConnection;
  /** Set when a held override is carried out after its four-eyes approvals (approvals.ts). */
  readonly fourEyes?: { readonly id: string; readonly approvedBy: readonly string[] };
}

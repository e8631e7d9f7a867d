import type { JournalEvent } from './domain/journal/journal-event';
import type { RunQuestion } from './requests/playbook-requests';
import type { ReleaseDelta } from './release-delta';

/**
 * Everything main pushes to the renderer, by type. Subscribers get every event and
 * pick what they need; payloads are plain data.
 */
export interface EventPayloads {
  /** New durable journal events of a release (the timeline follows these). */
  'journal.appended': { readonly slug: string; readonly events: readonly JournalEvent[] };
  /** What changed in a release's state after durable events: the live view applies it (contract/release-delta.ts). */
  'release.changed': ReleaseDelta;
  /** A release was created or its listing changed. */
  'releases.changed': Record<string, never>;
  /** The workspace calendar (blackouts, Friday rule, imports) changed on disk. */
  'calendar.changed': Record<string, never>;
  /** The workspace's target library changed (a target saved to it or removed). */
  'targets.changed': Record<string, never>;
  /** Someone joined, left or moved to another view (refetch presence.list). */
  'presence.changed': Record<string, never>;
  /** An invite was made or revoked (refetch participant.list). */
  'participants.changed': Record<string, never>;
  /** The desktop menu asks the cockpit to show a view (checklist, terminals...). */
  'ui.show-view': { readonly view: string };
  /** Live output of a playbook run (raw, ANSI intact), batched every few ms. */
  'run.output': { readonly slug: string; readonly runId: string; readonly stepIndex: number; readonly data: string };
  /** A run waits for a person (question), or no longer does (null). */
  'run.question': { readonly slug: string; readonly runId: string; readonly question: RunQuestion | null };
  /** Countdown of a wait step. */
  'run.wait-tick': { readonly slug: string; readonly runId: string; readonly stepIndex: number; readonly remainingMs: number };
  /**
   * A terminal session ended (for lists and tabs; an attached panel learns it on its data
   * channel, after the last output: contract/terminal-frames.ts).
   */
  'terminal.exit': {
    readonly slug: string;
    readonly sessionId: string;
    readonly exitCode: number;
    readonly signal?: number;
    /** Why it ended: a user closed it (closedBy), the server stopped, or the shell exited. */
    readonly endedBy?: 'closed' | 'server-stopped' | 'exited';
    readonly closedBy?: string;
  };
}

export type EventName = keyof EventPayloads;
export type WarRoomEvent = { [Name in EventName]: { readonly type: Name; readonly payload: EventPayloads[Name] } }[EventName];

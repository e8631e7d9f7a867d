/**
 * The shapes shared by every area's commands and reducers (see PREAMBLE: the framework
 * journals what a command returns, then applies it with the area's reducer).
 *
 * Declared here until the foundation exports its own; they are structural, so the
 * foundation's types fit without a cast.
 */

/** What a command returns: an event not yet journaled (no seq, actor or time yet). */
export interface DomainEvent {
  readonly type: string;
  readonly data: unknown;
}

/** An event as the journal hands it to a reducer: actor and ts come from the framework. */
export interface AppliedEvent {
  readonly type: string;
  readonly data: unknown;
  readonly actor: string;
  readonly ts: string;
  readonly seq: number;
}

/** Who runs a command and when (ISO UTC); commands never read the clock themselves. */
export interface CommandContext {
  readonly actor: string;
  readonly now: string;
}

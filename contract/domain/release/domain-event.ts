/**
 * The shapes every area of a release shares: an event a command produces, the event a
 * reducer applies (the same plus what the journal assigned), and a command's context.
 */
export interface DomainEvent {
  readonly type: string;
  readonly data: unknown;
}

export interface AppliedEvent extends DomainEvent {
  readonly seq: number;
  readonly ts: string;
  readonly actor: string;
}

export interface CommandContext {
  /** Who acts: the operator's name as the journal records it. */
  readonly actor: string;
  /** The moment of the command, ISO 8601 UTC. */
  readonly now: string;
}

/** A command: validates against the current state, returns the events to journal. Throws WarRoomError to refuse. */
export type Command<State> = (state: State, context: CommandContext) => readonly DomainEvent[];

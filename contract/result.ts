import type { ErrorCode, ErrorLocation } from './domain/errors';

/**
 * What every request returns across a process boundary: a value or a typed error.
 *
 * An Error thrown across Electron IPC loses everything but its message, so nothing is
 * thrown across: the main side catches and returns `{ ok: false, error }`.
 */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ContractError };

/** The same codes and locations as the domain's WarRoomError, so nothing is lost in between. */
export type ContractErrorCode = ErrorCode;
export type ContractErrorLocation = ErrorLocation;

export interface ContractError {
  readonly code: ContractErrorCode;
  /** A sentence a release manager can act on. */
  readonly message: string;
  /** The request it answers, e.g. "release.get". */
  readonly request?: string;
  readonly locations?: readonly ContractErrorLocation[];
}

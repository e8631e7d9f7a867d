/**
 * What every request returns across a process boundary: a value or a typed error.
 *
 * An Error thrown across Electron IPC loses everything but its message, so nothing is
 * thrown across: the main side catches and returns `{ ok: false, error }`.
 */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ContractError };

export type ContractErrorCode =
  | 'invalid-request'
  | 'invalid-input'
  | 'not-found'
  | 'conflict'
  | 'refused'
  | 'unauthorized'
  | 'corrupt'
  | 'io'
  | 'internal';

export interface ContractErrorLocation {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly field?: string;
}

export interface ContractError {
  readonly code: ContractErrorCode;
  /** A sentence a release manager can act on. */
  readonly message: string;
  /** The request it answers, e.g. "release.get". */
  readonly request?: string;
  readonly locations?: readonly ContractErrorLocation[];
}

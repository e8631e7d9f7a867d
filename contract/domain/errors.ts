/**
 * The one error type the domain throws on purpose.
 *
 * Every failure a user can act on carries a code (what kind of failure), a message a
 * release manager can act on at 2 a.m., and optional locations (file, line, column,
 * field) so that a bad playbook or a corrupt file is named precisely. The API layer
 * turns it into a typed error result; anything else that escapes is a bug and is
 * reported as `internal`.
 */
export type ErrorCode =
  'invalid-request' | 'invalid-input' | 'not-found' | 'conflict' | 'refused' | 'unauthorized' | 'forbidden' | 'rate-limited' | 'corrupt' | 'io' | 'internal';

/** Where in a file or payload a problem sits. Lines and columns are 1-based. */
export interface ErrorLocation {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly field?: string;
  /** A finding of the final export scan at this place: its rule and fingerprint (never the secret), so a UI can offer to allow it. */
  readonly finding?: { readonly rule: string; readonly fingerprint: string };
}

export class WarRoomError extends Error {
  override readonly name = 'WarRoomError';
  readonly code: ErrorCode;
  readonly locations: readonly ErrorLocation[];

  constructor(code: ErrorCode, message: string, locations: readonly ErrorLocation[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.locations = locations;
  }
}

/** True when the error is a Node system error with the given code (ENOENT, ENOSPC...). */
export function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/**
 * Wrap a file-system failure into a WarRoomError that names the file and says what
 * to do: a full disk and a read-only workspace are the common ones on the day.
 */
export function ioError(action: string, file: string, error: unknown): WarRoomError {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const hint = (typeof code === 'string' ? IO_HINTS[code] : undefined) ?? (error instanceof Error ? error.message : String(error));
  return new WarRoomError('io', `Could not ${action} ${file}: ${hint}`, [{ file }], { cause: error });
}

/** What a file-system error means to the operator, and what to do. */
const IO_HINTS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full; free some space and try again',
  EROFS: 'the workspace is not writable; check its permissions or pick another workspace',
  EACCES: 'the workspace is not writable; check its permissions or pick another workspace',
  EPERM: 'the workspace is not writable; check its permissions or pick another workspace',
  ENOENT: 'the file or folder no longer exists',
  ENOTDIR: 'a part of the path is a file, not a folder; check the path',
  EISDIR: 'it is a folder, not a file; give a file name',
  EEXIST: 'it already exists; move it away or pick another name',
};

import type { ErrorCode, ErrorLocation } from '../../contract/domain/errors';
import { WarRoomError } from '../../contract/domain/errors';
import type { RecordingOptions, SessionRecordingResult } from './recording-sink';

/**
 * Messages between the main thread and the recording thread (recording-worker.ts).
 *
 * Commands of one recording are handled in the order they were posted. The main thread
 * creates the file itself (so an existing or unwritable one fails the session's start
 * at once) and hands the descriptor over with `open`. `close` is answered synchronously:
 * the main thread waits on `signal` (Atomics) and reads the answer from the reply port,
 * so a closed session has its sha256 at once.
 */
export type RecorderCommand =
  | {
      readonly kind: 'open';
      readonly id: number;
      readonly options: RecordingOptions;
      readonly size: { readonly cols: number; readonly rows: number };
      readonly startMs: number;
      /** The file was created by the main thread (reserveRecordingFile): the thread opens it, writes it and closes it. */
      readonly reserved: true;
    }
  | { readonly kind: 'output'; readonly id: number; readonly data: string; readonly atMs: number }
  | { readonly kind: 'resize'; readonly id: number; readonly cols: number; readonly rows: number; readonly atMs: number }
  | { readonly kind: 'marker'; readonly id: number; readonly label: string; readonly atMs: number }
  /** A barrier: answered with `caught-up` once everything posted before it is written. */
  | { readonly kind: 'ping'; readonly id: number; readonly mark: number }
  | { readonly kind: 'close'; readonly id: number; readonly atMs: number; readonly signal: Int32Array };

/** Answers to `close`, on the reply port. */
export type RecorderReply =
  | { readonly kind: 'closed'; readonly id: number; readonly result: SessionRecordingResult }
  | { readonly kind: 'failed'; readonly id: number; readonly error: SerializedError };

/** What the recording thread tells the main thread on its own. */
export type RecorderNotice =
  { readonly kind: 'error'; readonly id: number; readonly error: SerializedError } | { readonly kind: 'caught-up'; readonly id: number; readonly mark: number };

/** A WarRoomError (or any error) as it crosses threads: the class does not survive a structured clone. */
export interface SerializedError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly locations: readonly ErrorLocation[];
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof WarRoomError) return { code: error.code, message: error.message, locations: error.locations };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error), locations: [] };
}

export function deserializeError(error: SerializedError): WarRoomError {
  return new WarRoomError(error.code, error.message, error.locations);
}

import { z } from 'zod';
import { request } from '../define';
import { slugSchema } from './release-requests';
import { targetSchema } from '../domain/release/release-meta';
import type { Target } from '../domain/release/release-meta';
import type { LibraryTarget } from '../domain/workspace/target-library-model';

/** Environment class of a target (production gets the red frame and the typing guard). */
export type TerminalEnvironment = 'production' | 'staging' | 'sandbox';

/** How a terminal session ended. */
export interface TerminalExitView {
  readonly exitCode: number;
  readonly signal?: number;
  /** The recording's file name (in the release's recordings/ folder) and its sha256. */
  readonly recordingFile?: string;
  readonly sha256?: string;
}

/** A terminal session of a release, as the Terminals view lists it. */
export interface TerminalSessionView {
  readonly id: string;
  readonly targetId: string;
  readonly targetName: string;
  readonly environment: TerminalEnvironment;
  readonly cols: number;
  readonly rows: number;
  /** ISO UTC. */
  readonly startedAt: string;
  /** File name in the release's recordings/ folder. */
  readonly recordingFile?: string;
  readonly shellIntegration?: 'bash' | 'zsh';
  readonly exit?: TerminalExitView;
}

/** How a panel attaches: `control` types and drives flow control; `watch` sees the redacted stream, read-only. */
export type TerminalAttachMode = 'control' | 'watch';

/** A panel attached to a session: recent output to paint, and where live output resumes. */
export interface TerminalAttachView {
  /** Names this panel's channel (the id the client chose) and its detach. */
  readonly attachmentId: string;
  readonly mode: TerminalAttachMode;
  readonly session: TerminalSessionView;
  /** Recent output (raw) to write into a fresh xterm first. */
  readonly scrollback: string;
  /**
   * Where the channel's stream stood when the scrollback was taken: output frames below
   * this offset are already in the scrollback and must be skipped.
   */
  readonly offset: number;
}

/** A recording of the release (ours or an imported asciinema file). */
export interface RecordingListing {
  readonly file: string;
  readonly bytes: number;
  /** ISO UTC of the file's start (header timestamp), when known. */
  readonly startedAt?: string;
  readonly title?: string;
  readonly sessionId?: string;
  readonly targetName?: string;
  readonly imported: boolean;
  /** Still being written (its session runs). */
  readonly live: boolean;
}

/** A command of the recorded session (shell integration, from the journal), placed on the recording's clock. */
export interface RecordingCommand {
  /** Seconds from the start of the recording. */
  readonly at: number;
  /** The command line, redacted as the journal holds it. */
  readonly command: string;
  readonly exitCode: number | null;
  readonly durationMs: number;
}

/** A recording read for replay: its size and events (time in seconds, code, data). */
export interface RecordingContent {
  readonly file: string;
  readonly width: number;
  readonly height: number;
  readonly title?: string;
  readonly sourceVersion: 1 | 2 | 3;
  readonly events: readonly (readonly [number, string, string])[];
  /** The header's idle_time_limit (seconds): the recorder asked replay to cap pauses at this. */
  readonly idleTimeLimit?: number;
  /** What the reader had to assume ("shown at 80x24": the file records no size). */
  readonly notes?: readonly string[];
  /** The commands run in this session, with their exit codes (empty for an imported file). */
  readonly commands?: readonly RecordingCommand[];
}

const sessionIdSchema = z.string().uuid();
const dimension = z.number().int().min(2).max(1000);
/** Chosen by the client before it attaches (it names the channel first): letters, digits and dashes, as a UUID. */
const attachmentIdSchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8 to 64 letters, digits or dashes (a UUID)');
const recordingFileSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.cast$/, 'must be the file name of a recording in the release (like 1b2c....cast)');

/** The terminal requests of the contract. */
export const terminalRequests = {
  'terminal.open': request<TerminalSessionView>()(
    z
      .object({
        slug: slugSchema,
        targetId: z.string().min(1).max(128),
        cols: dimension.optional(),
        rows: dimension.optional(),
        /** A terminal on a production target the schedule holds (outside the window, a freeze, the Friday rule) opens only with a written reason. */
        // At least 10 characters, as every schedule override (a reason a post-mortem can read, not "ok").
        override: z
          .object({ reason: z.string().trim().min(10, 'an override needs a written reason of at least 10 characters').max(2000) })
          .strict()
          .optional(),
      })
      .strict(),
  ),
  'terminal.list': request<readonly TerminalSessionView[]>()(z.object({ slug: slugSchema }).strict()),
  /**
   * Attach a panel over the data channel its client opened for `attachmentId` (an Electron
   * MessagePort sent first, or the WebSocket itself): output, input and acknowledgements
   * travel on that channel (contract/terminal-frames.ts), not as requests and events.
   */
  'terminal.attach': request<TerminalAttachView>()(
    z
      .object({ slug: slugSchema, sessionId: sessionIdSchema, attachmentId: attachmentIdSchema, mode: z.enum(['control', 'watch']).default('control') })
      .strict(),
  ),
  'terminal.detach': request<null>()(z.object({ slug: slugSchema, sessionId: sessionIdSchema, attachmentId: attachmentIdSchema }).strict()),
  /** Input without a panel (scripts, the CLI); a panel types on its channel. */
  'terminal.write': request<null>()(z.object({ slug: slugSchema, sessionId: sessionIdSchema, data: z.string().min(1).max(1_000_000) }).strict()),
  'terminal.resize': request<null>()(z.object({ slug: slugSchema, sessionId: sessionIdSchema, cols: dimension, rows: dimension }).strict()),
  'terminal.kill': request<null>()(z.object({ slug: slugSchema, sessionId: sessionIdSchema }).strict()),
  /** Forget an ended session (kills it first if it still runs). */
  'terminal.close': request<null>()(z.object({ slug: slugSchema, sessionId: sessionIdSchema }).strict()),
  /** Add or edit a target of the release (journaled as target.saved). */
  'target.save': request<Target>()(z.object({ slug: slugSchema, target: targetSchema.strict() }).strict()),
  /** The workspace's target library: targets saved once, to add to any release. */
  'targetLibrary.list': request<readonly LibraryTarget[]>()(z.object({}).strict()),
  /** Save a target to the workspace library (a known id is replaced). */
  'targetLibrary.save': request<LibraryTarget>()(z.object({ target: targetSchema.strict() }).strict()),
  'targetLibrary.remove': request<null>()(z.object({ id: targetSchema.shape.id }).strict()),
  'recording.list': request<readonly RecordingListing[]>()(z.object({ slug: slugSchema }).strict()),
  'recording.read': request<RecordingContent>()(z.object({ slug: slugSchema, file: recordingFileSchema }).strict()),
  /** Import an asciinema .cast file (v1, v2 or v3) into the release's recordings. */
  'recording.import': request<RecordingListing>()(
    z.object({ slug: slugSchema, name: z.string().min(1).max(200), content: z.string().min(1).max(6_000_000) }).strict(),
  ),
};

/** Flow-control tuning shared with the renderer's panels (they acknowledge in CharCountAckSize steps). */
export { TerminalTuning } from '../domain/terminal/terminal-constants';

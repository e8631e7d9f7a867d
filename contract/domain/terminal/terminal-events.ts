/** Journal event types of the terminal area (beside the other areas' event types in contract/domain), with their data schemas. */
import { z } from 'zod';
import { eventParser, type AppliedUnion, type EventUnion } from '../journal/typed-events';
import { TerminalEventTypes } from './terminal-event-types';

export { TerminalEventTypes };

/*
 * The data as journaled: shapes only. Fields added after the first terminal events (the
 * session's startedAt, shell integration, how it ended, the recording's redaction count
 * and completeness) are optional, so journals written before them still open.
 */
export const terminalEventDataSchemas = {
  [TerminalEventTypes.opened]: z.object({
    sessionId: z.string(),
    targetId: z.string(),
    targetName: z.string(),
    environment: z.string(),
    /** The command line with its arguments. */
    command: z.string(),
    cols: z.number().int().optional(),
    rows: z.number().int().optional(),
    pid: z.number().int().optional(),
    /** The recording's time 0, to the millisecond. */
    startedAt: z.string().optional(),
    recordingFile: z.string().optional(),
    /** The shell whose integration reports commands (bash, zsh). */
    shellIntegration: z.string().optional(),
  }),
  [TerminalEventTypes.command]: z.object({
    sessionId: z.string(),
    targetId: z.string(),
    targetName: z.string(),
    /** The command line as typed, redacted. */
    command: z.string(),
    startedAt: z.string(),
    finishedAt: z.string(),
    durationMs: z.number(),
    /** Null when the shell did not say. */
    exitCode: z.number().int().nullable(),
    cwd: z.string().optional(),
  }),
  [TerminalEventTypes.closed]: z.object({
    sessionId: z.string(),
    targetId: z.string(),
    targetName: z.string(),
    exitCode: z.number().int(),
    signal: z.number().int().optional(),
    durationMs: z.number(),
    /** Absent in events written before the end was recorded. */
    endedBy: z.enum(['closed', 'server-stopped', 'exited']).optional(),
    closedBy: z.string().optional(),
    recordingFile: z.string().optional(),
    sha256: z.string().optional(),
    bytes: z.number().optional(),
    redactionCount: z.number().int().optional(),
    recordingIncomplete: z.string().optional(),
  }),
  [TerminalEventTypes.policyOverridden]: z.object({
    targetId: z.string(),
    targetName: z.string(),
    reason: z.string(),
    findings: z.array(z.object({ id: z.string(), rule: z.string(), message: z.string() })),
  }),
} as const;

export type TerminalEventData<Type extends keyof typeof terminalEventDataSchemas> = z.output<(typeof terminalEventDataSchemas)[Type]>;

/** A terminal event as main produces it: narrow on `type` to get its data. */
export type TerminalEvent = EventUnion<typeof terminalEventDataSchemas>;
export type AppliedTerminalEvent = AppliedUnion<TerminalEvent>;

/** The typed terminal event of a journal event: null for another area's or an unknown type; throws (corrupt) when the data does not fit. */
export const parseTerminalEvent = eventParser(terminalEventDataSchemas);

import { WarRoomError } from '../../contract/domain/errors';
import type { AsciicastHeader } from './asciicast-writer';

/** One event of a recording, with its absolute time in seconds from the start. */
export type AsciicastEvent = readonly [time: number, code: 'o' | 'i' | 'r' | 'm' | 'x', data: string];

/** A recording as War Room replays it (asciicast v1 and v3 are converted to this). */
export interface Asciicast {
  readonly header: AsciicastHeader;
  readonly events: readonly AsciicastEvent[];
  /** The version the file was written in. */
  readonly sourceVersion: 1 | 2 | 3;
  /** What the reader had to assume, for the player to say (a size the file does not give). */
  readonly notes: readonly string[];
}

/** A problem in a file: 1-based line, and why. */
export interface AsciicastProblem {
  readonly line: number;
  readonly reason: string;
}

export interface AsciicastValidation {
  readonly cast: Asciicast | undefined;
  readonly problems: readonly AsciicastProblem[];
}

/** Limits of validation. */
export const AsciicastReaderLimits = {
  /** Problems listed before giving up: enough to see a pattern, not a wall of text. */
  MaxProblems: 20,
  /**
   * The size a recording is shown at when its header has none: `asciinema rec` without a
   * terminal (in CI, through a pipe) writes width and height 0. 80x24 is every terminal's default.
   */
  FallbackCols: 80,
  FallbackRows: 24,
} as const;

/** Width and height as the header gives them, or the fallback (with a note) when it records none (0, null, absent). */
function readSize(
  width: unknown,
  height: unknown,
  names: readonly [string, string],
  line: number,
  problems: AsciicastProblem[],
  notes: string[],
): { width: number; height: number } {
  const unknownSize = (value: unknown) => value === 0 || value === null || value === undefined;
  if (unknownSize(width) || unknownSize(height)) {
    notes.push(
      `The recording does not say its terminal size (${names[0]} ${JSON.stringify(width ?? null)}, ${names[1]} ${JSON.stringify(height ?? null)}: asciinema rec without a terminal writes 0); shown at ${AsciicastReaderLimits.FallbackCols}x${AsciicastReaderLimits.FallbackRows}.`,
    );
  }
  if (!unknownSize(width) && !isPositiveInteger(width)) problems.push({ line, reason: `'${names[0]}' must be a positive whole number` });
  if (!unknownSize(height) && !isPositiveInteger(height)) problems.push({ line, reason: `'${names[1]}' must be a positive whole number` });
  return {
    width: isPositiveInteger(width) ? width : AsciicastReaderLimits.FallbackCols,
    height: isPositiveInteger(height) ? height : AsciicastReaderLimits.FallbackRows,
  };
}

const eventCodes = new Set(['o', 'i', 'r', 'm', 'x']);

/**
 * Check an asciicast file (ours, or asciinema's v1/v2/v3) and read it.
 *
 * Every problem names its line and what is wrong, so that an imported file that does
 * not replay can be fixed or reported precisely; `cast` is undefined when there is any.
 */
export function validateAsciicast(text: string): AsciicastValidation {
  const problems: AsciicastProblem[] = [];
  const lines = text.split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first === -1) return { cast: undefined, problems: [{ line: 1, reason: 'the file is empty' }] };
  let parsedHeader: unknown;
  try {
    parsedHeader = JSON.parse(lines[first] as string);
  } catch {
    return { cast: undefined, problems: [{ line: first + 1, reason: 'the header is not JSON (an asciicast file starts with a JSON object)' }] };
  }
  if (typeof parsedHeader !== 'object' || parsedHeader === null || Array.isArray(parsedHeader)) {
    return { cast: undefined, problems: [{ line: first + 1, reason: 'the header must be a JSON object' }] };
  }
  const header = parsedHeader as Record<string, unknown>;
  if (header['version'] === 1) return readVersion1(header, first + 1);
  if (header['version'] !== 2 && header['version'] !== 3) {
    return { cast: undefined, problems: [{ line: first + 1, reason: `version ${JSON.stringify(header['version'])} is not supported (1, 2 or 3 are)` }] };
  }
  const version = header['version'];
  const term = (version === 3 ? header['term'] : header) as Record<string, unknown> | undefined;
  const notes: string[] = [];
  const size = readSize(
    version === 3 ? term?.['cols'] : header['width'],
    version === 3 ? term?.['rows'] : header['height'],
    version === 3 ? ['term.cols', 'term.rows'] : ['width', 'height'],
    first + 1,
    problems,
    notes,
  );

  const events: AsciicastEvent[] = [];
  let previous = 0;
  for (let index = first + 1; index < lines.length && problems.length < AsciicastReaderLimits.MaxProblems; index += 1) {
    const line = (lines[index] as string).replace(/\r$/, '');
    if (line.trim() === '' || (version === 3 && line.startsWith('#'))) continue;
    const lineNumber = index + 1;
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      problems.push({ line: lineNumber, reason: 'not JSON (each event is a JSON array [time, code, data])' });
      continue;
    }
    if (!Array.isArray(event) || event.length !== 3) {
      problems.push({ line: lineNumber, reason: 'an event must be an array of three items [time, code, data]' });
      continue;
    }
    const [time, code, data] = event as [unknown, unknown, unknown];
    if (typeof time !== 'number' || !Number.isFinite(time) || time < 0) {
      problems.push({ line: lineNumber, reason: 'the time must be a number of seconds, zero or more' });
      continue;
    }
    if (typeof code !== 'string' || !eventCodes.has(code) || (code === 'x' && version !== 3)) {
      problems.push({ line: lineNumber, reason: `unknown event code ${JSON.stringify(code)} (expected "o", "i", "r" or "m")` });
      continue;
    }
    if (typeof data !== 'string') {
      problems.push({ line: lineNumber, reason: 'the data must be a string' });
      continue;
    }
    if (code === 'r' && !/^\d+x\d+$/.test(data)) {
      problems.push({ line: lineNumber, reason: `a resize must say COLSxROWS like "120x40", not ${JSON.stringify(data)}` });
      continue;
    }
    // v3 times are intervals since the previous event; v2 times are absolute.
    const absolute = version === 3 ? previous + time : time;
    if (absolute < previous) {
      problems.push({ line: lineNumber, reason: `the time ${time} goes back from ${previous} (times must not decrease)` });
      continue;
    }
    previous = absolute;
    events.push([absolute, code as AsciicastEvent[1], data]);
  }
  if (problems.length > 0) return { cast: undefined, problems };
  return { cast: { header: normalizedHeader(header, size.width, size.height), events, sourceVersion: version, notes }, problems };
}

/**
 * Read an asciicast file, or throw a WarRoomError naming the file, the line and the reason.
 */
export function parseAsciicast(text: string, file: string): Asciicast {
  const { cast, problems } = validateAsciicast(text);
  if (cast !== undefined) return cast;
  const listed = problems
    .slice(0, 5)
    .map((problem) => `line ${problem.line}: ${problem.reason}`)
    .join('; ');
  const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
  throw new WarRoomError(
    'corrupt',
    `Recording ${file} is not a valid asciicast file: ${listed}${more}.`,
    problems.map((problem) => ({ file, line: problem.line })),
  );
}

function readVersion1(header: Record<string, unknown>, line: number): AsciicastValidation {
  const problems: AsciicastProblem[] = [];
  const notes: string[] = [];
  const size = readSize(header['width'], header['height'], ['width', 'height'], line, problems, notes);
  const stdout = header['stdout'];
  if (!Array.isArray(stdout)) problems.push({ line, reason: "a version 1 file needs a 'stdout' array of [delay, data] frames" });
  if (problems.length > 0 || !Array.isArray(stdout)) return { cast: undefined, problems };
  const events: AsciicastEvent[] = [];
  let time = 0;
  for (const [index, frame] of stdout.entries()) {
    if (!Array.isArray(frame) || typeof frame[0] !== 'number' || frame[0] < 0 || typeof frame[1] !== 'string') {
      return { cast: undefined, problems: [{ line, reason: `stdout frame ${index + 1} must be [delay in seconds, text]` }] };
    }
    time += frame[0];
    events.push([time, 'o', frame[1]]);
  }
  return { cast: { header: normalizedHeader(header, size.width, size.height), events, sourceVersion: 1, notes }, problems };
}

function normalizedHeader(header: Record<string, unknown>, width: number, height: number): AsciicastHeader {
  const env = header['env'];
  return {
    version: 2,
    width,
    height,
    ...(typeof header['timestamp'] === 'number' ? { timestamp: header['timestamp'] } : {}),
    ...(typeof header['title'] === 'string' ? { title: header['title'] } : {}),
    // v2 and v3 both keep it at the top level: the recorder's wish that replay shorten pauses.
    ...(isPositiveNumber(header['idle_time_limit']) ? { idle_time_limit: header['idle_time_limit'] } : {}),
    ...(typeof header['command'] === 'string' ? { command: header['command'] } : {}),
    ...(typeof env === 'object' && env !== null && !Array.isArray(env)
      ? { env: Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) }
      : {}),
  };
}

function isPositiveNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

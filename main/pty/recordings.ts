import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordingContent, RecordingListing } from '../../contract/requests/terminal-requests';
import { ioError, isErrno, WarRoomError } from '../../contract/domain/errors';
import type { JournalEvent } from '../core/journal/journal-format';
import { parseAsciicast, validateAsciicast } from './asciicast-reader';
import { recordingCommands } from './recording-commands';

/** Limits of the recordings the app lists and replays. */
export const RecordingLimits = {
  /** Bytes read from each file to find its header line (a header is well under 4k). */
  HeaderBytes: 16 * 1024,
  /**
   * Largest recording replayed in the app: its events cross the transport in one
   * message. Bigger files (a `cat` of a log) are still on disk and exported whole.
   */
  MaxReplayBytes: 50 * 1024 * 1024,
} as const;

const uuidCast = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.cast$/;

/** The recordings of a release, newest first, with what their headers say. */
export async function listRecordings(dir: string, live: ReadonlySet<string>): Promise<RecordingListing[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.cast'));
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return [];
    throw ioError('list the recordings', dir, error);
  }
  const listings = await Promise.all(names.map((name) => describeRecording(dir, name, live.has(name))));
  return listings.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? '') || a.file.localeCompare(b.file));
}

async function describeRecording(dir: string, file: string, live: boolean): Promise<RecordingListing> {
  const path = join(dir, file);
  const info = await stat(path);
  const base: RecordingListing = {
    file,
    bytes: info.size,
    imported: file.startsWith('imported-'),
    live,
    ...(uuidCast.test(file) ? { sessionId: file.slice(0, -5) } : {}),
  };
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(RecordingLimits.HeaderBytes, info.size));
    await handle.read(buffer, 0, buffer.length, 0);
    const header = JSON.parse(buffer.toString('utf8').split('\n')[0] ?? '') as { timestamp?: unknown; title?: unknown };
    const title = typeof header.title === 'string' ? header.title : undefined;
    return {
      ...base,
      ...(typeof header.timestamp === 'number' ? { startedAt: new Date(header.timestamp * 1000).toISOString() } : {}),
      ...(title === undefined ? {} : { title, targetName: title.replace(/ \((production|staging|sandbox)\)$/, '') }),
    };
  } catch {
    return base; // an unreadable header is reported when the file is opened for replay
  } finally {
    await handle.close();
  }
}

/**
 * Read a recording for replay; a broken file is refused with its line and reason. With
 * the release's journal, the commands of its session come along (markers with exit codes).
 */
export async function readRecording(dir: string, file: string, journal: readonly JournalEvent[] = []): Promise<RecordingContent> {
  const path = join(dir, file);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) throw new WarRoomError('not-found', `The recording ${file} does not exist in this release.`, [{ file: path }]);
    throw ioError('read the recording', path, error);
  }
  if (size > RecordingLimits.MaxReplayBytes) {
    throw new WarRoomError(
      'refused',
      `The recording ${file} is ${Math.round(size / 1048576)} MB; the app replays up to ${RecordingLimits.MaxReplayBytes / 1048576} MB. Replay it with asciinema play ${path}.`,
      [{ file: path }],
    );
  }
  // A live recording may end in a half-written line: replay what is complete.
  let text = await readFile(path, 'utf8');
  const lastNewline = text.lastIndexOf('\n');
  if (lastNewline !== -1 && lastNewline < text.length - 1) text = text.slice(0, lastNewline + 1);
  const cast = parseAsciicast(text, path);
  const duration = cast.events.at(-1)?.[0] ?? 0;
  return {
    file,
    width: cast.header.width,
    height: cast.header.height,
    ...(cast.header.title === undefined ? {} : { title: cast.header.title }),
    sourceVersion: cast.sourceVersion,
    events: cast.events.map(([time, code, data]) => [time, code, data] as const),
    ...(cast.header.idle_time_limit === undefined ? {} : { idleTimeLimit: cast.header.idle_time_limit }),
    ...(cast.notes.length === 0 ? {} : { notes: cast.notes }),
    commands: recordingCommands(journal, file, cast.header, duration),
  };
}

/** Import an asciinema file: validated first (problems by line), then stored as imported-<name>.cast. */
export async function importRecording(dir: string, name: string, content: string): Promise<RecordingListing> {
  const validation = validateAsciicast(content);
  if (!validation.cast) {
    const problems = validation.problems
      .slice(0, 3)
      .map((problem) => `line ${problem.line}: ${problem.reason}`)
      .join('; ');
    throw new WarRoomError(
      'invalid-input',
      `${name} is not an asciicast recording we can replay: ${problems}.`,
      validation.problems.slice(0, 3).map((problem) => ({ file: name, line: problem.line })),
    );
  }
  const stem =
    name
      .replace(/\.cast$/i, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+/, '')
      .slice(0, 80) || 'recording';
  const file = `imported-${stem}-${randomBytes(3).toString('hex')}.cast`;
  const path = join(dir, file);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(path, content, { flag: 'wx' });
  } catch (error) {
    throw ioError('store the imported recording', path, error);
  }
  return describeRecording(dir, file, false);
}

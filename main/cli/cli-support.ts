import { parseArgs } from 'node:util';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { resolveWorkspaceDir } from '../core/workspace/workspace-location';
import { WarRoomError } from '../../contract/domain/errors';
import { assertRegularFile } from '../core/support/regular-file';

/** Exit codes: 0 ok, 1 the command ran and found a problem, 2 the command line was wrong, 3 the workspace is in use. */
export const EXIT = { ok: 0, failed: 1, usage: 2, busy: 3 } as const;

/** A mistake on the command line: printed with the usage, exit 2. */
export class UsageError extends Error {}

/** One `warroom` command: its usage lines (for --help) and what it does. */
export interface CliCommand {
  readonly name: string;
  /** The lines of the help text, the first starting with `warroom <name>`. */
  readonly usage: string;
  run(args: readonly string[]): Promise<number>;
}

/** parseArgs with its errors turned into usage errors. */
export function parse<T extends Parameters<typeof parseArgs>[0]>(config: T) {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Progress lines go to stderr, so stdout stays the command's result. */
export function progress(message: string): void {
  process.stderr.write(`warroom: ${message}\n`);
}

/** A release folder given as a path, or a slug in the workspace. */
export async function releaseDir(given: string, workspace: string | undefined): Promise<{ dir: string; slug: string }> {
  if (existsSync(join(given, 'journal.jsonl'))) {
    // A named pipe or a /proc file in its place would hang the reader: refuse it now.
    await assertRegularFile(join(given, 'journal.jsonl'), 'a journal');
    return { dir: resolve(given), slug: basename(resolve(given)) };
  }
  const dir = join(resolveWorkspaceDir(workspace), 'releases', given);
  if (existsSync(join(dir, 'journal.jsonl'))) {
    await assertRegularFile(join(dir, 'journal.jsonl'), 'a journal');
    return { dir, slug: given };
  }
  if (existsSync(given) && !statSync(given).isDirectory())
    throw new WarRoomError('not-found', `${given} is a file, not a release folder: give the folder that holds journal.jsonl, or a release's name.`, [
      { file: given },
    ]);
  throw new WarRoomError('not-found', `"${given}" is neither a release folder nor a release in ${dirname(dir)}.`);
}

/**
 * Check an --out path before the work that fills it: its folder exists and is a folder,
 * and the path itself is not a folder. Why: a report or bundle takes a while to make; a
 * typo in the path should fail first, in one line, not after.
 */
export function checkOutputPath(out: string): string {
  const path = resolve(out);
  const folder = dirname(path);
  if (!existsSync(folder))
    throw new WarRoomError('not-found', `--out ${out}: the folder ${folder} does not exist; create it or pick another place.`, [{ file: folder }]);
  if (!statSync(folder).isDirectory())
    throw new WarRoomError('invalid-input', `--out ${out}: ${folder} is a file, not a folder; pick another place.`, [{ file: folder }]);
  const existing = existsSync(path) ? statSync(path) : null;
  if (existing?.isDirectory()) throw new WarRoomError('invalid-input', `--out ${out} is a folder; give a file name inside it.`, [{ file: path }]);
  // A bundle is renamed into place: over /dev/full it would replace the device with a file.
  if (existing && !existing.isFile())
    throw new WarRoomError('invalid-input', `--out ${out} is a device, pipe or socket, not a file; give a file name.`, [{ file: path }]);
  return path;
}
